// Correctly rounded decimal text of a double, as Python's float formatting
// produces it: decided on the exact binary value, exact ties to even
// (JavaScript's toFixed/toExponential round exact ties up).

/** Exact decimal expansion of a finite non-negative double: [integer digits, fraction digits]. */
function expansion(x: number): [string, string] {
  if (Number.isInteger(x)) return [BigInt(x).toString(), ""];
  // x = m * 2^-k = m * 5^k / 10^k: exact for every double, subnormals included
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const m = biased === 0 ? fraction : fraction | (1n << 52n);
  const k = 1075 - (biased === 0 ? 1 : biased);
  const digits = (m * 5n ** BigInt(k)).toString().padStart(k + 1, "0");
  return [digits.slice(0, -k), digits.slice(-k).replace(/0+$/, "")];
}

/** The first `keep` digits of `digits`, rounded half to even (may carry into one more digit). */
function roundDigits(digits: string, keep: number): string {
  // past the exact expansion only zeros follow (a long precision pads without arithmetic)
  if (keep >= digits.length) return digits.padEnd(keep, "0");
  const head = digits.slice(0, keep).padEnd(keep, "0");
  const rest = digits.slice(keep);
  let up = false;
  if (rest.length > 0 && rest[0]! >= "5") {
    up = rest[0]! > "5" || /[1-9]/.test(rest.slice(1)) || Number(head[head.length - 1] ?? "0") % 2 === 1;
  }
  const n = BigInt(head || "0") + (up ? 1n : 0n);
  return n.toString().padStart(keep, "0");
}

/** Python's f"{x:.{prec}f}" for a finite non-negative x. */
export function toFixedExact(x: number, prec: number): string {
  const [i, f] = expansion(x);
  const keep = i.length + prec;
  const r = roundDigits(i + f, keep);
  const intLen = r.length - prec;
  return prec > 0 ? `${r.slice(0, intLen)}.${r.slice(intLen)}` : r;
}

/** Significant digits (prec + 1 of them) and decimal exponent of a finite non-negative x. */
export function toExponentialExact(x: number, prec: number): [string, number] {
  if (x === 0) return ["0".repeat(prec + 1), 0];
  const [i, f] = expansion(x);
  const digits = i + f;
  const lead = digits.search(/[1-9]/);
  let exp = i.length - lead - 1;
  let r = roundDigits(digits.slice(lead), prec + 1);
  if (r.length > prec + 1) {
    exp += 1;
    r = r.slice(0, prec + 1);
  }
  return [r, exp];
}

/** CPython's bounds for float.__round__: past them, x itself or a zero of x's sign. */
const NDIGITS_MAX = 323;
const NDIGITS_MIN = -308;

/**
 * Python's round(x, ndigits) for a float: the exact binary value rounded to
 * `ndigits` places (negative: tens, hundreds ...), exact ties to even, read
 * back as the nearest double (CPython's dtoa mode 3, then strtod).
 */
export function roundFloat(x: number, ndigits: number): number {
  if (!Number.isFinite(x) || x === 0 || ndigits > NDIGITS_MAX) return x;
  if (ndigits < NDIGITS_MIN) return 0 * x;
  const [i, f] = expansion(Math.abs(x));
  const keep = i.length + ndigits;
  const scaled = keep < 0 ? "0" : roundDigits(i + f, keep);
  const r = Number(`${scaled}e${-ndigits}`);
  return x < 0 ? -r : r;
}
