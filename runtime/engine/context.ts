// Context helpers with Orquesta's exact aliasing: merge_dicts mutates the left
// mapping and assigns right-hand values by reference, so a merge can write
// through into a context layer (as it does upstream).

import { dictSet } from "../stdlib/py/dict";
import { isDict, type PyDict, PySet, PyTuple, type PyValue } from "../stdlib/py/value";

export function mergeDicts(left: PyDict, right: PyDict): PyDict {
  for (const k of Object.keys(right)) {
    const v = right[k]!;
    if (!Object.hasOwn(left, k)) {
      dictSet(left, k, v);
      continue;
    }
    const lv = left[k]!;
    if (isDict(lv) && isDict(v)) mergeDicts(lv, v);
    else dictSet(left, k, v);
  }
  return left;
}

export function deepCopy<T extends PyValue>(v: T): T {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map((x) => deepCopy(x)) as T;
  if (isDict(v)) {
    const out: PyDict = {};
    for (const k of Object.keys(v)) dictSet(out, k, deepCopy(v[k]!));
    return out as T;
  }
  if (v instanceof PyTuple) return new PyTuple(v.items.map((x) => deepCopy(x))) as T;
  if (v instanceof PySet) return new PySet(v.values()) as T;
  return v;
}

export function isEmptyDict(v: PyValue | undefined): boolean {
  return isDict(v) && Object.keys(v).length === 0;
}
