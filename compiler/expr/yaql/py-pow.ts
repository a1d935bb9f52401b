// x ** n for a float x and an integer n, correctly rounded as C's pow (which
// Python uses) gives it; V8's pow is not (3.14 ** 16 is 89304710.95607191,
// C says 89304710.9560719). Exact: x = m * 2^e, so x^n = m^n * 2^(e*n) in BigInt.

const MAX_EXPONENT = 2048;

function bitLength(b: bigint): number {
  return b === 0n ? 0 : b.toString(2).length;
}

/** m * 2^e as a double, rounded once (to nearest, ties to even) while the result is a normal number. */
function scaled(m: bigint, e: number): number {
  const bits = bitLength(m);
  if (bits > 64) {
    const shift = bits - 64;
    const sticky = (m & ((1n << BigInt(shift)) - 1n)) !== 0n;
    m = (m >> BigInt(shift)) | (sticky ? 1n : 0n);
    e += shift;
  }
  let r = Number(m);
  while (e > 1000) {
    r *= 2 ** 1000;
    e -= 1000;
  }
  while (e < -1000) {
    r *= 2 ** -1000;
    e += 1000;
  }
  return r * 2 ** e;
}

/** The mantissa (an integer) and exponent of a finite non-zero double: |x| = m * 2^e. */
function decompose(x: number): { m: bigint; e: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = hi >>> 20;
  const frac = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  return biased === 0 ? { m: frac, e: -1074 } : { m: frac | (1n << 52n), e: biased - 1075 };
}

/** x ** n correctly rounded, or undefined where this does not apply (non-finite or zero x, huge n, subnormal result). */
export function exactPow(x: number, n: number): number | undefined {
  if (!Number.isFinite(x) || x === 0 || !Number.isInteger(n) || Math.abs(n) > MAX_EXPONENT || n === 0)
    return undefined;
  const { m, e } = decompose(x);
  const k = BigInt(Math.abs(n));
  const power = m ** k;
  let r: number;
  if (n > 0) r = scaled(power, e * n);
  else {
    // 2^(e*n) / m^-n (n < 0): a quotient of at least 64 bits, the remainder as a sticky bit.
    const extra = bitLength(power) + 66;
    const q = (1n << BigInt(extra)) / power;
    const sticky = q * power !== 1n << BigInt(extra);
    r = scaled(q | (sticky ? 1n : 0n), e * n - extra);
  }
  if (r !== 0 && Math.abs(r) < 2 ** -1022) return undefined;
  return x < 0 && n % 2 !== 0 ? -r : r;
}
