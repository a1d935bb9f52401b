// Runs ajv over YAML data (or plain JSON data) and reports schema problems the
// way Python's jsonschema does (one error per failing keyword, branch errors of
// a failed oneOf/anyOf folded into it, unknown keys of one object grouped),
// keeping the path to the offending YAML node or value.

import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import { PyFloat, type PyValue, pyRepr } from "../../runtime/stdlib/py/index";
import { timestampValue } from "../load/pyyaml-scalar";
import { type JsonData, type NodePath, nodeAt, toJsonData, toPyValue, type YNode } from "../load/yaml-node";
import { pythonRegExp } from "./python-regexp";

export interface SchemaIssue {
  /** The JSON Schema keyword that failed (type, required, additionalProperties, oneOf, ...). */
  readonly keyword: string;
  /** Path to the instance that failed (for additionalProperties/required: the object). */
  readonly path: NodePath;
  /** Orquesta-style dotted schema path, e.g. `properties.tasks.patternProperties.^\w+$.properties.input.oneOf`. */
  readonly schemaPath: string;
  /** Python jsonschema wording, e.g. `'' is too short`. */
  readonly message: string;
  /** Unknown keys (additionalProperties), missing key (required), expected type (type)... */
  readonly params: Readonly<Record<string, unknown>>;
}

const ajv = new Ajv({
  allErrors: true,
  strict: false,
  validateSchema: false,
  code: { regExp: pythonRegExp },
});
/** jsonschema's validators that fill in defaults (StackStorm's use_default) change the data they check. */
const ajvFillingDefaults = new Ajv({
  allErrors: true,
  strict: false,
  validateSchema: false,
  useDefaults: true,
  code: { regExp: pythonRegExp },
});
const compiled = new WeakMap<object, ValidateFunction>();

function validatorFor(schema: object): ValidateFunction {
  let fn = compiled.get(schema);
  if (!fn) {
    fn = ajv.compile(schema);
    compiled.set(schema, fn);
  }
  return fn;
}

function decodePointer(pointer: string): string[] {
  if (pointer === "" || pointer === "#") return [];
  return pointer
    .replace(/^#/, "")
    .split("/")
    .slice(1)
    .map((p) => decodeURIComponent(p).replace(/~1/g, "/").replace(/~0/g, "~"));
}

function instancePath(root: YNode, pointer: string): NodePath {
  const out: (string | number)[] = [];
  let node: YNode | undefined = root;
  for (const step of decodePointer(pointer)) {
    if (node?.kind === "seq") {
      out.push(Number(step));
      node = node.items[Number(step)];
    } else {
      out.push(step);
      node = node ? nodeAt(node, [step]).node : undefined;
    }
  }
  return out;
}

function reprAt(root: YNode, path: NodePath): string {
  const found = nodeAt(root, path);
  // Orquesta's messages show what PyYAML built: a timestamp is a date or datetime there.
  return found.complete ? pyRepr(toPyValue(found.node, timestampValue)) : "None";
}

const q = (s: string): string => pyRepr(s);

/** Orquesta's version enum is ["1.0", 1.0]; JSON cannot tell 1.0 from 1, so restore the float. */
function enumValues(values: (string | number)[]): PyValue[] {
  return values.map((v) =>
    typeof v === "number" && Number.isInteger(v) && values.includes(`${v}.0`) ? new PyFloat(v) : v,
  );
}

function jsonschemaMessage(e: ErrorObject, instance: string): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "type":
      return `${instance} is not of type ${String(p.type)
        .split(",")
        .map((t) => q(t))
        .join(", ")}`;
    case "minLength":
    case "minItems":
      return `${instance} is too short`;
    case "maxLength":
    case "maxItems":
      return `${instance} is too long`;
    case "minProperties":
      return `${instance} does not have enough properties`;
    case "maxProperties":
      return `${instance} has too many properties`;
    case "uniqueItems":
      return `${instance} has non-unique elements`;
    case "required":
      return `${q(String(p.missingProperty))} is a required property`;
    case "enum":
      return `${instance} is not one of ${pyRepr(enumValues(p.allowedValues as (string | number)[]))}`;
    case "minimum":
      return `${instance} is less than the minimum of ${String(p.limit)}`;
    case "exclusiveMinimum":
      return `${instance} is less than or equal to the minimum of ${String(p.limit)}`;
    case "maximum":
      return `${instance} is greater than the maximum of ${String(p.limit)}`;
    case "exclusiveMaximum":
      return `${instance} is greater than or equal to the maximum of ${String(p.limit)}`;
    case "multipleOf":
      return `${instance} is not a multiple of ${String(p.multipleOf)}`;
    case "pattern":
      return `${instance} does not match ${q(String(p.pattern))}`;
    case "oneOf":
      return (p.passingSchemas as unknown) === null || p.passingSchemas === undefined
        ? `${instance} is not valid under any of the given schemas`
        : `${instance} is valid under each of the given schemas`;
    case "anyOf":
      return `${instance} is not valid under any of the given schemas`;
    default:
      return e.message ?? "is not valid";
  }
}

/** Validates YAML data against a schema; returns jsonschema-like issues in schema order. */
export function validateNode(root: YNode, schema: object, data: JsonData = toJsonData(root)): SchemaIssue[] {
  const validate = validatorFor(schema);
  if (validate(data)) return [];
  return issuesOf(
    validate.errors ?? [],
    (pointer) => instancePath(root, pointer),
    (path) => reprAt(root, path),
  );
}

/**
 * Validates plain JSON data; with `fillDefaults`, property defaults the data
 * leaves out are written into it first (it is changed in place).
 */
export function validateData(schema: object, data: JsonData, fillDefaults = false): SchemaIssue[] {
  const validate = fillDefaults ? ajvFillingDefaults.compile(schema) : validatorFor(schema);
  if (validate(data)) return [];
  return issuesOf(
    validate.errors ?? [],
    (pointer) => dataPath(data, pointer),
    (path) => pyRepr(valueAt(data, path) ?? null),
  );
}

function dataPath(data: JsonData, pointer: string): NodePath {
  let node: JsonData | undefined = data;
  return decodePointer(pointer).map((step) => {
    const index = Array.isArray(node) ? Number(step) : step;
    node = valueAt(node ?? null, [index]);
    return index;
  });
}

function valueAt(data: JsonData, path: NodePath): JsonData | undefined {
  let node: JsonData | undefined = data;
  for (const step of path) {
    if (Array.isArray(node) && typeof step === "number") node = node[step];
    else if (node !== null && typeof node === "object" && !Array.isArray(node)) node = node[String(step)];
    else return undefined;
  }
  return node;
}

function issuesOf(
  errors: readonly ErrorObject[],
  pathOf: (pointer: string) => NodePath,
  reprOf: (path: NodePath) => string,
): SchemaIssue[] {
  const combinators = errors
    .filter((e) => e.keyword === "oneOf" || e.keyword === "anyOf")
    .map((e) => `${e.schemaPath}/`);
  const issues: SchemaIssue[] = [];
  const grouped = new Map<string, { issue: SchemaIssue; keys: string[] }>();
  for (const e of errors) {
    if (combinators.some((prefix) => e.schemaPath.startsWith(prefix))) continue;
    const path = pathOf(e.instancePath);
    const schemaPath = decodePointer(e.schemaPath).join(".");
    if (e.keyword === "additionalProperties") {
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      const id = `${e.instancePath}|${e.schemaPath}`;
      const group = grouped.get(id);
      if (group) {
        group.keys.push(key);
        continue;
      }
      const keys = [key];
      const issue: SchemaIssue = { keyword: e.keyword, path, schemaPath, message: "", params: { keys } };
      grouped.set(id, { issue, keys });
      issues.push(issue);
      continue;
    }
    const message = jsonschemaMessage(e, reprOf(path));
    issues.push({
      keyword: e.keyword,
      path,
      schemaPath,
      message,
      params: e.params as Record<string, unknown>,
    });
  }
  return issues.map((issue) => {
    if (issue.keyword !== "additionalProperties") return issue;
    const keys = issue.params.keys as string[];
    const list = keys.map(q).join(", ");
    const verb = keys.length === 1 ? "was" : "were";
    return { ...issue, message: `Additional properties are not allowed (${list} ${verb} unexpected)` };
  });
}

/** Orquesta's dotted spec path: `tasks.t1.next[0].when`, null for the root. */
export function specPathOf(path: NodePath): string | null {
  let out = "";
  for (const step of path) {
    if (typeof step === "number") out += `[${step}]`;
    else out += out ? `.${step}` : step;
  }
  return out || null;
}
