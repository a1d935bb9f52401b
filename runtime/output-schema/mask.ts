// Secret action output, masked as StackStorm's API shows it: a value whose
// output_schema entry says `secret: true` becomes "********", found by
// following the schema (properties, patternProperties, additionalProperties,
// items, additionalItems) into the value where the value has the matching
// shape. Anything the schema does not describe stays as it is.

import type { JsonObject, JsonValue } from "../backend/types";
import { MASK } from "../secrets/mask";
import { isJsonObject } from "./dialect";

const BASIC_TYPES = new Set(["boolean", "integer", "null", "number", "string"]);

/** The value with its secret parts masked (a copy where anything changed). */
export function maskBySchema(spec: JsonValue | undefined, value: JsonValue): JsonValue {
  if (!isJsonObject(spec)) return value;
  if (spec.secret === true) return MASK;
  const kind = spec.type;
  if (typeof kind === "string" && BASIC_TYPES.has(kind)) return value;
  if (kind === "object" && isJsonObject(value)) return maskObject(spec, value);
  if (kind === "array" && Array.isArray(value)) return maskArray(spec, value);
  return value;
}

function maskObject(spec: JsonObject, value: JsonObject): JsonObject {
  const out: JsonObject = { ...value };
  const properties = isJsonObject(spec.properties) ? spec.properties : undefined;
  const unhandled = new Set(Object.keys(value));
  if (properties && Object.keys(properties).length > 0) {
    for (const [key, sub] of Object.entries(properties)) {
      if (!Object.hasOwn(value, key)) continue;
      out[key] = maskBySchema(sub, value[key]!);
      unhandled.delete(key);
    }
  }
  const patterns = isJsonObject(spec.patternProperties) ? spec.patternProperties : undefined;
  if (patterns) {
    for (const [pattern, sub] of Object.entries(patterns)) {
      if (unhandled.size === 0) break;
      let re: RegExp;
      try {
        re = new RegExp(pattern, "u");
      } catch {
        continue;
      }
      for (const key of [...unhandled]) {
        if (!re.test(key)) continue;
        out[key] = maskBySchema(sub, value[key]!);
        unhandled.delete(key);
      }
    }
  }
  const additional = spec.additionalProperties;
  if (isJsonObject(additional)) for (const key of unhandled) out[key] = maskBySchema(additional, value[key]!);
  return out;
}

function maskArray(spec: JsonObject, value: JsonValue[]): JsonValue[] {
  const out = [...value];
  const items = spec.items ?? {};
  let handled: number;
  if (Array.isArray(items)) {
    items.forEach((sub, i) => {
      if (i < out.length) out[i] = maskBySchema(sub, out[i]!);
    });
    handled = items.length;
  } else {
    for (let i = 0; i < out.length; i++) out[i] = maskBySchema(items, out[i]!);
    handled = out.length;
  }
  if (isJsonObject(spec.additionalItems))
    for (let i = handled; i < out.length; i++) out[i] = maskBySchema(spec.additionalItems, out[i]!);
  return out;
}
