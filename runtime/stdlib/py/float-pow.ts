// x ** y for floats as CPython computes it (the C library's pow, correctly
// rounded in practice). V8's Math.pow is not: 10 ** 2.5 gives
// 316.2277660168379 where Python gives 316.22776601683796, and (-7) ** -2
// 0.020408163265306124 where Python gives 0.02040816326530612. Here the power
// is computed in double-double arithmetic (about 32 significant digits) and
// rounded once.

/** A double-double number: hi + lo with |lo| <= ulp(hi) / 2. */
type DD = readonly [number, number];

const SPLITTER = 134217729; // 2^27 + 1
const LN2: DD = [Math.LN2, 2.3190468138462996e-17];

function twoSum(a: number, b: number): DD {
  const s = a + b;
  const bb = s - a;
  return [s, a - (s - bb) + (b - bb)];
}

function quickTwoSum(a: number, b: number): DD {
  const s = a + b;
  return [s, b - (s - a)];
}

function split(a: number): DD {
  const c = SPLITTER * a;
  const hi = c - (c - a);
  return [hi, a - hi];
}

function twoProd(a: number, b: number): DD {
  const p = a * b;
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
}

function add(a: DD, b: DD): DD {
  const [s, e] = twoSum(a[0], b[0]);
  const [t, f] = twoSum(a[1], b[1]);
  const [s2, e2] = quickTwoSum(s, e + t);
  return quickTwoSum(s2, e2 + f);
}

function mul(a: DD, b: DD): DD {
  const [p, e] = twoProd(a[0], b[0]);
  return quickTwoSum(p, e + (a[0] * b[1] + a[1] * b[0]));
}

function div(a: DD, b: DD): DD {
  const q1 = a[0] / b[0];
  const r = add(a, mul(b, [-q1, 0]));
  const q2 = r[0] / b[0];
  const r2 = add(r, mul(b, [-q2, 0]));
  const q3 = r2[0] / b[0];
  return add(quickTwoSum(q1, q2), [q3, 0]);
}

/** e^a for |a| small enough that the result and 2^k stay normal. */
function expDD(a: DD): DD {
  const k = Math.round(a[0] / LN2[0]);
  const r = add(a, mul(LN2, [-k, 0]));
  const s: DD = [r[0] / 1024, r[1] / 1024];
  let term: DD = [1, 0];
  let sum: DD = [1, 0];
  for (let i = 1; i <= 14; i++) {
    term = div(mul(term, s), [i, 0]);
    sum = add(sum, term);
  }
  for (let i = 0; i < 10; i++) sum = mul(sum, sum);
  const half = Math.trunc(k / 2);
  const f1 = 2 ** half;
  const f2 = 2 ** (k - half);
  return [sum[0] * f1 * f2, sum[1] * f1 * f2];
}

/** ln(x) for a positive finite x: Math.log refined by one Newton step. */
function logDD(x: number): DD {
  const l0 = Math.log(x);
  const t = add(div([x, 0], expDD([l0, 0])), [-1, 0]);
  return add([l0, 0], t);
}

function intPow(x: number, n: number): DD {
  let result: DD = [1, 0];
  let base: DD = [x, 0];
  let m = Math.abs(n);
  while (m > 0) {
    if (m % 2 === 1) result = mul(result, base);
    m = Math.floor(m / 2);
    if (m > 0) base = mul(base, base);
  }
  return n < 0 ? div([1, 0], result) : result;
}

/** Whether double-double intermediates stay away from overflow and subnormals. */
const safe = (v: number): boolean =>
  Number.isFinite(v) && (v === 0 || Math.abs(v) > 1e-290) && Math.abs(v) < 1e290;

/** x ** y rounded as the C library's pow rounds it (the caller handles Python's errors). */
export function pyFloatPow(x: number, y: number): number {
  const plain = x ** y;
  if (!Number.isFinite(plain) || plain === 0 || !Number.isFinite(x) || !Number.isFinite(y) || x === 0) {
    return plain;
  }
  if (y === 0 || x === 1) return 1;
  if (Math.abs(plain) < 1e-290 || Math.abs(plain) > 1e290 || !safe(x)) return plain;
  if (Number.isInteger(y) && Math.abs(y) <= 1024) {
    const r = intPow(x, y);
    return safe(r[0]) ? r[0] + r[1] : plain;
  }
  if (x < 0) return plain;
  const r = expDD(mul(logDD(x), [y, 0]));
  return safe(r[0]) ? r[0] + r[1] : plain;
}
