// The order in which CPython iterates a set of numbers (or tuples of them).
// Python orders a set by hash table slot: ints hash to themselves (mod
// 2^61-1), floats by their exact value, tuples by CPython's xxHash-style
// combination of their items' hashes, and slots are found with CPython's
// linear-then-perturbed probing and table growth. Sets of other values
// (strings hash with a per-process seed, None by address) keep their
// insertion order, which is as good as any.

import { isFloat, isInt, numberOf, PyTuple, type PyValue } from "../../../runtime/stdlib/py/value";

const MODULUS = (1n << 61n) - 1n;
const BITS = 61n;
const U64 = (1n << 64n) - 1n;
const LINEAR_PROBES = 9;

function intHash(n: bigint): bigint {
  const h = (n < 0n ? -(-n % MODULUS) : n % MODULUS) as bigint;
  return h === -1n ? -2n : h;
}

/** CPython's _Py_HashDouble for finite values; null when it depends on identity (nan). */
function floatHash(v: number): bigint | null {
  if (Number.isNaN(v)) return null;
  if (!Number.isFinite(v)) return v > 0 ? 314159n : -314159n;
  if (Number.isInteger(v)) return intHash(BigInt(v));
  let m = Math.abs(v);
  let e = 0;
  while (m >= 1) {
    m /= 2;
    e++;
  }
  while (m < 0.5) {
    m *= 2;
    e--;
  }
  let x = 0n;
  while (m) {
    x = ((x << 28n) & MODULUS) | (x >> (BITS - 28n));
    m *= 268435456;
    e -= 28;
    const y = Math.trunc(m);
    m -= y;
    x += BigInt(y);
    if (x >= MODULUS) x -= MODULUS;
  }
  const shift = BigInt(e >= 0 ? e % 61 : 60 - ((-1 - e) % 61));
  x = ((x << shift) & MODULUS) | (x >> (BITS - shift));
  if (v < 0) x = -x;
  return x === -1n ? -2n : x;
}

const XXPRIME_1 = 11400714785074694791n;
const XXPRIME_2 = 14029467366897019727n;
const XXPRIME_5 = 2870177450012600261n;

/** CPython 3.8+'s tuplehash over its items' hashes (unsigned 64-bit arithmetic). */
function tupleHash(items: readonly PyValue[]): bigint | null {
  let acc = XXPRIME_5;
  for (const item of items) {
    const h = stableHash(item);
    if (h === null) return null;
    acc = (acc + (h & U64) * XXPRIME_2) & U64;
    acc = ((acc << 31n) | (acc >> 33n)) & U64;
    acc = (acc * XXPRIME_1) & U64;
  }
  acc = (acc + (BigInt(items.length) ^ (XXPRIME_5 ^ 3527539n))) & U64;
  if (acc === U64) return 1546275796n;
  return acc >= 1n << 63n ? acc - (1n << 64n) : acc;
}

/**
 * CPython's hash of a value whose hash is the same in every process: a number
 * (bool, int, float) or a tuple of such; null for other values.
 */
export function stableHash(v: PyValue): bigint | null {
  if (typeof v === "boolean") return v ? 1n : 0n;
  if (isInt(v)) return intHash(BigInt(v));
  if (isFloat(v)) return floatHash(numberOf(v));
  if (v instanceof PyTuple) return tupleHash(v.items);
  return null;
}

/** Slot search shared by insertion and resizing (no equality checks: elements are distinct). */
function place(table: (number | null)[], hash: bigint, index: number): void {
  const mask = BigInt(table.length - 1);
  let perturb = hash & U64;
  let i = hash & mask;
  for (;;) {
    const start = Number(i);
    const probes = start + LINEAR_PROBES <= Number(mask) ? LINEAR_PROBES : 0;
    for (let j = 0; j <= probes; j++) {
      if (table[start + j] === null) {
        table[start + j] = index;
        return;
      }
    }
    perturb >>= 5n;
    i = (i * 5n + 1n + perturb) & mask;
  }
}

/** The elements of a set (distinct, in insertion order) in CPython's iteration order. */
export function pythonSetOrder(items: readonly PyValue[]): PyValue[] {
  const hashes = items.map(stableHash);
  if (items.length < 2 || hashes.some((h) => h === null)) return [...items];
  let table: (number | null)[] = new Array(8).fill(null);
  let used = 0;
  items.forEach((_, index) => {
    place(table, hashes[index]!, index);
    used++;
    const mask = table.length - 1;
    if (used * 5 >= mask * 3) {
      const minUsed = used > 50000 ? used * 2 : used * 4;
      let size = 8;
      while (size <= minUsed) size <<= 1;
      const old = table;
      table = new Array(size).fill(null);
      for (const k of old) if (k !== null) place(table, hashes[k]!, k);
    }
  });
  return table.filter((k): k is number => k !== null).map((k) => items[k]!);
}
