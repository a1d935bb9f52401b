// An inquiry response checked against its schema as StackStorm does: a
// Draft-4 validator that also takes draft-3's `"required": true` on a
// property, and fills in property defaults the response leaves out. The
// project's schema validator (ajv, jsonschema's messages) does the checking;
// this module only turns the draft-3 markers into Draft-4 `required` lists.

import { specPathOf, validateData } from "../../compiler/schema/validate";
import type { JsonObject, JsonValue } from "../backend/types";

export type ResponseCheck =
  | { readonly ok: true; readonly response: JsonObject }
  | { readonly ok: false; readonly errors: readonly string[] };

export function validateResponse(schema: JsonValue, response: JsonValue): ResponseCheck {
  const filled = structuredClone(response);
  const draft4 = isObject(schema) ? withDraft4Required(schema) : {};
  const issues = validateData({ ...draft4, type: draft4.type ?? "object" }, filled, true);
  if (issues.length > 0)
    return {
      ok: false,
      errors: issues.map((i) => {
        const at = specPathOf(i.path);
        return at ? `${at}: ${i.message}` : i.message;
      }),
    };
  return { ok: true, response: filled as JsonObject };
}

/**
 * A copy of `schema` in which every property marked `required: true` is listed
 * in its object's `required` array, and boolean `required` markers are gone.
 */
function withDraft4Required(schema: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "required" && typeof value === "boolean") continue;
    out[key] = deepDraft4(value);
  }
  if (isObject(schema.properties)) {
    const marked = Object.entries(schema.properties)
      .filter(([, prop]) => isObject(prop) && prop.required === true)
      .map(([name]) => name);
    const listed = Array.isArray(schema.required) ? schema.required : [];
    if (marked.length > 0) out.required = [...new Set([...listed, ...marked])];
  }
  return out;
}

function deepDraft4(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(deepDraft4);
  return isObject(value) ? withDraft4Required(value) : value;
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
