// Context helpers with Orquesta's exact aliasing: merge_dicts mutates the left
// mapping and assigns right-hand values by reference, so a merge can write
// through into a context layer (as it does upstream).

import { dictKeys, hasKeyOrder, putKeyFast } from "../stdlib/py/dict";
import { mapValuesKeepingKeys, ownText, REMEMBERED_KEYS } from "../stdlib/py/key-index";
import {
  isDict,
  type PyDict,
  PyFloat,
  PySet,
  PyStrSubclass,
  PyTuple,
  type PyValue,
} from "../stdlib/py/value";

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

/**
 * Orquesta's json_util.deepcopy: a round trip through ujson, so tuples come
 * back as lists and dict keys as ujson writes them (str() of the key, None as
 * "null"; 1 and '1' one key, the last value); when the value holds something
 * ujson refuses (a set, a datetime, bytes, a range ...), copy.deepcopy, which
 * keeps everything as it is.
 */
export function deepCopy<T extends PyValue>(v: T): T {
  const copied = jsonCopy(v);
  return (copied === REFUSED ? pythonCopy(v) : copied) as T;
}

/** jsonCopy's answer for a value ujson refuses to write. */
const REFUSED: unique symbol = Symbol("refused");

function jsonCopy(v: PyValue): PyValue | typeof REFUSED {
  if (v === null || typeof v !== "object") return v;
  if (v instanceof PyFloat) return v;
  const items = Array.isArray(v) ? v : v instanceof PyTuple ? v.items : null;
  if (items) {
    const out: PyValue[] = new Array(items.length);
    for (let i = 0; i < items.length; i++) {
      const x = jsonCopy(items[i]!);
      if (x === REFUSED) return REFUSED;
      out[i] = x;
    }
    return out;
  }
  if (isDict(v)) return jsonCopyDict(v);
  // a str subclass (Jinja's Markup) is written as its text and read back a str
  if (v instanceof PyStrSubclass) return v.text;
  return REFUSED;
}

/**
 * A dict's JSON copy, keys in Python's order. The hot path of every task's
 * context: plain assignment while no key needs the order table (putKey would
 * look the table up for every key).
 */
function jsonCopyDict(v: PyDict): PyDict | typeof REFUSED {
  const out: PyDict = {};
  let ordered = false;
  const index = REMEMBERED_KEYS.get(v);
  if (index || hasKeyOrder(v)) {
    for (const k of dictKeys(v)) {
      const x = jsonCopy(v[k]!);
      if (x === REFUSED) return REFUSED;
      ordered = putKeyFast(out, index ? ujsonKey(index.keyAt(k)) : k, x, ordered);
    }
    return out;
  }
  for (const k in v) {
    if (!Object.hasOwn(v, k)) continue;
    const x = jsonCopy(v[k]!);
    if (x === REFUSED) return REFUSED;
    ordered = putKeyFast(out, k, x, ordered);
  }
  return out;
}

/** The text ujson writes for a dict key: str() of it, but "null" for None. */
function ujsonKey(key: PyValue): string {
  return key === null ? "null" : ownText(key);
}

/** Python's copy.deepcopy: containers copied, keys and types kept (tuples, sets, remembered keys). */
function pythonCopy(v: PyValue): PyValue {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map(pythonCopy);
  if (v instanceof PyTuple) return new PyTuple(v.items.map(pythonCopy));
  if (v instanceof PySet) return new PySet(v.values());
  return isDict(v) ? mapValuesKeepingKeys(v, pythonCopy) : v;
}

export function isEmptyDict(v: PyValue | undefined): boolean {
  return isDict(v) && Object.keys(v).length === 0;
}
