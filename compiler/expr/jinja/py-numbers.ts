// Python number conversions and rounding used by the int, float and round
// filters: int(text, base) and float(text) parsing (underscores, Unicode
// digits, inf/nan), int(float) truncation, round() with ties to even.

import { INT_MAX_STR_DIGITS } from "../../../runtime/stdlib/py/int-text";
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

const DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";

function normalizeDigits(s: string): string {
  return s.replace(/\p{Nd}/gu, (d) => {
    const cp = d.codePointAt(0)!;
    if (cp < 128) return d;
    for (let base = cp; base > cp - 10; base--) {
      if (!/\p{Nd}/u.test(String.fromCodePoint(base - 1))) return String(cp - base);
    }
    return d;
  });
}

/** Python int(text, base); null when Python would raise ValueError. */
export function parsePyInt(text: string, base: number): number | bigint | null {
  if (base !== 0 && (base < 2 || base > 36)) return null;
  let s = normalizeDigits(text).trim();
  let sign = 1n;
  if (s.startsWith("+") || s.startsWith("-")) {
    if (s[0] === "-") sign = -1n;
    s = s.slice(1);
  }
  const prefix = /^0([box])/i.exec(s);
  let b = base;
  if (prefix) {
    const p = prefix[1]!.toLowerCase();
    const pb = p === "b" ? 2 : p === "o" ? 8 : 16;
    if (b === 0 || b === pb) {
      b = pb;
      s = s.slice(2);
      if (s.startsWith("_")) s = s.slice(1);
    }
  }
  if (b === 0) {
    if (/^0+(_?0)*$/.test(s)) return 0;
    if (/^0/.test(s)) return null;
    b = 10;
  }
  if (!/^[0-9a-z]+(_[0-9a-z]+)*$/i.test(s)) return null;
  // Past CPython's digit limit int() raises ValueError (see int-text.ts).
  const powerOfTwo = (b & (b - 1)) === 0;
  if (!powerOfTwo && s.replace(/_/g, "").length > INT_MAX_STR_DIGITS) return null;
  let n = 0n;
  for (const c of s.replace(/_/g, "").toLowerCase()) {
    const d = DIGITS.indexOf(c);
    if (d < 0 || d >= b) return null;
    n = n * BigInt(b) + BigInt(d);
  }
  return mkInt(sign * n);
}

/** Python float(text); null when Python would raise ValueError. */
export function parsePyFloat(text: string): number | null {
  const s = normalizeDigits(text).trim().toLowerCase();
  const m = /^([+-]?)(inf|infinity|nan)$/.exec(s);
  if (m) return m[2] === "nan" ? Number.NaN : m[1] === "-" ? -Infinity : Infinity;
  if (!/^[+-]?((\d(_?\d)*)?\.?\d(_?\d)*|\d(_?\d)*\.)(e[+-]?\d(_?\d)*)?$/.test(s)) return null;
  return Number(s.replace(/_/g, ""));
}

export function toPyFloat(v: PyValue): number {
  if (v instanceof JinjaUndefined) v.fail();
  if (isNumeric(v)) return floatOf(v);
  if (typeof v === "string") {
    const f = parsePyFloat(v);
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

/** Python's round(x, digits): decided on the exact binary value, ties to even. */
function roundHalfEven(x: number, digits: number): number {
  if (!Number.isFinite(x) || Math.abs(x) >= 1e21 || digits > 90) return x;
  const [ip, fp] = Math.abs(x).toFixed(100).split(".") as [string, string];
  const keep = fp.slice(0, digits);
  const rest = fp.slice(digits);
  let up: boolean;
  if (rest[0]! !== "5") up = rest[0]! > "5";
  else if (/[1-9]/.test(rest.slice(1))) up = true;
  else up = Number((digits > 0 ? keep[digits - 1] : ip[ip.length - 1]) ?? "0") % 2 === 1;
  const n = (BigInt(ip + keep) + (up ? 1n : 0n)).toString().padStart(digits + 1, "0");
  const text = digits > 0 ? `${n.slice(0, -digits)}.${n.slice(-digits)}` : n;
  const r = Number(text);
  return x < 0 || Object.is(x, -0) ? -r : r;
}

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
  const x = numberOf(value);
  if (precision < 0) {
    const unit = 10 ** -precision;
    return mkFloat(roundHalfEven(x / unit, 0) * unit);
  }
  const r = roundHalfEven(x, precision);
  return mkFloat(r === 0 && (x < 0 || Object.is(x, -0)) ? -0 : r);
}
