// Python's int(str) / float(str) parsing rules: surrounding whitespace,
// underscores between digits, any Unicode decimal digit, inf/nan spellings.

import { checkIntTextDigits } from "../../../runtime/stdlib/py/int-text";
import { strRepr } from "../../../runtime/stdlib/py/text";
import { PY_SPACE } from "../../../runtime/stdlib/py/unicode";
import { mkFloat, mkInt, PyError, type PyValue } from "../../../runtime/stdlib/py/value";

const ND = /\p{Nd}/u;

/** The value 0-9 of a Unicode decimal digit (digit blocks are runs of ten). */
function digitValue(ch: string): number {
  let cp = ch.codePointAt(0)!;
  let start = cp;
  while (ND.test(String.fromCodePoint(start - 1))) start--;
  cp -= start;
  return cp % 10;
}

/** Replaces every Unicode decimal digit by its ASCII digit. */
export function digitsToAscii(text: string): string {
  if (/^[\x00-\x7f]*$/.test(text)) return text;
  let out = "";
  for (const ch of text) out += ND.test(ch) && !/[0-9]/.test(ch) ? String(digitValue(ch)) : ch;
  return out;
}

const EDGE_SPACE = new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, "gu");

export function pyStrip(text: string): string {
  return text.replace(EDGE_SPACE, "");
}

/** int(text) with base 10. */
export function parsePyInt(text: string): number | bigint {
  const s = digitsToAscii(pyStrip(text));
  if (!/^[+-]?[0-9](?:_?[0-9])*$/.test(s)) {
    throw new PyError("ValueError", `invalid literal for int() with base 10: ${strRepr(text)}`);
  }
  const plain = s.replaceAll("_", "");
  checkIntTextDigits(plain.replace(/^[+-]/, "").length);
  return mkInt(BigInt(plain));
}

/** float(text). */
export function parsePyFloat(text: string): PyValue {
  const s = digitsToAscii(pyStrip(text));
  const special = /^([+-]?)(inf|infinity|nan)$/i.exec(s);
  if (special) {
    const neg = special[1] === "-";
    if (special[2]!.toLowerCase() === "nan") return mkFloat(Number.NaN);
    return mkFloat(neg ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY);
  }
  const digits = "[0-9](?:_?[0-9])*";
  const re = new RegExp(`^[+-]?(?:${digits}(?:\\.(?:${digits})?)?|\\.${digits})(?:[eE][+-]?${digits})?$`);
  if (!re.test(s)) throw new PyError("ValueError", `could not convert string to float: ${strRepr(text)}`);
  return mkFloat(Number(s.replaceAll("_", "")));
}
