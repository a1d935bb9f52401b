// Context helpers with Orquesta's exact aliasing: merge_dicts mutates the left
// mapping and assigns right-hand values by reference, so a merge can write
// through into a context layer (as it does upstream).

import { dictKeys, putKey } from "../stdlib/py/dict";
import { isDict, type PyDict, PySet, PyTuple, type PyValue } from "../stdlib/py/value";

export function mergeDicts(left: PyDict, right: PyDict): PyDict {
  for (const k of dictKeys(right)) {
    const v = right[k]!;
    const lv = Object.hasOwn(left, k) ? left[k] : undefined;
    if (lv !== undefined && isDict(lv) && isDict(v)) mergeDicts(lv, v);
    else putKey(left, k, v);
  }
  return left;
}

export function deepCopy<T extends PyValue>(v: T): T {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map((x) => deepCopy(x)) as T;
  if (isDict(v)) {
    const out: PyDict = {};
    for (const k of dictKeys(v)) putKey(out, k, deepCopy(v[k]!));
    return out as T;
  }
  if (v instanceof PyTuple) return new PyTuple(v.items.map((x) => deepCopy(x))) as T;
  if (v instanceof PySet) return new PySet(v.values()) as T;
  return v;
}

export function isEmptyDict(v: PyValue | undefined): boolean {
  return isDict(v) && Object.keys(v).length === 0;
}
