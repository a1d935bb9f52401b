// Values that exist only while a YAQL expression runs, and the conversions at
// its edges. yaql freezes its input (lists become tuples, dicts become frozen
// mappings) and, on output, turns tuples and iterators into lists while sets
// stay sets (so a set of tuples fails: its elements become unhashable lists).
// Dicts keep non-string keys through a side table, so `{1 => 'a'}[1]` works
// while `{'1' => 'a'}[1]` is a KeyError, as in Python.

import { dictKeys, dictSet, mapValues } from "../../../runtime/stdlib/py/dict";
import {
  findKeyText as findStoredKey,
  forgetKey,
  keySlot,
  mapValuesKeepingKeys,
  originalKey,
  REMEMBERED_KEYS,
} from "../../../runtime/stdlib/py/key-index";
import { isPlainDict, markPlainDict } from "../../../runtime/stdlib/py/plain-dict";
import {
  hashKey,
  isDict,
  isSequenceObject,
  type PyDict,
  PyError,
  PyFloat,
  PySet,
  PyTuple,
  type PyValue,
  pyTypeName,
  truthy,
} from "../../../runtime/stdlib/py/value";
import { pythonSetOrder } from "./py-set-order";
import type { SetTable } from "./py-set-table";

/** A one-shot Python iterator (map, filter, generator, range iterator...). */
export class YaqlIter {
  readonly pyOpaque = "iterator";
  constructor(readonly it: Iterator<PyValue>) {}
}

/** A re-iterable, non-sequence iterable: dict views and orderBy results. */
export class YaqlView {
  /**
   * @param source the mapping a keys/values/items view reads (its repr shows it:
   * `KeysView({...})` for a frozen mapping, `dict_keys([...])` for a plain dict)
   */
  constructor(
    readonly pyOpaque: "KeysView" | "ValuesView" | "ItemsView" | "OrderingIterable",
    readonly make: () => Iterator<PyValue>,
    readonly source?: PyDict,
  ) {}
}

/** The result of orderBy: sorts lazily by its list of (selector, ascending) fields. */
export class OrderingIterable extends YaqlView {
  readonly order: { selector: (v: PyValue) => PyValue; asc: boolean }[] = [];
  constructor(
    source: PyValue,
    lt: (a: PyValue, b: PyValue) => boolean,
    gt: (a: PyValue, b: PyValue) => boolean,
  ) {
    super("OrderingIterable", () => {
      const items = toArray(source);
      const keyed = items.map((v) => ({ v, keys: new Map<number, PyValue>() }));
      const keyOf = (e: (typeof keyed)[number], i: number) => {
        if (!e.keys.has(i)) e.keys.set(i, this.order[i]!.selector(e.v));
        return e.keys.get(i)!;
      };
      keyed.sort((x, y) => {
        for (let i = 0; i < this.order.length; i++) {
          const a = keyOf(x, i);
          const b = keyOf(y, i);
          let r = lt(a, b) ? -1 : gt(a, b) ? 1 : 0;
          if (r === 0) continue;
          if (!this.order[i]!.asc) r = -r;
          return r;
        }
        return 0;
      });
      return keyed.map((e) => e.v)[Symbol.iterator]();
    });
  }
}

// ---------------------------------------------------------------- dicts with typed keys

function findKeyText(d: PyDict, key: PyValue): string | undefined {
  if (typeof key !== "string") yHashKey(key); // unhashable keys raise TypeError, as in Python
  return findStoredKey(d, key);
}

export function ydictGet(d: PyDict, key: PyValue): PyValue | undefined {
  const text = findKeyText(d, key);
  return text === undefined ? undefined : d[text];
}

export function ydictHas(d: PyDict, key: PyValue): boolean {
  return findKeyText(d, key) !== undefined;
}

export function ydictSet(d: PyDict, key: PyValue, value: PyValue): void {
  if (typeof key !== "string") yHashKey(key); // unhashable keys raise TypeError, as in Python
  dictSet(d, keySlot(d, key), value);
}

export function ydictKeys(d: PyDict): PyValue[] {
  return dictKeys(d).map((k) => originalKey(d, k));
}

export function ydictEntries(d: PyDict): [PyValue, PyValue][] {
  return dictKeys(d).map((k) => [originalKey(d, k), d[k]!]);
}

export function ydictFrom(entries: Iterable<readonly [PyValue, PyValue]>): PyDict {
  const d: PyDict = {};
  for (const [k, v] of entries) ydictSet(d, k, v);
  return d;
}

export function ydictDelete(d: PyDict, key: PyValue): void {
  const text = findKeyText(d, key);
  if (text !== undefined) forgetKey(d, text);
}

// ---------------------------------------------------------------- iteration

export function isIterator(v: PyValue): v is YaqlIter {
  return v instanceof YaqlIter;
}

/** Python's collections.abc.Iterable minus str and mappings (yaql's Iterable type). */
export function isYaqlIterable(v: PyValue): boolean {
  return (
    Array.isArray(v) ||
    v instanceof PyTuple ||
    v instanceof PySet ||
    v instanceof YaqlIter ||
    v instanceof YaqlView
  );
}

/** Python truthiness, where mapping views are false when empty. */
export function yTruthy(v: PyValue): boolean {
  if (v instanceof YaqlView) return v.pyOpaque === "OrderingIterable" || !v.make().next().done;
  return truthy(v);
}

/** Python's Sequence minus str (yaql's Sequence type). */
export function isYaqlSequence(v: PyValue): v is PyValue[] | PyTuple {
  return Array.isArray(v) || v instanceof PyTuple;
}

/** Python's collections.abc.Set: frozensets and the keys/items views of a mapping. */
export function isSetLike(v: PyValue): boolean {
  return (
    v instanceof PySet || (v instanceof YaqlView && (v.pyOpaque === "KeysView" || v.pyOpaque === "ItemsView"))
  );
}

/**
 * A hash key with yaql's notion of hashable: its mappings are frozen (so
 * hashable) while lists and views are not.
 */
export function yHashKey(v: PyValue): string {
  if (isDict(v)) {
    if (isPlainDict(v)) throw new PyError("TypeError", "unhashable type: 'dict'");
    const parts = ydictEntries(v).map(([k, x]) => `${yHashKey(k)}:${yHashKey(x)}`);
    return `d{${parts.sort().join(",")}}`;
  }
  if (v instanceof PyTuple) return `t(${v.items.map(yHashKey).join(",")})`;
  if (isSetLike(v) && !(v instanceof PySet)) {
    throw new PyError("TypeError", `unhashable type: '${(v as YaqlView).pyOpaque}'`);
  }
  if (
    v !== null &&
    typeof v === "object" &&
    !Array.isArray(v) &&
    !(v instanceof PySet) &&
    !(v instanceof PyFloat)
  ) {
    const valueKey = (v as { hashKey?: () => string }).hashKey;
    if (valueKey) return valueKey.call(v);
    // Other objects (iterators, regexes, contexts) hash by identity, as in Python.
    let id = identities.get(v);
    if (id === undefined) identities.set(v, (id = ++lastIdentity));
    return `o${id}`;
  }
  return hashKey(v);
}

/** A mutable Python set in yaql: one a Python function returned (not converted), or set algebra on one. */
export function isPythonSet(v: PyValue): boolean {
  return v instanceof PySet && (!(v instanceof YSet) || v.pythonSet === true);
}

const identities = new WeakMap<object, number>();
let lastIdentity = 0;

/**
 * yaql's frozenset: a PySet whose members hash the yaql way, so frozen
 * mappings can be members (they cannot once handed back as plain dicts).
 */
export class YSet extends PySet {
  /** A Python set, not a frozenset: set algebra on a set a Python function returned (`{1}.union(...)`). */
  pythonSet?: true;
  private members?: Map<string, PyValue>;
  /** CPython's table when it is not that of inserting the members afresh (set algebra results). */
  cpythonTable?: SetTable;
  constructor(items: Iterable<PyValue> = []) {
    super();
    for (const item of items) this.add(item);
  }
  private table(): Map<string, PyValue> {
    this.members ??= new Map();
    return this.members;
  }
  override add(item: PyValue): void {
    const key = yHashKey(item);
    if (!this.table().has(key)) this.table().set(key, item);
  }
  override has(item: PyValue): boolean {
    return this.table().has(yHashKey(item));
  }
  override delete(item: PyValue): boolean {
    return this.table().delete(yHashKey(item));
  }
  override get size(): number {
    return this.table().size;
  }
  override values(): PyValue[] {
    return [...this.table().values()];
  }
}

/** The order CPython iterates a set in. */
export function setOrder(v: PySet): readonly PyValue[] {
  return v instanceof YSet && v.cpythonTable ? v.cpythonTable.order() : pythonSetOrder(v.values());
}

/** A set of already seen values, by yHashKey. */
export class Seen {
  private readonly keys = new Set<string>();
  /** Adds the value; false when it was already there. */
  add(v: PyValue): boolean {
    const k = yHashKey(v);
    if (this.keys.has(k)) return false;
    this.keys.add(k);
    return true;
  }
}

/** iter(v) for any Python iterable (strings yield characters, dicts their keys). */
export function* iterate(v: PyValue): Generator<PyValue> {
  if (Array.isArray(v)) yield* v;
  else if (v instanceof PyTuple) yield* v.items;
  else if (v instanceof PySet) yield* setOrder(v);
  else if (v instanceof YaqlIter) {
    for (let r = v.it.next(); !r.done; r = v.it.next()) yield r.value;
  } else if (v instanceof YaqlView) {
    const it = v.make();
    for (let r = it.next(); !r.done; r = it.next()) yield r.value;
  } else if (typeof v === "string") yield* Array.from(v);
  else if (isDict(v)) yield* ydictKeys(v);
  else throw new PyError("TypeError", `'${pyTypeName(v)}' object is not iterable`);
}

/**
 * iterate() for a loop that reads every item at once (for-of, spread, yield*):
 * a list or tuple as itself, which spares a generator step per item.
 */
export function itemsOf(v: PyValue): Iterable<PyValue> {
  if (Array.isArray(v)) return v;
  if (v instanceof PyTuple) return v.items;
  return iterate(v);
}

export function iter(gen: Iterable<PyValue>): YaqlIter {
  return new YaqlIter(gen[Symbol.iterator]());
}

/** Materialises an iterable (bounded, so an endless sequence fails instead of hanging). */
export function toArray(v: PyValue, limit = 1_000_000): PyValue[] {
  if (Array.isArray(v)) return v;
  if (v instanceof PyTuple) return [...v.items];
  return collect(itemsOf(v), limit);
}

/**
 * The items of a lazy source in an array, at most `limit` of them: past that,
 * yaql's CollectionTooLargeException instead of an endless loop or an array
 * past what JavaScript can hold (`list(range(10**20))`, `sequence()`).
 */
export function collect(items: Iterable<PyValue>, limit = 1_000_000): PyValue[] {
  const out: PyValue[] = [];
  for (const x of items) {
    if (out.length >= limit) throw tooLarge(limit);
    out.push(x);
  }
  return out;
}

/** len() without copying: lists, tuples and sets know their size (Python's len is constant time). */
export function lengthOf(v: PyValue): number {
  if (Array.isArray(v)) return v.length;
  if (v instanceof PyTuple) return v.items.length;
  if (v instanceof PySet) return v.size;
  return toArray(v).length;
}

// ---------------------------------------------------------------- edge conversions

/** yaql's convert_input_data: sequences become tuples, mappings are copied (frozen). */
export function convertInput(v: PyValue, seen?: Map<object, PyValue>): PyValue {
  if (v === null || typeof v !== "object") return v;
  const cached = seen?.get(v);
  if (cached !== undefined) return cached;
  let out: PyValue;
  if (Array.isArray(v)) out = new PyTuple(convertItems(v, seen));
  else if (v instanceof PyTuple) out = new PyTuple(convertItems(v.items, seen));
  else if (v instanceof PySet) out = new YSet(convertItems(v.values(), seen));
  else if (isSequenceObject(v)) out = new PyTuple(convertItems(v.items(), seen));
  else if (isDict(v)) out = mapValuesKeepingKeys(v, (x) => convertInput(x, seen));
  else return v;
  seen?.set(v, out);
  return out;
}

function convertItems(items: readonly PyValue[], seen: Map<object, PyValue> | undefined): PyValue[] {
  const out: PyValue[] = new Array(items.length);
  for (let i = 0; i < items.length; i++) out[i] = convertInput(items[i]!, seen);
  return out;
}

/**
 * convertOutput(convertInput(v)) in one pass for plain data (lists, tuples,
 * dicts with string keys, scalars): what an expression that hands back
 * workflow data unchanged returns. Anything else takes the two passes.
 */
export function roundTrip(v: PyValue): PyValue {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map(roundTrip);
  if (v instanceof PyTuple) return v.items.map(roundTrip);
  if (isDict(v) && !REMEMBERED_KEYS.has(v)) return mapValues(v, roundTrip);
  return convertOutput(convertInput(v));
}

/** A converted output value used as a dict key or set member: lists, dicts and (mutable) sets are unhashable. */
function hashableOutput(v: PyValue): PyValue {
  if (Array.isArray(v) || isDict(v) || v instanceof PySet)
    throw new PyError("TypeError", `unhashable type: '${pyTypeName(v)}'`);
  return v;
}

/** A value handed to a Python function as yaql holds it (tuples, frozen mappings, views); only iterators are read into lists. */
export function handOverFrozen(v: PyValue): PyValue {
  return v instanceof YaqlIter ? convertOutput(v) : v;
}

/**
 * handOverFrozen for a function that only iterates its arguments (Orquesta's
 * zip): a mapping view as the tuple of the items it yields, so that
 * `zip(d.items(), ...)` pairs the item tuples.
 */
export function handOverIterated(v: PyValue): PyValue {
  return v instanceof YaqlView ? new PyTuple(toArray(v)) : handOverFrozen(v);
}

/** yaql's convert_output_data: tuples and iterators become lists, sets stay sets. */
export function convertOutput(v: PyValue): PyValue {
  if (v === null || typeof v !== "object") return v;
  if (isDict(v)) {
    const out: PyDict = {};
    for (const [k, x] of ydictEntries(v)) {
      const key = hashableOutput(convertOutput(k));
      ydictSet(out, key, convertOutput(x));
    }
    return isPlainDict(v) ? markPlainDict(out) : out;
  }
  // Each element is converted as it is produced, so a lazy element fails before later ones are made.
  // An endless iterator (generate() with a condition that never fails) stops at
  // toArray's bound instead of growing until the process runs out of memory.
  if (isSetLike(v)) {
    const out = new PySet();
    let n = 0;
    for (const x of itemsOf(v)) {
      if (++n > OUTPUT_LIMIT) throw tooLarge(OUTPUT_LIMIT);
      out.add(hashableOutput(convertOutput(x)));
    }
    return out;
  }
  if (isYaqlIterable(v)) {
    const out: PyValue[] = [];
    for (const x of itemsOf(v)) {
      if (out.length >= OUTPUT_LIMIT) throw tooLarge(OUTPUT_LIMIT);
      out.push(convertOutput(x));
    }
    return out;
  }
  return v;
}

const OUTPUT_LIMIT = 1_000_000;

function tooLarge(limit: number): PyError {
  return new PyError("CollectionTooLargeException", `Collection length exceeds ${limit} elements`);
}
