// Python values <-> the JSON the backend stores and runners take. Tuples and
// sets become lists, big ints a number when exact. An integral float stays a
// PyFloat box, an int beyond 2^53 a bigint, and a dict keeps its key order: the
// backend and the Python runner write them with stringifyValue
// (backend/value-json.ts), which keeps all three and reads them back.

import type { JsonObject, JsonValue } from "../backend/types";
import { dictKeys, putKey } from "../stdlib/py/dict";
import { pyStr } from "../stdlib/py/text";
import { isDict, isOpaque, type PyDict, PyFloat, PySet, PyTuple, type PyValue } from "../stdlib/py/value";

export function toJsonValue(v: PyValue | undefined): JsonValue {
  if (v === null || v === undefined || typeof v === "boolean" || typeof v === "string") return v ?? null;
  if (typeof v === "number") return Number.isFinite(v) ? v : String(v);
  if (typeof v === "bigint") {
    const n = Number(v);
    return Number.isSafeInteger(n) ? n : (v as unknown as JsonValue);
  }
  if (v instanceof PyFloat) return Number.isFinite(v.v) ? (v as unknown as JsonValue) : String(v.v);
  if (Array.isArray(v)) return v.map(toJsonValue);
  if (v instanceof PyTuple) return v.items.map(toJsonValue);
  if (v instanceof PySet) return v.values().map(toJsonValue);
  if (isDict(v)) {
    const out: JsonObject = {};
    for (const k of dictKeys(v)) putKey(out as PyDict, k, toJsonValue(v[k]) as PyValue);
    return out;
  }
  if (isOpaque(v)) return pyStr(v);
  return String(v);
}

export function toJsonObject(v: PyValue | undefined): JsonObject {
  const j = toJsonValue(v);
  return j !== null && typeof j === "object" && !Array.isArray(j) ? j : {};
}

/** JSON read back as a Python value (JSON is a subset of the value model). */
export function fromJson(v: JsonValue | undefined): PyValue {
  return (v ?? null) as PyValue;
}
