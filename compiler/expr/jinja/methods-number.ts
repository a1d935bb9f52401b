// Python methods of int, bool and float values (Python 3.11): bit_length,
// bit_count, conjugate, is_integer, as_integer_ratio, hex.

import { stripAsciiSpace } from "../../../runtime/stdlib/py/number-text";
import {
  bigOf,
  isFloat,
  isInt,
  mkFloat,
  mkInt,
  numberOf,
  PyError,
  PyTuple,
  type PyValue,
  pyTypeName,
  truthy,
  typeError,
  valueError,
} from "../../../runtime/stdlib/py/value";
import { bindArgs } from "./args";
import { intToBytes, PyBytes } from "./bytes";
import { method } from "./method-signatures";
import { iterate } from "./protocol";
import type { JinjaCallable } from "./values";

/** Sign, biased exponent and 52-bit fraction of a double. */
function parts(x: number): { negative: boolean; biased: number; fraction: bigint } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  return {
    negative: bits >> 63n === 1n,
    biased: Number((bits >> 52n) & 0x7ffn),
    fraction: bits & ((1n << 52n) - 1n),
  };
}

function asIntegerRatio(x: number): PyTuple {
  if (Number.isNaN(x)) throw valueError("cannot convert NaN to integer ratio");
  if (!Number.isFinite(x)) throw new PyError("OverflowError", "cannot convert Infinity to integer ratio");
  const { negative, biased, fraction } = parts(x);
  let m = biased === 0 ? fraction : fraction | (1n << 52n);
  let e = (biased === 0 ? 1 : biased) - 1075;
  while (m !== 0n && m % 2n === 0n && e < 0) {
    m /= 2n;
    e++;
  }
  if (m === 0n) e = 0;
  const num = e >= 0 ? m << BigInt(e) : m;
  const den = e >= 0 ? 1n : 1n << BigInt(-e);
  return new PyTuple([mkInt(negative ? -num : num), mkInt(den)]);
}

function floatHex(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  const { negative, biased, fraction } = parts(x);
  const sign = negative ? "-" : "";
  if (biased === 0 && fraction === 0n) return `${sign}0x0.0p+0`;
  const exp = biased === 0 ? -1022 : biased - 1023;
  const digits = fraction.toString(16).padStart(13, "0");
  return `${sign}0x${biased === 0 ? 0 : 1}.${digits}p${exp < 0 ? "-" : "+"}${Math.abs(exp)}`;
}

function intMethod(v: number | bigint | boolean, name: string): (() => PyValue) | undefined {
  const n = bigOf(v);
  const magnitude = n < 0n ? -n : n;
  if (name === "bit_length") return () => magnitude.toString(2).replace(/^0$/, "").length;
  if (name === "bit_count") return () => magnitude.toString(2).replace(/0/g, "").length;
  if (name === "conjugate") return () => mkInt(n);
  if (name === "as_integer_ratio") return () => new PyTuple([mkInt(n), 1]);
  return undefined;
}

function floatMethod(x: number, name: string): (() => PyValue) | undefined {
  if (name === "is_integer") return () => Number.isInteger(x);
  if (name === "as_integer_ratio") return () => asIntegerRatio(x);
  if (name === "hex") return () => floatHex(x);
  if (name === "conjugate") return () => mkFloat(x);
  return undefined;
}

/** int.from_bytes(bytes, byteorder, signed=): bytes or an iterable of ints below 256. */
function intFromBytes(data: PyValue, byteorder: PyValue, signed: boolean): PyValue {
  if (typeof data === "string") throw typeError("cannot convert 'str' object to bytes");
  const octets =
    data instanceof PyBytes
      ? [...data.data]
      : iterate(data).map((b) => {
          if (!isInt(b) && typeof b !== "boolean")
            throw typeError(`'${pyTypeName(b)}' object cannot be interpreted as an integer`);
          const n = Number(bigOf(b));
          if (n < 0 || n > 255) throw new PyError("ValueError", "bytes must be in range(0, 256)");
          return n;
        });
  if (byteorder !== "big" && byteorder !== "little")
    throw new PyError("ValueError", "byteorder must be either 'little' or 'big'");
  if (byteorder === "little") octets.reverse();
  let n = 0n;
  for (const b of octets) n = (n << 8n) | BigInt(b);
  if (signed && octets.length > 0 && octets[0]! >= 0x80) n -= 1n << BigInt(8 * octets.length);
  return mkInt(n);
}

/** float.fromhex(text): Python's hexadecimal float syntax, `[sign][0x]digits[.digits][p[sign]exp]`, inf, nan. */
function floatFromHex(text: PyValue): PyValue {
  if (typeof text !== "string") throw typeError(`must be str, not ${pyTypeName(text)}`);
  const s = stripAsciiSpace(text).toLowerCase();
  const special = /^([+-]?)(inf|infinity|nan)$/.exec(s);
  if (special) return mkFloat(special[2] === "nan" ? Number.NaN : special[1] === "-" ? -Infinity : Infinity);
  const m = /^([+-]?)(?:0x)?([0-9a-f]*)(?:\.([0-9a-f]*))?(?:p([+-]?\d+))?$/.exec(s);
  if (!m || (m[2] === "" && (m[3] ?? "") === ""))
    throw valueError("invalid hexadecimal floating-point string");
  const digits = `${m[2]}${m[3] ?? ""}`;
  const exponent = Number(m[4] ?? 0) - 4 * (m[3] ?? "").length;
  const mantissa = BigInt(`0x${digits}`);
  // scale in two steps so that neither power of two overflows on its own
  const half = Math.trunc(exponent / 2);
  const x = Number(mantissa) * 2 ** half * 2 ** (exponent - half);
  if (!Number.isFinite(x))
    throw new PyError("OverflowError", "hexadecimal value too large to represent as a float");
  return mkFloat(m[1] === "-" ? -x : x);
}

/** A bound method of a number, or undefined when it has none of that name. */
export function numberAttribute(v: PyValue, name: string): JinjaCallable | undefined {
  const m = isFloat(v)
    ? floatMethod(numberOf(v), name)
    : typeof v === "number" || typeof v === "bigint" || typeof v === "boolean"
      ? intMethod(v, name)
      : undefined;
  const owner = isFloat(v) ? "float" : "int";
  if (m) return method(owner, name, () => m());
  if (name === "from_bytes" && !isFloat(v))
    return method(owner, name, (args, kwargs) => {
      const [data, byteorder] = bindArgs("from_bytes", args, kwargs, ["bytes", "byteorder", "signed"], 1);
      const signed = Object.hasOwn(kwargs, "signed") && truthy(kwargs.signed!);
      return intFromBytes(data!, byteorder === undefined ? "big" : byteorder, signed);
    });
  if (name === "fromhex" && isFloat(v)) return method(owner, name, (args) => floatFromHex(args[0]!));
  if (name === "to_bytes" && !isFloat(v))
    return method(owner, name, (args, kwargs) => {
      const [length, byteorder] = bindArgs("to_bytes", args, kwargs, ["length", "byteorder", "signed"]);
      const signed = Object.hasOwn(kwargs, "signed") && truthy(kwargs.signed!);
      return intToBytes(
        v,
        length === undefined ? 1 : length,
        byteorder === undefined ? "big" : byteorder,
        signed,
      );
    });
  return undefined;
}
