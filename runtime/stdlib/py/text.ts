// Python's str() and repr() of values: what an expression embedded in text
// inserts (`None`, `True`, `[1, 'a']`, `{'k': None}`, `1.0`, `1e-07`, `(1,)`).

import { PyDate, PyDateTime, PyTimedelta } from "./datetime";
import { dictKeys } from "./dict";
import { floatRepr } from "./float-repr";
import { intDecimal } from "./int-text";
import { isDict, isOpaque, PyComplex, PyFloat, PySet, PyTuple, type PyValue } from "./value";

export { floatRepr };

export function pyStr(v: PyValue): string {
  if (typeof v === "string") return v;
  if (v instanceof PyDateTime || v instanceof PyDate || v instanceof PyTimedelta) return v.pyStr();
  return pyRepr(v);
}

export function pyRepr(v: PyValue): string {
  return reprWith(v);
}

/**
 * What an evaluator changes in repr(): its own value types, its own spelling
 * of sets or dicts. Return undefined to keep the default; `repr` recurses with
 * the same hook.
 */
export type ReprHook = (v: PyValue, repr: (x: PyValue) => string) => string | undefined;

/** Python's repr() with an evaluator's hook, consulted for every non-scalar value. */
export function reprWith(v: PyValue, hook?: ReprHook): string {
  const repr = (x: PyValue): string => reprWith(x, hook);
  if (v === null) return "None";
  switch (typeof v) {
    case "boolean":
      return v ? "True" : "False";
    case "bigint":
      return intDecimal(v);
    case "number":
      return Number.isInteger(v) ? String(v) : floatRepr(v);
    case "string":
      return strRepr(v);
  }
  if (v instanceof PyFloat) return floatRepr(v.v);
  if (v instanceof PyComplex) return complexRepr(v);
  if (v instanceof PyDateTime || v instanceof PyDate || v instanceof PyTimedelta) return v.pyRepr();
  const special = hook?.(v, repr);
  if (special !== undefined) return special;
  if (Array.isArray(v)) return `[${v.map(repr).join(", ")}]`;
  if (v instanceof PyTuple) {
    if (v.items.length === 1) return `(${repr(v.items[0]!)},)`;
    return `(${v.items.map(repr).join(", ")})`;
  }
  if (v instanceof PySet) return v.size === 0 ? "set()" : `{${v.values().map(repr).join(", ")}}`;
  if (isDict(v)) {
    return `{${dictKeys(v)
      .map((k) => `${strRepr(k)}: ${repr(v[k]!)}`)
      .join(", ")}}`;
  }
  if (isOpaque(v)) {
    // an evaluator's own objects (bytes, range, a compiled pattern) know their repr()
    const own = (v as { repr?: () => string }).repr;
    return typeof own === "function" ? own.call(v) : `<${v.pyOpaque}>`;
  }
  return String(v);
}

/** repr() of one part of a complex: a float's, without a trailing `.0` (`1`, `1.5`, `-0`, `1e+16`). */
export function complexPartRepr(n: number): string {
  const text = floatRepr(n);
  return text.endsWith(".0") ? text.slice(0, -2) : text;
}

/** repr() (and str()) of a complex: `1j`, `(1.5-2j)`, `(-0+1j)`. */
export function complexRepr(c: PyComplex): string {
  const im = `${complexPartRepr(c.im)}j`;
  if (c.re === 0 && !Object.is(c.re, -0)) return im;
  return `(${complexPartRepr(c.re)}${im.startsWith("-") ? "" : "+"}${im})`;
}

/** Printable ASCII but the quote and the backslash: repr() only puts quotes around it. */
const PLAIN_ASCII = /^[\x20-\x26\x28-\x5b\x5d-\x7e]*$/;

/** repr() of a str: single quotes unless the text has ' and no ", Python's escapes. */
export function strRepr(s: string): string {
  if (PLAIN_ASCII.test(s)) return `'${s}'`;
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === quote || ch === "\\") out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, "0")}`;
    else if (!isPrintable(cp)) out += codePointEscape(cp);
    else out += ch;
  }
  return out + quote;
}

/** Python's escape of one code point in repr() and ascii(): \\xe9, \\u20ac, \\U0001f600. */
export function codePointEscape(cp: number): string {
  if (cp <= 0xff) return `\\x${cp.toString(16).padStart(2, "0")}`;
  if (cp <= 0xffff) return `\\u${cp.toString(16).padStart(4, "0")}`;
  return `\\U${cp.toString(16).padStart(8, "0")}`;
}

/**
 * The message of the UnicodeEncodeError that encoding `text` with the 'ascii'
 * or 'latin-1' codec raises, or undefined when every character fits. Python
 * names the run of characters that do not fit, starting at the first one.
 */
export function encodeErrorMessage(codec: "ascii" | "latin-1", text: string): string | undefined {
  const limit = codec === "ascii" ? 0x80 : 0x100;
  const chars = [...text];
  const fits = (i: number) => chars[i]!.codePointAt(0)! < limit;
  const start = chars.findIndex((_, i) => !fits(i));
  if (start < 0) return undefined;
  let end = start + 1;
  while (end < chars.length && !fits(end)) end++;
  const what =
    end - start === 1
      ? `character '${codePointEscape(chars[start]!.codePointAt(0)!)}' in position ${start}`
      : `characters in position ${start}-${end - 1}`;
  return `'${codec}' codec can't encode ${what}: ordinal not in range(${limit})`;
}

const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

function isPrintable(cp: number): boolean {
  if (cp >= 0x20 && cp < 0x7f) return true;
  return !NON_PRINTABLE.test(String.fromCodePoint(cp));
}
