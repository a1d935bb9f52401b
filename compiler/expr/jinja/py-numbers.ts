// Python number conversions and rounding used by the int, float and round
// filters: int(text, base) and float(text) parsing (underscores, Unicode
// digits, inf/nan), int(float) truncation, round() with ties to even.

import { roundFloat } from "../../../runtime/stdlib/py/float-decimal";
import { parseFloatText, parseIntText } from "../../../runtime/stdlib/py/number-text";
import {
  bigOf,
  floatOf,
  isFloat,
  isNumeric,
  mkFloat,
  mkInt,
  numberOf,
  PyError,
  type PyValue,
  pyTypeName,
  typeError,
} from "../../../runtime/stdlib/py/value";
import { toRepr } from "./protocol";
import { JinjaUndefined } from "./undefined";

// ------------------------------------------------------------ int() and float() parsing

/** Python int(text, base); null when Python would raise ValueError. */
export function parsePyInt(text: string, base: number): number | bigint | null {
  try {
    return parseIntText(text, base);
  } catch (e) {
    if (e instanceof PyError && e.pyType === "ValueError") return null;
    throw e;
  }
}

export function toPyFloat(v: PyValue): number {
  if (v instanceof JinjaUndefined) v.fail();
  if (isNumeric(v)) return floatOf(v);
  if (typeof v === "string") {
    const f = parseFloatText(v);
    if (f === null) throw new PyError("ValueError", `could not convert string to float: ${toRepr(v)}`);
    return f;
  }
  throw typeError(`float() argument must be a string or a real number, not '${pyTypeName(v)}'`);
}

export function doInt(value: PyValue, dflt: PyValue, base: number): PyValue {
  if (typeof value === "string") {
    const n = parsePyInt(value, base);
    if (n !== null) return n;
  } else if (isNumeric(value)) {
    const f = isFloat(value) ? numberOf(value) : null;
    if (f === null) return typeof value === "boolean" ? (value ? 1 : 0) : value;
    if (Number.isNaN(f)) return dflt;
    if (!Number.isFinite(f)) throw new PyError("OverflowError", "cannot convert float infinity to integer");
    return mkInt(BigInt(Math.trunc(f)));
  }
  let f: number;
  try {
    f = toPyFloat(value);
  } catch {
    return dflt;
  }
  // int(float('nan')) is a ValueError (the default); int(float('inf')) an OverflowError, not caught
  if (Number.isNaN(f)) return dflt;
  if (!Number.isFinite(f)) throw new PyError("OverflowError", "cannot convert float infinity to integer");
  return mkInt(BigInt(Math.trunc(f)));
}

// ------------------------------------------------------------ rounding

export function pyRound(value: PyValue, precision: number): PyValue {
  if (!isNumeric(value)) throw typeError(`type ${pyTypeName(value)} doesn't define __round__ method`);
  if (!isFloat(value)) {
    const n = bigOf(value);
    if (precision >= 0) return mkInt(n);
    const unit = 10n ** BigInt(-precision);
    const q = n / unit;
    const r = n - q * unit;
    let rounded = q;
    if (2n * (r < 0n ? -r : r) > unit || (2n * (r < 0n ? -r : r) === unit && q % 2n !== 0n))
      rounded += n < 0n ? -1n : 1n;
    return mkInt(rounded * unit);
  }
  return mkFloat(roundFloat(numberOf(value), precision));
}
