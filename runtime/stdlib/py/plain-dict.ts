// yaql freezes mappings (its FrozenDict: hashable, and not a Python `dict`),
// but some results are plain Python dicts: what toDict, delete, deleteAll and
// mergeWith build, what ctx() returns, and what Python functions (json(),
// from_json_string() ...) return. Those are unhashable (no set member or dict
// key), and Orquesta's json() hands them back where it rejects a FrozenDict.
// Both are PyDicts here; this side table tells them apart.

import { isDict, type PyValue } from "./value";

const PLAIN = new WeakSet<object>();

/** Marks a dict as a plain Python dict in YAQL; returns it. */
export function markPlainDict<T extends PyValue>(v: T): T {
  if (isDict(v)) PLAIN.add(v);
  return v;
}

/** Marks every dict inside a value returned by a Python function (lists and dicts are walked). */
export function markPlainDeep<T extends PyValue>(v: T): T {
  if (Array.isArray(v)) for (const x of v) markPlainDeep(x);
  else if (isDict(v)) {
    PLAIN.add(v);
    for (const x of Object.values(v)) markPlainDeep(x);
  }
  return v;
}

export function isPlainDict(v: PyValue): boolean {
  return isDict(v) && PLAIN.has(v);
}
