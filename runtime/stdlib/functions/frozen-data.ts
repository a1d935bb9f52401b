// What StackStorm's Python functions meet in YAQL's frozen data. yaql hands a
// function the context's values as it keeps them: lists as tuples, mappings as
// FrozenDicts (dicts not marked plain here). Python's json and PyYAML's safe
// dumper write neither a FrozenDict nor anything they cannot walk into, and
// st2common's mongodb_to_python_types turns mappings into dicts only where it
// walks: through dicts and lists, not into tuples.

import { dictKeys } from "../py/dict";
import { isPlainDict } from "../py/plain-dict";
import { isDict, PyTuple, type PyValue } from "../py/value";

/**
 * Whether a FrozenDict is left in `v` for json or yaml to meet: after
 * mongodb_to_python_types when `converted`, as it is otherwise.
 */
export function holdsFrozenMapping(v: PyValue, converted: boolean): boolean {
  if (v === null || typeof v !== "object") return false;
  if (isDict(v)) {
    if (!converted && !isPlainDict(v)) return true;
    return dictKeys(v).some((k) => holdsFrozenMapping(v[k]!, converted));
  }
  if (Array.isArray(v)) return v.some((x) => holdsFrozenMapping(x, converted));
  if (v instanceof PyTuple) return v.items.some((x) => holdsFrozenMapping(x, false));
  return false;
}
