// Python's int(text, base) and float(text): the whitespace they skip, underscores
// between digits, any Unicode decimal digit, inf/nan spellings. CPython turns
// non-ASCII whitespace into spaces, then skips only ASCII whitespace: so
// U+0085 and U+3000 are skipped, but U+001C-U+001F (which str.isspace() counts)
// and U+FEFF (which JavaScript's trim() skips) are not.

import { checkIntTextDigits } from "./int-text";
import { strRepr } from "./text";
import { PY_NON_ASCII_SPACE } from "./unicode";
import { mkFloat, mkInt, PyError, type PyValue } from "./value";

const NUMBER_SPACE = `\\t-\\r ${PY_NON_ASCII_SPACE}`;
const EDGE_SPACE = new RegExp(`^[${NUMBER_SPACE}]+|[${NUMBER_SPACE}]+$`, "g");
const ASCII_EDGE_SPACE = /^[\t-\r ]+|[\t-\r ]+$/g;
const ND = /\p{Nd}/u;
const DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";
const D = "[0-9](?:_?[0-9])*";
/** An optional sign and 1-15 ASCII digits: exact as a double, the same in every base-10 spelling Python accepts. */
const SHORT_DECIMAL = /^[+-]?[0-9]{1,15}$/;
const FLOAT_TEXT = new RegExp(`^[+-]?(?:${D}(?:\\.(?:${D})?)?|\\.${D})(?:e[+-]?${D})?$`);

/** The text int() and float() parse: surrounding whitespace gone. */
export function stripNumberText(text: string): string {
  return text.replace(EDGE_SPACE, "");
}

/** Surrounding ASCII whitespace gone, as float.fromhex() skips it. */
export function stripAsciiSpace(text: string): string {
  return text.replace(ASCII_EDGE_SPACE, "");
}

/** The value 0-9 of a Unicode decimal digit (digit blocks are runs of ten). */
function digitValue(ch: string): number {
  const cp = ch.codePointAt(0)!;
  let start = cp;
  while (ND.test(String.fromCodePoint(start - 1))) start--;
  return (cp - start) % 10;
}

/** Replaces every Unicode decimal digit by its ASCII digit. */
export function digitsToAscii(text: string): string {
  if (/^[\x00-\x7f]*$/.test(text)) return text;
  return text.replace(/\p{Nd}/gu, (d) => (d.length === 1 && d < "\x80" ? d : String(digitValue(d))));
}

/**
 * int(text, base): null where Python raises "invalid literal"; past CPython's
 * digit limit the limit's own ValueError is thrown.
 */
export function parseIntText(text: string, base: number): number | bigint | null {
  // The common case, a short plain decimal, without the regexes and the BigInt below.
  if (base === 10 && SHORT_DECIMAL.test(text)) return mkInt(Number(text));
  if (base !== 0 && (base < 2 || base > 36)) return null;
  let s = digitsToAscii(stripNumberText(text));
  let sign = 1n;
  if (s.startsWith("+") || s.startsWith("-")) {
    if (s[0] === "-") sign = -1n;
    s = s.slice(1);
  }
  let b = base;
  const prefix = /^0([box])/i.exec(s);
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
    if (s.startsWith("0")) return null;
    b = 10;
  }
  if (!/^[0-9a-z]+(_[0-9a-z]+)*$/i.test(s)) return null;
  const plain = s.replace(/_/g, "").toLowerCase();
  for (const c of plain) {
    const d = DIGITS.indexOf(c);
    if (d < 0 || d >= b) return null;
  }
  checkIntTextDigits(plain.length, b);
  const n =
    b === 10 ? BigInt(plain) : [...plain].reduce((acc, c) => acc * BigInt(b) + BigInt(DIGITS.indexOf(c)), 0n);
  return mkInt(sign * n);
}

/** float(text); null where Python raises ValueError. */
export function parseFloatText(text: string): number | null {
  const s = digitsToAscii(stripNumberText(text)).toLowerCase();
  const special = /^([+-]?)(inf|infinity|nan)$/.exec(s);
  if (special) return special[2] === "nan" ? Number.NaN : special[1] === "-" ? -Infinity : Infinity;
  if (!FLOAT_TEXT.test(s)) return null;
  return Number(s.replace(/_/g, ""));
}

/** int(text) in base 10, raising Python's ValueError for text that is not an int. */
export function intFromText(text: string): number | bigint {
  const n = parseIntText(text, 10);
  if (n === null) throw new PyError("ValueError", `invalid literal for int() with base 10: ${strRepr(text)}`);
  return n;
}

/** float(text), raising Python's ValueError for text that is not a float. */
export function floatFromText(text: string): PyValue {
  const f = parseFloatText(text);
  if (f === null) throw new PyError("ValueError", `could not convert string to float: ${strRepr(text)}`);
  return mkFloat(f);
}
