// Conversion between Python values and the JSON form the golden files use:
// tuples and sets as arrays (sets sorted), big ints as {"$bigint": "..."},
// inf/nan as {"$float": "..."}, plus the JSON Pointers of every float.

import { dictKeys, dictSet } from "./dict";
import { intDecimal } from "./int-text";
import { displacedNames } from "./key-index";
import { pyStr } from "./text";
import {
  isDict,
  isOpaque,
  type PyDict,
  PyError,
  PyFloat,
  PySet,
  PyTuple,
  type PyValue,
  pySorted,
  pyTypeName,
} from "./value";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface GoldenValue {
  readonly value: Json;
  readonly type: string;
  readonly float_paths?: string[];
}

/**
 * Python objects that Orquesta keeps in a workflow's context (its JSON copy
 * falls back to copy.deepcopy for them) and that a trace writes as their
 * str(), as the reference recorder does (`json.dumps(..., default=str)`):
 * `publish: [start: <% now() %>]`. Others (Undefined, a Namespace, dict
 * views, iterators) cannot be copied: Orquesta raises, and no trace exists.
 */
const KEPT_AS_TEXT: ReadonlySet<string> = new Set([
  "datetime.datetime",
  "datetime.date",
  "datetime.timedelta",
  "bytes",
  "range",
  "re.Pattern",
  "complex",
]);

/**
 * The golden JSON form of a value. `objectsAsText`: objects a workflow's
 * context can hold are written as their str() (traces); otherwise a value
 * that is not data throws (expression results: the golden files skip them).
 */
export function toGolden(v: PyValue, objectsAsText = false): GoldenValue {
  const floats: string[] = [];
  const value = toJson(v, "", floats, objectsAsText);
  const type = pyTypeName(v);
  const container = Array.isArray(v) || v instanceof PyTuple || v instanceof PySet || isDict(v);
  return container && floats.length > 0 ? { value, type, float_paths: floats } : { value, type };
}

function toJson(v: PyValue, path: string, floats: string[], objectsAsText: boolean): Json {
  if (v === null || typeof v === "boolean" || typeof v === "string") return v;
  if (typeof v === "bigint") return { $bigint: intDecimal(v) };
  if (typeof v === "number") {
    if (!Number.isInteger(v)) floats.push(path);
    return v;
  }
  if (v instanceof PyFloat) {
    floats.push(path);
    if (Number.isNaN(v.v)) return { $float: "nan" };
    if (!Number.isFinite(v.v)) return { $float: v.v > 0 ? "inf" : "-inf" };
    return v.v;
  }
  const seq = Array.isArray(v)
    ? v
    : v instanceof PyTuple
      ? v.items
      : v instanceof PySet
        ? safeSorted(v)
        : null;
  if (seq) return seq.map((x, i) => toJson(x, `${path}/${i}`, floats, objectsAsText));
  if (isDict(v)) {
    // dictSet keeps Python's key order (integer-like keys included) for writers that ask dictKeys.
    const out: PyDict = {};
    // a dict holding 1 and '1' is written as Python's json.dumps writes it and read back: one key
    const names = displacedNames(v);
    for (const k of dictKeys(v)) {
      const name = names?.get(k) ?? k;
      const pointer = `${path}/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`;
      dictSet(out, name, toJson(v[k]!, pointer, floats, objectsAsText) as PyValue);
    }
    return out as { [key: string]: Json };
  }
  if (isOpaque(v)) {
    if (objectsAsText && KEPT_AS_TEXT.has(v.pyOpaque)) return pyStr(v);
    throw new PyError("TypeError", `${v.pyOpaque} is not data`);
  }
  return null;
}

function safeSorted(s: PySet): PyValue[] {
  try {
    return pySorted(s.values());
  } catch {
    return s.values();
  }
}

/** A golden JSON value back to a Python value ($bigint, $float understood; floats in float_paths restored). */
export function fromGolden(value: Json, floatPaths: readonly string[] = []): PyValue {
  const floatSet = new Set(floatPaths);
  const walk = (j: Json, path: string): PyValue => {
    if (j === null || typeof j === "boolean" || typeof j === "string") return j;
    if (typeof j === "number") return floatSet.has(path) && Number.isInteger(j) ? new PyFloat(j) : j;
    if (Array.isArray(j)) return j.map((x, i) => walk(x, `${path}/${i}`));
    const keys = Object.keys(j);
    if (keys.length === 1 && keys[0] === "$bigint" && typeof j.$bigint === "string") return BigInt(j.$bigint);
    if (keys.length === 1 && keys[0] === "$float" && typeof j.$float === "string") {
      const f = j.$float;
      return new PyFloat(
        f === "nan" ? Number.NaN : f === "inf" ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY,
      );
    }
    const out: { [key: string]: PyValue } = {};
    for (const k of keys) {
      Object.defineProperty(out, k, {
        value: walk(j[k]!, `${path}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  };
  return walk(value, "");
}
