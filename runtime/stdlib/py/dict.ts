// Safe dict access: user-controlled keys such as "__proto__" must stay data.
// And Python's key order: a JavaScript object lists integer-like keys ("0",
// "10" ...) first, in numeric order, whatever the order they were set in;
// Python keeps insertion order. A dict that gets such a key therefore carries
// its insertion order in a side table, kept by dictSet and read by dictKeys.
// Code that iterates a dict goes through dictKeys; code that copies one sets
// keys in dictKeys order through dictSet (or putKey in loops); code that
// removes a key goes through dictDelete, so a key set again moves to the end.

import type { PyDict, PyValue } from "./value";

/** Insertion order of the dicts that hold integer-like keys (may list deleted keys; dictKeys reconciles). */
const ORDER = new WeakMap<PyDict, string[]>();

/** A key JavaScript orders numerically: a canonical array index ("0", "7", "42", not "07" or "-1"). */
export function isIndexKey(key: string): boolean {
  if (key.length === 0) return false;
  const c = key.charCodeAt(0);
  if (c < 48 || c > 57) return false;
  if (key.length > 1 && c === 48) return false;
  for (let i = 1; i < key.length; i++) {
    const d = key.charCodeAt(i);
    if (d < 48 || d > 57) return false;
  }
  return key.length < 10 || Number(key) < 4294967295;
}

/** The dict has its own key order (an integer-like key was set): Object.keys may differ from dictKeys. */
export function hasKeyOrder(d: PyDict): boolean {
  return ORDER.has(d);
}

/** The keys of a dict in Python's order (insertion order). */
export function dictKeys(d: PyDict): string[] {
  const order = ORDER.get(d);
  const keys = Object.keys(d);
  if (order === undefined) return keys;
  if (order.length === keys.length) return order;
  // Keys deleted (or set around dictSet): keep the known order, then the rest.
  const seen = new Set<string>();
  const out: string[] = [];
  for (const k of [...order, ...keys]) {
    if (seen.has(k) || !Object.hasOwn(d, k)) continue;
    seen.add(k);
    out.push(k);
  }
  ORDER.set(d, out);
  return out;
}

/** Removes a key (Python's del d[k]). */
export function dictDelete(d: PyDict, key: string): void {
  delete d[key];
  const order = ORDER.get(d);
  if (order) {
    const i = order.indexOf(key);
    if (i >= 0) order.splice(i, 1);
  }
}

export function dictHas(d: PyDict, key: string): boolean {
  return Object.hasOwn(d, key);
}

export function dictGet(d: PyDict, key: string): PyValue | undefined {
  return Object.hasOwn(d, key) ? d[key] : undefined;
}

export function dictSet(d: PyDict, key: string, value: PyValue): void {
  const order = ORDER.get(d);
  if (order !== undefined) {
    if (!Object.hasOwn(d, key)) order.push(key);
  } else if (isIndexKey(key) && !Object.hasOwn(d, key)) {
    ORDER.set(d, [...Object.keys(d), key]);
  }
  // Plain assignment creates an own property for every key but "__proto__"
  // (Object.prototype's only accessor); defineProperty is kept for that one
  // because it is slow and turns objects into dictionary mode.
  if (key === "__proto__") {
    Object.defineProperty(d, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    d[key] = value;
  }
}

/** dictSet for loops that fill a new dict: plain assignment while the dict needs no order table. */
export function putKey(d: PyDict, key: string, value: PyValue): void {
  if (key === "__proto__" || isIndexKey(key) || ORDER.has(d)) dictSet(d, key, value);
  else d[key] = value;
}

/**
 * putKey for loops that fill a dict key by key: plain assignment while the
 * dict has no order table (`ordered` false) and the key needs none. Returns
 * whether the dict has one now, for the next call.
 */
export function putKeyFast(d: PyDict, key: string, value: PyValue, ordered: boolean): boolean {
  if (ordered || key === "__proto__" || isIndexKey(key)) {
    dictSet(d, key, value);
    return ORDER.has(d);
  }
  d[key] = value;
  return false;
}

/** A copy of `d` with every value mapped by `f`, keys in Python's order (the loop of filterDict). */
export function mapValues(d: PyDict, f: (v: PyValue) => PyValue): PyDict {
  const out: PyDict = {};
  let ordered = false;
  if (ORDER.has(d)) for (const k of dictKeys(d)) ordered = putKeyFast(out, k, f(d[k]!), ordered);
  else for (const k in d) if (Object.hasOwn(d, k)) ordered = putKeyFast(out, k, f(d[k]!), ordered);
  return out;
}

/** A shallow copy of the entries of `d` whose key passes `keep`, in Python's order. */
export function filterDict(d: PyDict, keep: (key: string) => boolean): PyDict {
  const out: PyDict = {};
  let ordered = false;
  // Without an order table, for-in walks the keys in the same order and builds no array.
  if (ORDER.has(d)) {
    for (const k of dictKeys(d)) if (keep(k)) ordered = putKeyFast(out, k, d[k]!, ordered);
  } else for (const k in d) if (Object.hasOwn(d, k) && keep(k)) ordered = putKeyFast(out, k, d[k]!, ordered);
  return out;
}

export function newDict(entries: Iterable<readonly [string, PyValue]> = []): PyDict {
  const d: PyDict = {};
  for (const [k, v] of entries) dictSet(d, k, v);
  return d;
}
