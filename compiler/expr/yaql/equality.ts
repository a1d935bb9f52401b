// Python `==` for the values a YAQL expression sees: the shared model's rules
// plus timespans compared by value (datetimes hash by value in the shared model).

import { PyTimedelta } from "../../../runtime/stdlib/py/datetime";
import { PySet, type PyValue, pyEquals } from "../../../runtime/stdlib/py/value";
import { isSetLike, toArray, yHashKey } from "./values";

export function yEquals(a: PyValue, b: PyValue): boolean {
  if (a instanceof PyTimedelta && b instanceof PyTimedelta) return a.us === b.us;
  if (isSetLike(a) && isSetLike(b) && !(a instanceof PySet && b instanceof PySet)) return sameSet(a, b);
  return pyEquals(a, b);
}

/** Set equality where one side is a mapping view (Python's Set ABC). */
function sameSet(a: PyValue, b: PyValue): boolean {
  const left = new Set(toArray(a).map(yHashKey));
  const right = toArray(b).map(yHashKey);
  return right.every((k) => left.has(k)) && new Set(right).size === left.size;
}
