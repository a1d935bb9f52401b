// Python number arithmetic over the shared value model: ints are exact
// (bigint past 2^53), floats are doubles boxed when integral, `//` and `%`
// floor toward negative infinity, division by zero raises ZeroDivisionError.

import { roundFloat } from "../../../runtime/stdlib/py/float-decimal";
import { pyFloatPow } from "../../../runtime/stdlib/py/float-pow";
import { floatPower } from "../../../runtime/stdlib/py/float-power";
import {
  bigOf,
  floatOf,
  isFloat,
  mkFloat,
  mkInt,
  PyError,
  type PyValue,
} from "../../../runtime/stdlib/py/value";
import { exactPow } from "./py-pow";

const zeroDiv = (msg: string) => new PyError("ZeroDivisionError", msg);

function bothInts(a: PyValue, b: PyValue): boolean {
  return !isFloat(a) && !isFloat(b);
}

function intResult(
  a: PyValue,
  b: PyValue,
  op: (x: bigint, y: bigint) => bigint,
  fast: (x: number, y: number) => number,
) {
  if (typeof a === "number" && typeof b === "number") {
    const r = fast(a, b);
    if (Number.isSafeInteger(r)) return r === 0 ? 0 : r;
  }
  return mkInt(op(bigOf(a), bigOf(b)));
}

export function pyAdd(a: PyValue, b: PyValue): PyValue {
  if (bothInts(a, b))
    return intResult(
      a,
      b,
      (x, y) => x + y,
      (x, y) => x + y,
    );
  return mkFloat(floatOf(a) + floatOf(b));
}

export function pySub(a: PyValue, b: PyValue): PyValue {
  if (bothInts(a, b))
    return intResult(
      a,
      b,
      (x, y) => x - y,
      (x, y) => x - y,
    );
  return mkFloat(floatOf(a) - floatOf(b));
}

export function pyMul(a: PyValue, b: PyValue): PyValue {
  if (bothInts(a, b))
    return intResult(
      a,
      b,
      (x, y) => x * y,
      (x, y) => x * y,
    );
  return mkFloat(floatOf(a) * floatOf(b));
}

export function pyFloorDiv(a: PyValue, b: PyValue): PyValue {
  if (bothInts(a, b)) {
    const x = bigOf(a);
    const y = bigOf(b);
    if (y === 0n) throw zeroDiv("integer division or modulo by zero");
    let q = x / y;
    if (x % y !== 0n && x < 0n !== y < 0n) q -= 1n;
    return mkInt(q);
  }
  const y = floatOf(b);
  if (y === 0) throw zeroDiv("float floor division by zero");
  return mkFloat(Math.floor(floatOf(a) / y));
}

export function pyTrueDiv(a: PyValue, b: PyValue): PyValue {
  const y = floatOf(b);
  if (y === 0) throw zeroDiv(bothInts(a, b) ? "division by zero" : "float division by zero");
  return mkFloat(floatOf(a) / y);
}

export function pyMod(a: PyValue, b: PyValue): PyValue {
  if (bothInts(a, b)) {
    const x = bigOf(a);
    const y = bigOf(b);
    if (y === 0n) throw zeroDiv("integer modulo by zero");
    let r = x % y;
    if (r !== 0n && r < 0n !== y < 0n) r += y;
    return mkInt(r);
  }
  const x = floatOf(a);
  const y = floatOf(b);
  if (y === 0) throw zeroDiv("float modulo");
  let r = x % y;
  if (r !== 0 && r < 0 !== y < 0) r += y;
  else if (r === 0) r = y < 0 ? -0 : 0;
  return mkFloat(r);
}

export function pyNeg(a: PyValue): PyValue {
  if (!isFloat(a)) return mkInt(-bigOf(a));
  return mkFloat(-floatOf(a));
}

export function pyAbs(a: PyValue): PyValue {
  if (!isFloat(a)) {
    const x = bigOf(a);
    return mkInt(x < 0n ? -x : x);
  }
  return mkFloat(Math.abs(floatOf(a)));
}

/** The inverse of `a` modulo `m` (0 <= a < m), as Python's pow(a, -1, m) finds it. */
function modInverse(a: bigint, m: bigint): bigint {
  let [r0, r1] = [a, m];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  if (r0 !== 1n && m !== 1n) throw new PyError("ValueError", "base is not invertible for the given modulus");
  return ((s0 % m) + m) % m;
}

export function pyPow(a: PyValue, b: PyValue, mod: PyValue = null): PyValue {
  if (mod !== null) {
    if (!bothInts(a, b) || isFloat(mod)) {
      throw new PyError("TypeError", "pow() 3rd argument not allowed unless all arguments are integers");
    }
    const m = bigOf(mod);
    if (m === 0n) throw new PyError("ValueError", "pow() 3rd argument cannot be 0");
    const size = m < 0n ? -m : m;
    let base = ((bigOf(a) % size) + size) % size;
    let exp = bigOf(b);
    if (exp < 0n) {
      base = modInverse(base, size);
      exp = -exp;
    }
    let result = 1n % size;
    while (exp > 0n) {
      if (exp & 1n) result = (result * base) % size;
      base = (base * base) % size;
      exp >>= 1n;
    }
    if (m < 0n && result !== 0n) result += m;
    return mkInt(result);
  }
  if (bothInts(a, b)) {
    const e = bigOf(b);
    if (e >= 0n) return mkInt(bigOf(a) ** e);
    return floatPower(floatOf(a), Number(e), roundedPow);
  }
  return floatPower(floatOf(a), floatOf(b), roundedPow);
}

/** x ** y rounded once, as C's pow: V8's is not (100 ** -2 is 0.00009999999999999999, 10 ** 2.5 is off too). */
function roundedPow(x: number, y: number): number {
  return exactPow(x, y) ?? pyFloatPow(x, y);
}

/** Python's round(number, ndigits) with ties to even; ints stay ints. */
export function pyRound(a: PyValue, ndigits: number): PyValue {
  if (!isFloat(a)) {
    if (ndigits >= 0) return mkInt(bigOf(a));
    const p = 10n ** BigInt(-ndigits);
    const x = bigOf(a);
    let q = x / p;
    let r = x % p;
    if (r < 0n) {
      r += p;
      q -= 1n;
    }
    if (r * 2n > p || (r * 2n === p && q % 2n !== 0n)) q += 1n;
    return mkInt(q * p);
  }
  const x = floatOf(a);
  if (!Number.isFinite(x)) {
    return mkFloat(x);
  }
  return mkFloat(roundFloat(x, ndigits));
}

/** int(x) of a float: truncation toward zero, exact for big values. */
export function floatToInt(x: number): number | bigint {
  if (!Number.isFinite(x)) {
    throw new PyError(
      Number.isNaN(x) ? "ValueError" : "OverflowError",
      Number.isNaN(x) ? "cannot convert float NaN to integer" : "cannot convert float infinity to integer",
    );
  }
  const t = Math.trunc(x);
  return Number.isSafeInteger(t) ? (t === 0 ? 0 : t) : mkInt(BigInt(t));
}

const INDEX_MAX = 2n ** 63n - 1n;
/** Items past which a repeated sequence or string is not built (Python would run out of memory). */
const REPEAT_LIMIT = 2 ** 28;

/**
 * The count of Python's `seq * n` for a sequence of `length` items: it must fit
 * an index (OverflowError), a negative one is 0, and a result too large to
 * build is a MemoryError.
 */
export function repeatCount(n: PyValue, length: number): number {
  const count = bigOf(n);
  if (count > INDEX_MAX || count < -INDEX_MAX - 1n)
    throw new PyError("OverflowError", "cannot fit 'int' into an index-sized integer");
  if (count <= 0n || length === 0) return 0;
  if (count * BigInt(length) > BigInt(REPEAT_LIMIT)) throw new PyError("MemoryError", "");
  return Number(count);
}
