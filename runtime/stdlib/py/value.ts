// The Python value model shared by the YAQL and Jinja evaluators, the reference
// interpreter and the code the compiler emits.
//
// Representation (chosen so that JSON data from actions needs no conversion):
// - None            -> null
// - bool            -> boolean
// - int             -> an integral JS number within ±(2^53-1), else a bigint
// - float           -> a non-integral JS number, or a PyFloat box when the value
//                      is integral, infinite or NaN (so 1.0 stays a float)
// - str             -> string
// - list            -> JS array
// - tuple           -> PyTuple
// - set / frozenset -> PySet
// - dict            -> plain object (string keys, insertion order); non-string
//                      keys are stored as their Python str() text
//
// Anything else (functions, iterators) is an opaque value that the evaluators own.

import { compareDates } from "./datetime";
import { floatRepr } from "./float-repr";
import { MessageError } from "./message-error";

export class PyFloat {
  constructor(readonly v: number) {}

  /** Plain JSON (JSON.stringify) has no integral float: the number (stringifyValue keeps `1.0`). */
  toJSON(): number | string {
    return Number.isFinite(this.v) ? this.v : String(this.v);
  }

  /** Python's str(): `1.0`, `inf`, `nan` (what a shell command line or a message shows). */
  toString(): string {
    return floatRepr(this.v);
  }
}

export class PyTuple {
  constructor(readonly items: readonly PyValue[]) {}

  /** type(x).__name__: a tuple subclass (Jinja's _GroupTuple) names itself. */
  get typeName(): string {
    return "tuple";
  }
}

export class PySet {
  private readonly byKey = new Map<string, PyValue>();
  constructor(items: Iterable<PyValue> = []) {
    for (const item of items) this.add(item);
  }
  add(item: PyValue): void {
    const key = hashKey(item);
    if (!this.byKey.has(key)) this.byKey.set(key, item);
  }
  has(item: PyValue): boolean {
    return this.byKey.has(hashKey(item));
  }
  delete(item: PyValue): boolean {
    return this.byKey.delete(hashKey(item));
  }
  get size(): number {
    return this.byKey.size;
  }
  values(): PyValue[] {
    return [...this.byKey.values()];
  }
}

export type PyDict = { [key: string]: PyValue };

export type PyValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | PyFloat
  | PyTuple
  | PySet
  | PyValue[]
  | PyDict
  | PyOpaque;

/** Values the evaluators own (lambdas, Jinja undefined, iterators...). */
export interface PyOpaque {
  readonly pyOpaque: string;
}

/**
 * A Python sequence an evaluator owns that is not a list or tuple (bytes,
 * range): what another evaluator sees of it is its items, as yaql turns every
 * sequence from its input into a tuple.
 */
export interface PySequenceObject extends PyOpaque {
  readonly pySequence: true;
  items(): PyValue[];
}

export function isSequenceObject(v: unknown): v is PySequenceObject {
  return typeof v === "object" && v !== null && (v as { pySequence?: unknown }).pySequence === true;
}

/**
 * A str subclass an evaluator owns (Jinja's Markup): equal to, hashed and
 * ordered like its text. It never leaves the evaluator that made it.
 */
export abstract class PyStrSubclass implements PyOpaque {
  abstract readonly pyOpaque: string;
  constructor(readonly text: string) {}
}

/**
 * A Python complex. Workflows meet one only where Python's arithmetic makes it
 * (a negative number raised to a fractional power); it renders, compares for
 * equality and hashes as Python's does, and has no order.
 */
export class PyComplex implements PyOpaque {
  readonly pyOpaque = "complex";
  constructor(
    readonly re: number,
    readonly im: number,
  ) {}
}

/** The text of a str or str subclass; anything else as it is. */
function strText(v: PyValue): PyValue {
  return v instanceof PyStrSubclass ? v.text : v;
}

/**
 * A Python exception raised by an expression or a function, with the Python
 * exception class it stands for. It is an outcome (reported by its message),
 * not a fault of orqc, so it carries no JavaScript stack (MessageError).
 */
export class PyError extends MessageError {
  constructor(
    readonly pyType: string,
    message: string,
    readonly category: "evaluation" | "undefined_variable" | "syntax" = "evaluation",
  ) {
    super(message);
    this.name = pyType;
  }
}

export const typeError = (message: string): PyError => new PyError("TypeError", message);
export const valueError = (message: string): PyError => new PyError("ValueError", message);

// ---------------------------------------------------------------- type tests

export function isDict(v: unknown): v is PyDict {
  if (v === null || typeof v !== "object") return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

export function isOpaque(v: unknown): v is PyOpaque {
  return typeof v === "object" && v !== null && "pyOpaque" in v && !isDict(v);
}

export function isInt(v: unknown): v is number | bigint {
  return (typeof v === "number" && Number.isInteger(v)) || typeof v === "bigint";
}

export function isFloat(v: unknown): v is number | PyFloat {
  return v instanceof PyFloat || (typeof v === "number" && !Number.isInteger(v));
}

/** int, float or bool: the values arithmetic accepts. */
export function isNumeric(v: unknown): v is number | bigint | boolean | PyFloat {
  return typeof v === "number" || typeof v === "bigint" || typeof v === "boolean" || v instanceof PyFloat;
}

export function isSequence(v: unknown): v is PyValue[] | PyTuple {
  return Array.isArray(v) || v instanceof PyTuple;
}

export function pyTypeName(v: PyValue): string {
  if (v === null) return "NoneType";
  switch (typeof v) {
    case "boolean":
      return "bool";
    case "bigint":
      return "int";
    case "number":
      return Number.isInteger(v) ? "int" : "float";
    case "string":
      return "str";
  }
  if (v instanceof PyFloat) return "float";
  if (Array.isArray(v)) return "list";
  if (v instanceof PyTuple) return v.typeName;
  if (v instanceof PySet) return "set";
  if (isDict(v)) return "dict";
  return (v as PyOpaque).pyOpaque;
}

// ---------------------------------------------------------------- numbers

/** A Python float from a JS number. */
export function mkFloat(n: number): number | PyFloat {
  return Number.isInteger(n) || !Number.isFinite(n) || Object.is(n, -0) ? new PyFloat(n) : n;
}

/** A Python int from a bigint or integral number, normalised to a number when safe. */
export function mkInt(n: number | bigint): number | bigint {
  if (typeof n === "number") {
    if (Number.isSafeInteger(n)) return n === 0 ? 0 : n;
    return BigInt(n);
  }
  if (n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(n);
  return n;
}

/** The numeric value of an int, float or bool as a JS number (may lose precision for big ints). */
export function numberOf(v: PyValue): number {
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "bigint") return Number(v);
  if (v instanceof PyFloat) return v.v;
  throw typeError(`must be real number, not ${pyTypeName(v)}`);
}

/**
 * float(v) of a number as Python converts it for float arithmetic: an int
 * past the range of a double raises OverflowError instead of becoming inf.
 */
export function floatOf(v: PyValue): number {
  const n = numberOf(v);
  if (typeof v === "bigint" && !Number.isFinite(n))
    throw new PyError("OverflowError", "int too large to convert to float");
  return n;
}

/** The value of an int or bool as a bigint. */
export function bigOf(v: PyValue): bigint {
  if (typeof v === "bigint") return v;
  if (typeof v === "boolean") return v ? 1n : 0n;
  if (typeof v === "number" && Number.isInteger(v)) return BigInt(v);
  throw typeError(`expected int, got ${pyTypeName(v)}`);
}

// ---------------------------------------------------------------- truthiness

export function truthy(v: PyValue): boolean {
  if (v === null) return false;
  switch (typeof v) {
    case "boolean":
      return v;
    case "number":
      return v !== 0; // NaN is truthy in Python too
    case "bigint":
      return v !== 0n;
    case "string":
      return v.length > 0;
  }
  if (v instanceof PyFloat) return v.v !== 0;
  if (v instanceof PyComplex) return v.re !== 0 || v.im !== 0;
  if (v instanceof PyStrSubclass) return v.text.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof PyTuple) return v.items.length > 0;
  if (v instanceof PySet) return v.size > 0;
  if (isDict(v)) return Object.keys(v).length > 0;
  return true;
}

// ---------------------------------------------------------------- equality and hashing

/**
 * Dict equality where a dict may remember keys that are not strings (1 and
 * '1' are different keys): installed by key-index.ts, which keeps them.
 */
export const keyedDicts: { equals: ((a: PyDict, b: PyDict) => boolean) | null } = { equals: null };

export function pyEquals(a: PyValue, b: PyValue): boolean {
  if (a === b) return typeof a !== "number" || !Number.isNaN(a);
  if (typeof a === "string" && typeof b === "string") return false;
  if (isNumeric(a) && isNumeric(b)) {
    if (typeof a === "bigint" || typeof b === "bigint") return compareNumbers(a, b) === 0;
    return numberOf(a) === numberOf(b);
  }
  if (a instanceof PyComplex || b instanceof PyComplex) return complexEquals(a, b);
  if (a instanceof PyStrSubclass || b instanceof PyStrSubclass) return strText(a) === strText(b);
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a)) return Array.isArray(b) && seqEquals(a, b);
  if (a instanceof PyTuple) return b instanceof PyTuple && seqEquals(a.items, b.items);
  if (a instanceof PySet) return b instanceof PySet && a.size === b.size && a.values().every((x) => b.has(x));
  if (isDict(a) && isDict(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    if (keyedDicts.equals) return keyedDicts.equals(a, b);
    return ka.every((k) => Object.hasOwn(b, k) && pyEquals(a[k]!, b[k]!));
  }
  // An evaluator's own values that hash (yaql's datetime and timedelta) are equal when their hashes are.
  const ha = (a as { hashKey?: () => string }).hashKey;
  const hb = (b as { hashKey?: () => string }).hashKey;
  if (typeof ha === "function" && typeof hb === "function") return ha.call(a) === hb.call(b);
  return false;
}

function complexEquals(a: PyValue, b: PyValue): boolean {
  const parts = (v: PyValue): [number, number] | null =>
    v instanceof PyComplex ? [v.re, v.im] : isNumeric(v) ? [numberOf(v), 0] : null;
  const x = parts(a);
  const y = parts(b);
  return x !== null && y !== null && x[0] === y[0] && x[1] === y[1];
}

function seqEquals(a: readonly PyValue[], b: readonly PyValue[]): boolean {
  return a.length === b.length && a.every((x, i) => pyEquals(x, b[i]!));
}

/** A string that is equal for values Python considers equal and hashable; throws for unhashable ones. */
export function hashKey(v: PyValue): string {
  if (v === null) return "N";
  if (isNumeric(v)) {
    if (typeof v === "bigint") return `n${v}`;
    const n = numberOf(v);
    return Number.isInteger(n) && Math.abs(n) < 2 ** 63 ? `n${BigInt(n)}` : `n${n}`;
  }
  if (typeof v === "string") return `s${v}`;
  if (v instanceof PyComplex) return v.im === 0 ? hashKey(mkFloat(v.re)) : `c${v.re},${v.im}`;
  if (v instanceof PyStrSubclass) return `s${v.text}`;
  if (v instanceof PyTuple) return `t(${v.items.map(hashKey).join(",")})`;
  if (v instanceof PySet) return `f{${v.values().map(hashKey).sort().join(",")}}`;
  // An evaluator's own hashable values (yaql's datetime and timedelta) say how they hash.
  const own = (v as { hashKey?: () => string } | null)?.hashKey;
  if (typeof own === "function") return own.call(v);
  throw typeError(`unhashable type: '${pyTypeName(v)}'`);
}

// ---------------------------------------------------------------- ordering

/** Python's `<` ordering: -1, 0 or 1; throws TypeError for unorderable types. */
/**
 * The order of two numbers as Python has it: exact between an int of any
 * size and a float (2**53 + 1 > 2**53 + 0.0), and NaN when a NaN makes them
 * unordered (every `< <= > >=` test on NaN is then false, as in Python).
 */
function compareNumbers(
  a: number | bigint | boolean | PyFloat,
  b: number | bigint | boolean | PyFloat,
): number {
  if (typeof a === "bigint" || typeof b === "bigint") {
    if (isFloat(a)) return -compareIntFloat(bigOf(b), numberOf(a));
    if (isFloat(b)) return compareIntFloat(bigOf(a), numberOf(b));
    const x = bigOf(a);
    const y = bigOf(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = numberOf(a);
  const y = numberOf(b);
  return x < y ? -1 : x > y ? 1 : x === y ? 0 : Number.NaN;
}

/** The sign of i - f, exactly. */
function compareIntFloat(i: bigint, f: number): number {
  if (Number.isNaN(f)) return Number.NaN;
  if (!Number.isFinite(f)) return f > 0 ? -1 : 1;
  const whole = Math.floor(f);
  const w = BigInt(whole);
  if (i !== w) return i < w ? -1 : 1;
  return f > whole ? -1 : 0;
}

export function pyCompare(a: PyValue, b: PyValue, op = "<"): number {
  if (isNumeric(a) && isNumeric(b)) return compareNumbers(a, b);
  if (typeof a === "string" && typeof b === "string") return compareStrings(a, b);
  if (a instanceof PyStrSubclass || b instanceof PyStrSubclass) {
    const x = strText(a);
    const y = strText(b);
    if (typeof x === "string" && typeof y === "string") return compareStrings(x, y);
  }
  if (Array.isArray(a) && Array.isArray(b)) return compareSeq(a, b, op);
  if (a instanceof PyTuple && b instanceof PyTuple) return compareSeq(a.items, b.items, op);
  const dates = compareDates(a, b);
  if (dates !== null) return dates;
  throw typeError(`'${op}' not supported between instances of '${pyTypeName(a)}' and '${pyTypeName(b)}'`);
}

/** Compares by Unicode code point, as Python does (JS `<` compares UTF-16 units). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

function compareSeq(a: readonly PyValue[], b: readonly PyValue[], op: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (!pyEquals(a[i]!, b[i]!)) return pyCompare(a[i]!, b[i]!, op);
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

/** Python's sorted(): stable, raising TypeError on unorderable items. */
export function pySorted<T extends PyValue>(
  items: readonly T[],
  key?: (v: T) => PyValue,
  reverse = false,
): T[] {
  const keyed = items.map((v) => ({ v, k: key ? key(v) : (v as PyValue) }));
  keyed.sort((x, y) => (reverse ? pyCompare(y.k, x.k) : pyCompare(x.k, y.k)));
  return keyed.map((e) => e.v);
}
