// Context helpers with Orquesta's exact aliasing: merge_dicts mutates the left
// mapping and assigns right-hand values by reference, so a merge can write
// through into a context layer (as it does upstream).

import { dictKeys, hasKeyOrder, putKeyFast } from "../stdlib/py/dict";
import { displacedNames } from "../stdlib/py/key-index";
import { isDict, type PyDict, PySet, PyTuple, type PyValue } from "../stdlib/py/value";

export function mergeDicts(left: PyDict, right: PyDict): PyDict {
  let ordered = hasKeyOrder(left);
  // A dict without its own order table is walked with for-in, which builds no key array.
  if (hasKeyOrder(right)) for (const k of dictKeys(right)) ordered = mergeKey(left, k, right[k]!, ordered);
  else for (const k in right) if (Object.hasOwn(right, k)) ordered = mergeKey(left, k, right[k]!, ordered);
  return left;
}

function mergeKey(left: PyDict, k: string, v: PyValue, ordered: boolean): boolean {
  const lv = Object.hasOwn(left, k) ? left[k] : undefined;
  if (lv !== undefined && isDict(lv) && isDict(v)) {
    mergeDicts(lv, v);
    return ordered;
  }
  return putKeyFast(left, k, v, ordered);
}

export function deepCopy<T extends PyValue>(v: T): T {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map((x) => deepCopy(x)) as T;
  if (isDict(v)) return copyDict(v) as T;
  if (v instanceof PyTuple) return new PyTuple(v.items.map((x) => deepCopy(x))) as T;
  if (v instanceof PySet) return new PySet(v.values()) as T;
  return v;
}

/**
 * A deep copy of a dict, keys in Python's order. The hot path of every task's
 * context: plain assignment while no key needs the order table (putKey would
 * look the table up for every key).
 */
function copyDict(v: PyDict): PyDict {
  const out: PyDict = {};
  let ordered = false;
  // Orquesta copies a context through JSON: keys that only Python tells apart (1, '1') become one.
  const names = displacedNames(v);
  if (names) {
    for (const k of dictKeys(v)) ordered = putKeyFast(out, names.get(k) ?? k, deepCopy(v[k]!), ordered);
    return out;
  }
  if (hasKeyOrder(v)) for (const k of dictKeys(v)) ordered = putKeyFast(out, k, deepCopy(v[k]!), ordered);
  else for (const k in v) if (Object.hasOwn(v, k)) ordered = putKeyFast(out, k, deepCopy(v[k]!), ordered);
  return out;
}

export function isEmptyDict(v: PyValue | undefined): boolean {
  return isDict(v) && Object.keys(v).length === 0;
}
