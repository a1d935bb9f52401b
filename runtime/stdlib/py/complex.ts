// Python's complex arithmetic, as CPython computes it (Objects/complexobject.c):
// Smith's division, powers by repeated squaring for small integral exponents
// and through polar form otherwise. Reached only from a negative number raised
// to a fractional power, and from arithmetic on such a result.

import { pyFloatPow } from "./float-pow";
import {
  floatOf,
  isNumeric,
  mkFloat,
  PyComplex,
  PyError,
  type PyValue,
  pyTypeName,
  typeError,
} from "./value";

type Parts = readonly [number, number];

function partsOf(v: PyValue): Parts | null {
  if (v instanceof PyComplex) return [v.re, v.im];
  return isNumeric(v) ? [floatOf(v), 0] : null;
}

const prod = (a: Parts, b: Parts): Parts => [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]];

function quot(a: Parts, b: Parts): Parts {
  const absRe = Math.abs(b[0]);
  const absIm = Math.abs(b[1]);
  if (absRe >= absIm) {
    if (absRe === 0) throw new PyError("ZeroDivisionError", "complex division by zero");
    const ratio = b[1] / b[0];
    const denom = b[0] + b[1] * ratio;
    return [(a[0] + a[1] * ratio) / denom, (a[1] - a[0] * ratio) / denom];
  }
  if (absIm >= absRe) {
    const ratio = b[0] / b[1];
    const denom = b[0] * ratio + b[1];
    return [(a[0] * ratio + a[1]) / denom, (a[1] * ratio - a[0]) / denom];
  }
  return [Number.NaN, Number.NaN];
}

/** x ** n for 0 <= n <= 100 by repeated squaring, as CPython's c_powu. */
function powUnsigned(x: Parts, n: number): Parts {
  let r: Parts = [1, 0];
  let p = x;
  for (let mask = 1; n >= mask; mask <<= 1) {
    if (n & mask) r = prod(r, p);
    p = prod(p, p);
  }
  return r;
}

function powPolar(a: Parts, b: Parts): Parts {
  if (b[0] === 0 && b[1] === 0) return [1, 0];
  if (a[0] === 0 && a[1] === 0) {
    if (b[1] !== 0 || b[0] < 0) throw new PyError("ZeroDivisionError", "0.0 to a negative or complex power");
    return [0, 0];
  }
  const vabs = Math.hypot(a[0], a[1]);
  let len = pyFloatPow(vabs, b[0]);
  const at = Math.atan2(a[1], a[0]);
  let phase = at * b[0];
  if (b[1] !== 0) {
    len /= Math.exp(at * b[1]);
    phase += b[1] * Math.log(vabs);
  }
  return [len * Math.cos(phase), len * Math.sin(phase)];
}

function pow(a: Parts, b: Parts): Parts {
  if (b[1] === 0 && Number.isInteger(b[0]) && Math.abs(b[0]) <= 100) {
    const n = b[0];
    return n >= 0 ? powUnsigned(a, n) : quot([1, 0], powUnsigned(a, -n));
  }
  return powPolar(a, b);
}

/** A power's result; an infinite part is CPython's ERANGE, an OverflowError. */
function powResult(p: Parts): PyComplex {
  if (Math.abs(p[0]) === Number.POSITIVE_INFINITY || Math.abs(p[1]) === Number.POSITIVE_INFINITY)
    throw new PyError("OverflowError", "complex exponentiation");
  return new PyComplex(p[0], p[1]);
}

/** `a op b` where one side is a complex; TypeError for an operand that is no number. */
export function complexOp(op: string, a: PyValue, b: PyValue): PyValue {
  const x = partsOf(a);
  const y = partsOf(b);
  const unsupported = () =>
    typeError(`unsupported operand type(s) for ${op}: '${pyTypeName(a)}' and '${pyTypeName(b)}'`);
  if (x === null || y === null) throw unsupported();
  switch (op) {
    case "+":
      return new PyComplex(x[0] + y[0], x[1] + y[1]);
    case "-":
      return new PyComplex(x[0] - y[0], x[1] - y[1]);
    case "*":
      return new PyComplex(...prod(x, y));
    case "/":
      return new PyComplex(...quot(x, y));
    case "**":
      return powResult(pow(x, y));
    default:
      throw unsupported();
  }
}

/** A negative float raised to a fractional power: Python's float ** float gives a complex. */
export function negativeBasePow(x: number, y: number): PyComplex {
  return powResult(powPolar([x, 0], [y, 0]));
}

export function complexNegate(c: PyComplex): PyComplex {
  return new PyComplex(-c.re, -c.im);
}

export function complexAbs(c: PyComplex): PyValue {
  const r = Math.hypot(c.re, c.im);
  if (!Number.isFinite(r) && Number.isFinite(c.re) && Number.isFinite(c.im))
    throw new PyError("OverflowError", "absolute value too large");
  return mkFloat(r);
}
