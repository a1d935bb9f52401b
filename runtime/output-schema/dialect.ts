// StackStorm's JSON Schema dialect for action output ("custom" in
// st2common/util/schema): draft 4, except that a property is required by
// `required: true` on its own schema (draft 3's rule) and an object's
// `required` list is not checked at all. toAjvSchema rewrites such a schema
// for ajv (draft 7 keywords) so that it accepts and refuses the same values.

import type { JsonObject, JsonValue } from "../backend/types";

export const isJsonObject = (v: JsonValue | undefined): v is JsonObject =>
  v !== null && v !== undefined && typeof v === "object" && !Array.isArray(v);

/** Keywords whose value is one subschema. */
export const ONE_SUBSCHEMA: ReadonlySet<string> = new Set([
  "additionalProperties",
  "additionalItems",
  "not",
  "items",
]);
/** Keywords whose value is a list of subschemas. */
export const LIST_OF_SUBSCHEMAS: ReadonlySet<string> = new Set(["anyOf", "oneOf", "allOf", "items"]);
/** Keywords whose value maps names to subschemas. */
export const MAP_OF_SUBSCHEMAS: ReadonlySet<string> = new Set([
  "properties",
  "patternProperties",
  "definitions",
  "dependencies",
]);

export function toAjvSchema(schema: JsonValue): JsonValue {
  if (!isJsonObject(schema)) return schema;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "required") continue; // the boolean is read by the parent's `properties`; a list is ignored
    if (ONE_SUBSCHEMA.has(key) && isJsonObject(value)) out[key] = toAjvSchema(value);
    else if (LIST_OF_SUBSCHEMAS.has(key) && Array.isArray(value)) out[key] = value.map(toAjvSchema);
    else if (MAP_OF_SUBSCHEMAS.has(key) && isJsonObject(value))
      out[key] = Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, Array.isArray(v) ? v : toAjvSchema(v)]),
      );
    else out[key] = value;
  }
  if (isJsonObject(schema.properties)) {
    const required = Object.entries(schema.properties)
      .filter(([, sub]) => isJsonObject(sub) && sub.required === true)
      .map(([name]) => name);
    if (required.length > 0) out.required = required;
  }
  // Draft 4's boolean exclusiveMaximum/exclusiveMinimum qualify maximum/minimum.
  for (const [flag, bound] of [
    ["exclusiveMaximum", "maximum"],
    ["exclusiveMinimum", "minimum"],
  ] as const) {
    if (typeof schema[flag] !== "boolean") continue;
    delete out[flag];
    if (schema[flag] === true && typeof schema[bound] === "number") {
      out[flag] = schema[bound];
      delete out[bound];
    }
  }
  return out;
}

/**
 * A full output schema rather than the legacy form (a bare map of
 * properties): StackStorm validates only full schemas, and masks secrets of
 * legacy ones after wrapping them in an object schema.
 */
export function isFullSchema(schema: JsonValue | undefined): schema is JsonObject {
  return isJsonObject(schema) && "type" in schema;
}

/** The legacy form as a full schema: an object with those properties, others allowed. */
export function fullSchema(schema: JsonValue | undefined): JsonObject | undefined {
  if (isFullSchema(schema)) return schema;
  if (!isJsonObject(schema)) return undefined;
  return { type: "object", properties: schema, additionalProperties: true };
}
