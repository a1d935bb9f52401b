// Python's repr() of a float, apart so that value.ts can use it without a cycle.

/** repr() of a float: shortest round-trip digits, Python's exponent thresholds. */
export function floatRepr(n: number): string {
  if (Number.isNaN(n)) return "nan";
  if (n === Number.POSITIVE_INFINITY) return "inf";
  if (n === Number.NEGATIVE_INFINITY) return "-inf";
  if (n === 0) return Object.is(n, -0) ? "-0.0" : "0.0";
  // Where Python writes fixed notation, JavaScript's String() gives the same
  // shortest digits in fixed notation too (it switches to exponents only below
  // 1e-6 and from 1e21), lacking only the ".0" of a whole number.
  const magnitude = Math.abs(n);
  if (magnitude >= 1e-4 && magnitude < 1e16) {
    const text = String(n);
    return text.includes(".") ? text : `${text}.0`;
  }
  const [mantissa, expText] = n.toExponential().split("e") as [string, string];
  const exp = Number(expText);
  const negative = mantissa.startsWith("-");
  const digits = mantissa.replace("-", "").replace(".", "");
  const sign = negative ? "-" : "";
  if (exp < -4 || exp >= 16) {
    const frac = digits.length > 1 ? `.${digits.slice(1)}` : "";
    const e = Math.abs(exp);
    return `${sign}${digits[0]}${frac}e${exp < 0 ? "-" : "+"}${e < 10 ? `0${e}` : e}`;
  }
  if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
  const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, "0");
  const fracPart = digits.slice(exp + 1);
  return `${sign}${intPart}.${fracPart || "0"}`;
}
