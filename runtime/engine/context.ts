// Context helpers with Orquesta's exact aliasing: merge_dicts mutates the left
// mapping and assigns right-hand values by reference, so a merge can write
// through into a context layer (as it does upstream).

import { dictKeys, dictSet, hasKeyOrder, isIndexKey } from "../stdlib/py/dict";
import { isDict, type PyDict, PySet, PyTuple, type PyValue } from "../stdlib/py/value";

export function mergeDicts(left: PyDict, right: PyDict): PyDict {
  let ordered = hasKeyOrder(left);
  for (const k of dictKeys(right)) {
    const v = right[k]!;
    const lv = Object.hasOwn(left, k) ? left[k] : undefined;
    if (lv !== undefined && isDict(lv) && isDict(v)) mergeDicts(lv, v);
    else if (ordered || k === "__proto__" || isIndexKey(k)) {
      dictSet(left, k, v);
      ordered = hasKeyOrder(left);
    } else left[k] = v;
  }
  return left;
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
  for (const k of dictKeys(v)) {
    const x = deepCopy(v[k]!);
    if (ordered || k === "__proto__" || isIndexKey(k)) {
      dictSet(out, k, x);
      ordered = hasKeyOrder(out);
    } else out[k] = x;
  }
  return out;
}

export function isEmptyDict(v: PyValue | undefined): boolean {
  return isDict(v) && Object.keys(v).length === 0;
}
