// Python bytes in Jinja templates, where `'x'.encode()` and `(255).to_bytes(2,
// 'big')` make them: repr `b'...'` (what text around an expression shows),
// len, iteration and indexing as ints, slicing, ==, ordering, `in`, `+`, `*`,
// and the methods templates use (decode, hex, upper, lower, startswith, split,
// count, find, replace ...). An expression whose value is bytes has no JSON
// form; StackStorm could not store it either.

import { encodeErrorMessage } from "../../../runtime/stdlib/py/text";
import {
  bigOf,
  isInt,
  PyError,
  type PySequenceObject,
  type PyValue,
  pyTypeName,
  typeError,
} from "../../../runtime/stdlib/py/value";

export class PyBytes implements PySequenceObject {
  readonly pyOpaque = "bytes";
  readonly pySequence = true;
  constructor(readonly data: Uint8Array) {}

  get length(): number {
    return this.data.length;
  }

  items(): number[] {
    return [...this.data];
  }

  /** Python's repr: `'` quotes unless the bytes hold `'` and no `"`. */
  repr(): string {
    const hasSingle = this.data.includes(0x27);
    const quote = hasSingle && !this.data.includes(0x22) ? '"' : "'";
    let out = "";
    for (const b of this.data) {
      const c = String.fromCharCode(b);
      if (c === quote || c === "\\") out += `\\${c}`;
      else if (b === 0x09) out += "\\t";
      else if (b === 0x0a) out += "\\n";
      else if (b === 0x0d) out += "\\r";
      else if (b >= 0x20 && b < 0x7f) out += c;
      else out += `\\x${b.toString(16).padStart(2, "0")}`;
    }
    return `b${quote}${out}${quote}`;
  }

  /** The bytes as code points 0-255 (how comparisons and searches see them). */
  latin1(): string {
    return String.fromCharCode(...this.data);
  }

  static fromLatin1(s: string): PyBytes {
    return new PyBytes(Uint8Array.from(s, (c) => c.charCodeAt(0)));
  }

  equals(other: PyBytes): boolean {
    return this.length === other.length && this.data.every((b, i) => b === other.data[i]);
  }
}

function codec(encoding: PyValue | undefined): string {
  const name = (encoding === undefined ? "utf-8" : String(encoding)).toLowerCase().replace(/[-_ ]/g, "");
  const known: Record<string, string> = {
    utf8: "utf-8",
    ascii: "ascii",
    usascii: "ascii",
    latin1: "latin-1",
    latin: "latin-1",
    iso88591: "latin-1",
    l1: "latin-1",
    utf16: "utf-16",
    utf16le: "utf-16-le",
    utf16be: "utf-16-be",
  };
  const found = known[name];
  if (!found) throw new PyError("LookupError", `unknown encoding: ${String(encoding)}`);
  return found;
}

function errorMode(errors: PyValue | undefined): string {
  const mode = errors === undefined ? "strict" : String(errors);
  if (!["strict", "ignore", "replace"].includes(mode))
    throw new PyError("LookupError", `unknown error handler name '${mode}'`);
  return mode;
}

const hex2 = (n: number) => n.toString(16).padStart(2, "0");

function utf16(s: string, littleEndian: boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const u = s.charCodeAt(i);
    if (littleEndian) out.push(u & 0xff, u >> 8);
    else out.push(u >> 8, u & 0xff);
  }
  return out;
}

/** str.encode(encoding='utf-8', errors='strict'). */
export function encode(s: string, encoding?: PyValue, errors?: PyValue): PyBytes {
  const name = codec(encoding);
  const mode = errorMode(errors);
  if (name === "utf-8") {
    if (/[\uD800-\uDFFF]/.test(s.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, "")) && mode === "strict")
      throw new PyError(
        "UnicodeEncodeError",
        "'utf-8' codec can't encode characters: surrogates not allowed",
      );
    return new PyBytes(new TextEncoder().encode(s));
  }
  if (name === "utf-16") return new PyBytes(Uint8Array.from([0xff, 0xfe, ...utf16(s, true)]));
  if (name === "utf-16-le" || name === "utf-16-be")
    return new PyBytes(Uint8Array.from(utf16(s, name === "utf-16-le")));
  const single = name === "ascii" ? "ascii" : "latin-1";
  if (mode === "strict") {
    const problem = encodeErrorMessage(single, s);
    if (problem) throw new PyError("UnicodeEncodeError", problem);
  }
  const limit = single === "ascii" ? 0x80 : 0x100;
  const out: number[] = [];
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < limit) out.push(cp);
    else if (mode === "replace") out.push(0x3f);
  }
  return new PyBytes(Uint8Array.from(out));
}

/** bytes.decode(encoding='utf-8', errors='strict'). */
export function decode(b: PyBytes, encoding?: PyValue, errors?: PyValue): string {
  const name = codec(encoding);
  const mode = errorMode(errors);
  if (name === "latin-1") return b.latin1();
  if (name === "ascii") {
    let out = "";
    for (const [i, x] of b.data.entries()) {
      if (x < 0x80) out += String.fromCharCode(x);
      else if (mode === "replace") out += "\uFFFD";
      else if (mode === "strict")
        throw new PyError(
          "UnicodeDecodeError",
          `'ascii' codec can't decode byte 0x${hex2(x)} in position ${i}: ordinal not in range(128)`,
        );
    }
    return out;
  }
  const label =
    name === "utf-16"
      ? "utf-16"
      : name === "utf-16-be"
        ? "utf-16be"
        : name === "utf-16-le"
          ? "utf-16le"
          : "utf-8";
  try {
    const text = new TextDecoder(label, { fatal: mode === "strict", ignoreBOM: name !== "utf-16" }).decode(
      b.data,
    );
    return mode === "ignore" ? text.replace(/\uFFFD/g, "") : text;
  } catch {
    throw new PyError("UnicodeDecodeError", `'${name}' codec can't decode the bytes: invalid data`);
  }
}

/** int.to_bytes(length, byteorder, *, signed=False). */
export function intToBytes(n: PyValue, length: PyValue, byteorder: PyValue, signed: boolean): PyBytes {
  if (!isInt(length)) throw typeError(`'${pyTypeName(length)}' object cannot be interpreted as an integer`);
  const size = Number(bigOf(length));
  if (size < 0) throw new PyError("ValueError", "length argument must be non-negative");
  if (typeof byteorder !== "string")
    throw typeError(
      `to_bytes() argument 'byteorder' must be str, not ${byteorder === null ? "None" : pyTypeName(byteorder)}`,
    );
  if (byteorder !== "big" && byteorder !== "little")
    throw new PyError("ValueError", "byteorder must be either 'little' or 'big'");
  let v = bigOf(n);
  if (v < 0n && !signed) throw new PyError("OverflowError", "can't convert negative int to unsigned");
  const bits = BigInt(size * 8);
  const fits = signed ? v >= -(1n << (bits - 1n)) && v < 1n << (bits - 1n) : v < 1n << bits;
  if (size === 0 ? v !== 0n : !fits) throw new PyError("OverflowError", "int too big to convert");
  if (v < 0n) v += 1n << bits;
  const out: number[] = [];
  for (let i = 0; i < size; i++) {
    out.push(Number(v & 0xffn));
    v >>= 8n;
  }
  return new PyBytes(Uint8Array.from(byteorder === "big" ? out.reverse() : out));
}
