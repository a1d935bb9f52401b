// YAQL's int(str) / float(str), which are Python's.

import { parseFloatText, parseIntText } from "../../../runtime/stdlib/py/number-text";
import { strRepr } from "../../../runtime/stdlib/py/text";
import { mkFloat, PyError, type PyValue } from "../../../runtime/stdlib/py/value";

/** int(text) with base 10. */
export function parsePyInt(text: string): number | bigint {
  const n = parseIntText(text, 10);
  if (n === null) throw new PyError("ValueError", `invalid literal for int() with base 10: ${strRepr(text)}`);
  return n;
}

/** float(text). */
export function parsePyFloat(text: string): PyValue {
  const f = parseFloatText(text);
  if (f === null) throw new PyError("ValueError", `could not convert string to float: ${strRepr(text)}`);
  return mkFloat(f);
}
