// Python's float ** float (CPython's float_pow), shared by Jinja's `**` and
// yaql's pow(): its special cases for NaN, infinities and zero, a complex
// result for a negative base with a fractional exponent, and OverflowError
// where a finite power overflows. `power` computes the finite cases.

import { negativeBasePow } from "./complex";
import { pyFloatPow } from "./float-pow";
import { mkFloat, PyError, type PyValue } from "./value";

export function floatPower(
  x: number,
  y: number,
  power: (x: number, y: number) => number = pyFloatPow,
): PyValue {
  if (y === 0) return mkFloat(1);
  if (Number.isNaN(x)) return mkFloat(x);
  if (Number.isNaN(y)) return mkFloat(x === 1 ? 1 : y);
  if (!Number.isFinite(y)) {
    const ax = Math.abs(x);
    return mkFloat(ax === 1 ? 1 : y > 0 === ax > 1 ? Number.POSITIVE_INFINITY : 0);
  }
  if (!Number.isFinite(x)) return mkFloat(x ** y);
  if (x === 0 && y < 0) throw new PyError("ZeroDivisionError", "0.0 cannot be raised to a negative power");
  if (x < 0 && !Number.isInteger(y)) return negativeBasePow(x, y);
  const r = power(x, y);
  if (!Number.isFinite(r)) throw new PyError("OverflowError", "(34, 'Numerical result out of range')");
  return mkFloat(r);
}
