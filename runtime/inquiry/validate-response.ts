// An inquiry response checked against its schema as StackStorm does: a
// Draft-4 validator that also takes draft-3's `"required": true` on a
// property, and fills in property defaults the response leaves out. Covers
// the keywords inquiry schemas use (type, properties, required,
// additionalProperties, items, enum, bounds, lengths, pattern); messages
// read like Python jsonschema's.

import type { JsonObject, JsonValue } from "../backend/types";

export type ResponseCheck =
  | { readonly ok: true; readonly response: JsonObject }
  | { readonly ok: false; readonly errors: readonly string[] };

export function validateResponse(schema: JsonValue, response: JsonValue): ResponseCheck {
  if (!isObject(response)) return { ok: false, errors: [`${show(response)} is not of type 'object'`] };
  const filled = structuredClone(response);
  const errors: string[] = [];
  check(isObject(schema) ? schema : {}, filled, "", errors);
  return errors.length === 0 ? { ok: true, response: filled } : { ok: false, errors };
}

function check(schema: JsonObject, value: JsonValue, path: string, errors: string[]): void {
  const at = (message: string) => errors.push(path ? `${path}: ${message}` : message);
  if (schema.type !== undefined && !typeMatches(schema.type, value)) {
    const names = Array.isArray(schema.type) ? schema.type.map(show).join(", ") : show(schema.type);
    at(`${show(value)} is not of type ${names}`);
    return;
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => sameValue(e, value)))
    at(`${show(value)} is not one of ${show(schema.enum)}`);
  if (typeof value === "number") checkNumber(schema, value, at);
  if (typeof value === "string") checkString(schema, value, at);
  if (Array.isArray(value)) checkArray(schema, value, path, errors, at);
  if (isObject(value)) checkObject(schema, value, path, errors, at);
}

function checkNumber(schema: JsonObject, n: number, at: (m: string) => void): void {
  const { minimum, maximum } = schema;
  if (typeof minimum === "number") {
    if (schema.exclusiveMinimum === true ? n <= minimum : n < minimum)
      at(
        `${show(n)} is less than ${schema.exclusiveMinimum === true ? "or equal to " : ""}the minimum of ${minimum}`,
      );
  }
  if (typeof maximum === "number") {
    if (schema.exclusiveMaximum === true ? n >= maximum : n > maximum)
      at(
        `${show(n)} is greater than ${schema.exclusiveMaximum === true ? "or equal to " : ""}the maximum of ${maximum}`,
      );
  }
}

function checkString(schema: JsonObject, s: string, at: (m: string) => void): void {
  const length = [...s].length;
  if (typeof schema.minLength === "number" && length < schema.minLength) at(`${show(s)} is too short`);
  if (typeof schema.maxLength === "number" && length > schema.maxLength) at(`${show(s)} is too long`);
  if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(s))
    at(`${show(s)} does not match ${show(schema.pattern)}`);
}

function checkArray(
  schema: JsonObject,
  items: JsonValue[],
  path: string,
  errors: string[],
  at: (m: string) => void,
): void {
  if (typeof schema.minItems === "number" && items.length < schema.minItems)
    at(`${show(items)} is too short`);
  if (typeof schema.maxItems === "number" && items.length > schema.maxItems) at(`${show(items)} is too long`);
  const spec = schema.items;
  items.forEach((item, i) => {
    const itemSchema = Array.isArray(spec) ? spec[i] : spec;
    if (isObject(itemSchema)) check(itemSchema, item, `${path}[${i}]`, errors);
  });
}

function checkObject(
  schema: JsonObject,
  obj: JsonObject,
  path: string,
  errors: string[],
  at: (m: string) => void,
): void {
  const properties = isObject(schema.properties) ? schema.properties : {};
  for (const [name, prop] of Object.entries(properties)) {
    if (isObject(prop) && obj[name] === undefined && prop.default !== undefined)
      obj[name] = structuredClone(prop.default);
  }
  const required = new Set<string>(Array.isArray(schema.required) ? schema.required.filter(isString) : []);
  for (const [name, prop] of Object.entries(properties))
    if (isObject(prop) && prop.required === true) required.add(name);
  for (const name of required) if (obj[name] === undefined) at(`${show(name)} is a required property`);
  for (const [name, prop] of Object.entries(properties))
    if (isObject(prop) && obj[name] !== undefined) check(prop, obj[name]!, join(path, name), errors);
  const extra = Object.keys(obj).filter((k) => !(k in properties));
  if (schema.additionalProperties === false && extra.length > 0)
    at(
      `Additional properties are not allowed (${extra.map(show).join(", ")} ${extra.length === 1 ? "was" : "were"} unexpected)`,
    );
  else if (isObject(schema.additionalProperties))
    for (const name of extra) check(schema.additionalProperties, obj[name]!, join(path, name), errors);
}

function typeMatches(type: JsonValue, value: JsonValue): boolean {
  if (Array.isArray(type)) return type.some((t) => typeMatches(t, value));
  switch (type) {
    case "object":
      return isObject(value);
    case "array":
      return Array.isArray(value);
    case "string":
      return typeof value === "string";
    case "boolean":
      return typeof value === "boolean";
    case "null":
      return value === null;
    case "number":
      return typeof value === "number";
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    default:
      return true;
  }
}

function sameValue(a: JsonValue, b: JsonValue): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isString(v: JsonValue): v is string {
  return typeof v === "string";
}

function join(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}

/** A value as Python's repr shows it in jsonschema messages. */
function show(v: JsonValue | undefined): string {
  if (v === undefined || v === null) return "None";
  if (typeof v === "boolean") return v ? "True" : "False";
  if (typeof v === "string") return `'${v}'`;
  if (Array.isArray(v)) return `[${v.map(show).join(", ")}]`;
  if (typeof v === "object")
    return `{${Object.entries(v)
      .map(([k, x]) => `'${k}': ${show(x)}`)
      .join(", ")}}`;
  return String(v);
}
