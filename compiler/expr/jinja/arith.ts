// Python arithmetic over the shared value model: ints stay exact (bigint past
// 2^53), `/` is true division, `//` and `%` floor, `**` with negative
// exponents gives floats, sequences concatenate and repeat.

import { complexNegate, complexOp } from "../../../runtime/stdlib/py/complex";
import { dateArithmetic, PyTimedelta } from "../../../runtime/stdlib/py/datetime";
import { floatPower } from "../../../runtime/stdlib/py/float-power";
import {
  bigOf,
  floatOf,
  isFloat,
  isNumeric,
  mkFloat,
  mkInt,
  PyComplex,
  PyError,
  PySet,
  PyTuple,
  type PyValue,
  pyTypeName,
  typeError,
} from "../../../runtime/stdlib/py/value";
import type { BinaryOperator } from "./ast";
import { PyBytes } from "./bytes";
import { percentFormat } from "./format";
import { escapeText, Markup } from "./markup";
import { iterate } from "./protocol";
import { JinjaUndefined } from "./undefined";
import { DictView } from "./values";

const zeroDiv = (msg: string) => new PyError("ZeroDivisionError", msg);

function unsupported(op: string, a: PyValue, b: PyValue): PyError {
  return typeError(`unsupported operand type(s) for ${op}: '${pyTypeName(a)}' and '${pyTypeName(b)}'`);
}

function isIntLike(v: PyValue): v is number | bigint | boolean {
  return isNumeric(v) && !isFloat(v);
}

function intResult(n: bigint): number | bigint {
  return mkInt(n);
}

function smallInts(a: PyValue, b: PyValue): [number, number] | null {
  const x = typeof a === "boolean" ? (a ? 1 : 0) : a;
  const y = typeof b === "boolean" ? (b ? 1 : 0) : b;
  return typeof x === "number" && typeof y === "number" ? [x, y] : null;
}

/** Python fails at once (MemoryError, OverflowError) on a repetition too large to allocate. */
const MAX_REPEAT_LENGTH = 2 ** 28;

function repeatCount(length: number, times: PyValue): number {
  const n = bigOf(times);
  if (n > 2n ** 63n - 1n || n < -(2n ** 63n))
    throw new PyError("OverflowError", "cannot fit 'int' into an index-sized integer");
  if (n <= 0n || length === 0) return 0;
  if (n * BigInt(length) > BigInt(MAX_REPEAT_LENGTH)) throw new PyError("MemoryError", "");
  return Number(n);
}

function repeat<T>(items: readonly T[], times: PyValue): T[] {
  const n = repeatCount(items.length, times);
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(...items);
  return out;
}

export function binaryOp(op: BinaryOperator, a: PyValue, b: PyValue): PyValue {
  if (a instanceof JinjaUndefined) a.fail();
  // `str % undefined`: an undefined value has __getitem__, so str's % takes it as the mapping
  if (b instanceof JinjaUndefined && !(op === "%" && (typeof a === "string" || a instanceof Markup)))
    b.fail();
  if (isNumeric(a) && isNumeric(b)) return numericOp(op, a, b);
  if (
    (a instanceof PyComplex && (isNumeric(b) || b instanceof PyComplex)) ||
    (b instanceof PyComplex && isNumeric(a))
  )
    return complexOp(op, a, b);
  if (a instanceof Markup || b instanceof Markup) {
    const r = markupOp(op, a, b);
    if (r !== undefined) return r;
  }
  if (op === "+" || op === "-") {
    const dated = dateArithmetic(op, a, b);
    if (dated !== undefined) return dated;
  }
  if (op === "-" && a instanceof DictView && a.pyOpaque !== "dict_values") {
    const other = new PySet(iterate(b));
    return new PySet(a.items().filter((x) => !other.has(x)));
  }
  switch (op) {
    case "+":
      if (typeof a === "string" && typeof b === "string") return a + b;
      if (a instanceof PyBytes && b instanceof PyBytes)
        return new PyBytes(Uint8Array.from([...a.data, ...b.data]));
      if (a instanceof PyBytes) throw typeError(`can't concat ${pyTypeName(b)} to bytes`);
      if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
      if (a instanceof PyTuple && b instanceof PyTuple) return new PyTuple([...a.items, ...b.items]);
      if (typeof a === "string") throw typeError(`can only concatenate str (not "${pyTypeName(b)}") to str`);
      if (Array.isArray(a)) throw typeError(`can only concatenate list (not "${pyTypeName(b)}") to list`);
      if (a instanceof PyTuple)
        throw typeError(`can only concatenate tuple (not "${pyTypeName(b)}") to tuple`);
      throw unsupported("+", a, b);
    case "*": {
      const [seq, n] = isIntLike(b) ? [a, b] : isIntLike(a) ? [b, a] : [null, null];
      if (seq !== null && n !== null) {
        if (typeof seq === "string") return seq.repeat(repeatCount(seq.length, n));
        if (Array.isArray(seq)) return repeat(seq, n);
        if (seq instanceof PyTuple) return new PyTuple(repeat(seq.items, n));
        if (seq instanceof PyBytes) return new PyBytes(Uint8Array.from(repeat(seq.items(), n)));
      }
      if (typeof a === "string" || Array.isArray(a) || a instanceof PyTuple) {
        throw typeError(`can't multiply sequence by non-int of type '${pyTypeName(b)}'`);
      }
      throw unsupported("*", a, b);
    }
    case "%":
      if (typeof a === "string") return percentFormat(a, b);
      throw unsupported("%", a, b);
    case "**":
      throw unsupported("** or pow()", a, b);
    default:
      throw unsupported(op, a, b);
  }
}

/** Markup's +, * and %: the other str operand and the % arguments are escaped; undefined when Markup does not apply. */
function markupOp(op: BinaryOperator, a: PyValue, b: PyValue): Markup | undefined {
  const strLike = (v: PyValue): v is string | Markup => typeof v === "string" || v instanceof Markup;
  if (op === "+" && strLike(a) && strLike(b)) return new Markup(escapeText(a) + escapeText(b));
  if (op === "*") {
    const [m, n] = a instanceof Markup ? [a, b] : [b as Markup, a];
    if (isIntLike(n)) return new Markup(m.text.repeat(repeatCount(m.text.length, n)));
    return undefined;
  }
  if (op === "%" && a instanceof Markup) return new Markup(percentFormat(a.text, b, true));
  return undefined;
}

function numericOp(op: BinaryOperator, a: PyValue, b: PyValue): PyValue {
  const floats = isFloat(a) || isFloat(b);
  if (!floats) return intOp(op, a, b);
  const x = floatOf(a);
  const y = floatOf(b);
  switch (op) {
    case "+":
      return mkFloat(x + y);
    case "-":
      return mkFloat(x - y);
    case "*":
      return mkFloat(x * y);
    case "/":
      if (y === 0) throw zeroDiv("float division by zero");
      return mkFloat(x / y);
    case "//":
      if (y === 0) throw zeroDiv("float floor division by zero");
      return mkFloat(floatDivmod(x, y)[0]);
    case "%":
      if (y === 0) throw zeroDiv("float modulo");
      return mkFloat(floatDivmod(x, y)[1]);
    case "**":
      return floatPower(x, y);
  }
}

/** CPython's float_divmod: the quotient comes from fmod, not from x / y (3 // 0.0015 is 1999.0). */
function floatDivmod(x: number, y: number): [number, number] {
  let mod = x % y;
  let div = (x - mod) / y;
  if (mod !== 0) {
    if (y < 0 !== mod < 0) {
      mod += y;
      div -= 1;
    }
  } else mod = y < 0 ? -0 : 0;
  let floordiv: number;
  if (div !== 0) {
    floordiv = Math.floor(div);
    if (div - floordiv > 0.5) floordiv += 1;
  } else floordiv = x / y < 0 || Object.is(x / y, -0) ? -0 : 0;
  return [floordiv, mod];
}

function intOp(op: BinaryOperator, a: PyValue, b: PyValue): PyValue {
  const small = smallInts(a, b);
  if (small) {
    const [x, y] = small;
    let r: number | undefined;
    if (op === "+") r = x + y;
    else if (op === "-") r = x - y;
    else if (op === "*") r = x * y;
    if (r !== undefined && Number.isSafeInteger(r)) return r === 0 ? 0 : r;
  }
  const x = bigOf(a);
  const y = bigOf(b);
  switch (op) {
    case "+":
      return intResult(x + y);
    case "-":
      return intResult(x - y);
    case "*":
      return intResult(x * y);
    case "/":
      if (y === 0n) throw zeroDiv("division by zero");
      return mkFloat(trueDivide(x, y));
    case "//":
      if (y === 0n) throw zeroDiv("integer division or modulo by zero");
      return intResult(floorDiv(x, y));
    case "%":
      if (y === 0n) throw zeroDiv("integer modulo by zero");
      return intResult(x - floorDiv(x, y) * y);
    case "**":
      if (y < 0n) return floatPower(floatOf(a), floatOf(b));
      if (y > 100000n && (x > 1n || x < -1n)) throw new PyError("MemoryError", "");
      return intResult(x ** y);
  }
}

function floorDiv(x: bigint, y: bigint): bigint {
  const q = x / y;
  return x % y !== 0n && x < 0n !== y < 0n ? q - 1n : q;
}

/**
 * Python's int / int: the exact quotient rounded once to a float (dividing
 * two doubles would round the operands first when they pass 2**53).
 */
function trueDivide(x: bigint, y: bigint): number {
  const safe = BigInt(Number.MAX_SAFE_INTEGER);
  if (x <= safe && x >= -safe && y <= safe && y >= -safe) return Number(x) / Number(y);
  const negative = x < 0n !== y < 0n;
  const a = x < 0n ? -x : x;
  const b = y < 0n ? -y : y;
  if (a === 0n) return negative ? -0 : 0;
  // A quotient of 55-56 bits, its remainder folded into the lowest bit: one
  // correctly rounded conversion to 53 bits, then an exact scaling by 2**-shift.
  const shift = 55 - (bitLength(a) - bitLength(b));
  const n = shift >= 0 ? a << BigInt(shift) : a;
  const d = shift >= 0 ? b : b << BigInt(-shift);
  let q = n / d;
  if (n % d !== 0n) q |= 1n;
  // (2 ** -shift alone would be 0 below 2**-1074; subnormal results may round twice.)
  const r = shift > 1000 ? Number(q) * 2 ** -1000 * 2 ** -(shift - 1000) : Number(q) * 2 ** -shift;
  if (!Number.isFinite(r))
    throw new PyError("OverflowError", "integer division result too large for a float");
  return negative ? -r : r;
}

function bitLength(n: bigint): number {
  return n.toString(2).length;
}

/**
 * `left ** right` where Jinja's optimizer folded `left` to a constant but not
 * the power: the compiled code writes the constant back as `-3`, and Python
 * reads `(-3 ** x)` as `-(3 ** x)`, so `-3 ** ctx('f')` is -15.58..., not an error.
 */
export function powOfFoldedLeft(left: PyValue, right: PyValue): PyValue {
  const negative =
    typeof left === "bigint"
      ? left < 0n
      : isFloat(left)
        ? floatOf(left) < 0 || Object.is(floatOf(left), -0)
        : typeof left === "number" && left < 0;
  if (!negative) return binaryOp("**", left, right);
  return unaryOp("-", binaryOp("**", unaryOp("-", left), right));
}

export function unaryOp(op: "-" | "+", v: PyValue): PyValue {
  if (v instanceof JinjaUndefined) v.fail();
  if (v instanceof PyComplex) return op === "-" ? complexNegate(v) : v;
  if (v instanceof PyTimedelta) return op === "-" ? new PyTimedelta(-v.us) : v;
  if (!isNumeric(v)) throw typeError(`bad operand type for unary ${op}: '${pyTypeName(v)}'`);
  if (op === "+") return typeof v === "boolean" ? (v ? 1 : 0) : v;
  if (isFloat(v)) return mkFloat(-floatOf(v));
  if (typeof v === "bigint") return intResult(-v);
  const n = typeof v === "boolean" ? (v ? 1 : 0) : v;
  return n === 0 ? 0 : -n;
}
