// An action's `output_schema` at run time, as StackStorm applies it to the
// runners that name an output key (python-script: result, http-request: body,
// orquesta: output): secret parts of the output are masked in what is stored
// and shown (always), and, when asked (StackStorm's
// `system.validate_output_schema`, off by default; orqc's
// --validate-output-schema), a succeeded result whose output does not match a
// full schema turns the execution into a failure.

import { validateData } from "../../compiler/schema/validate";
import type { JsonObject, JsonValue } from "../backend/types";
import { fullSchema, isFullSchema, isJsonObject, toAjvSchema } from "./dialect";
import { maskBySchema } from "./mask";

const OUTPUT_KEYS: Readonly<Record<string, string>> = {
  "python-script": "result",
  "http-request": "body",
  orquesta: "output",
  "orqc-bundle": "output",
};

export function outputKeyOf(runnerType: string): string | undefined {
  return OUTPUT_KEYS[runnerType];
}

/** The result with the secret parts of its output masked (the same object when there is nothing to mask). */
export function maskSecretOutput(
  result: JsonValue,
  runnerType: string,
  schema: JsonValue | undefined,
): JsonValue {
  const key = outputKeyOf(runnerType);
  const spec = fullSchema(schema);
  if (!key || !spec || !isJsonObject(result) || !Object.hasOwn(result, key)) return result;
  const masked = maskBySchema(spec, result[key]!);
  return masked === result[key] ? result : { ...result, [key]: masked };
}

export const OUTPUT_INVALID = "Error validating output. See error output for more details.";

const ajvSchemas = new WeakMap<object, object>();

/**
 * StackStorm's check of a succeeded result: undefined when it passes (or
 * there is nothing to check), else the failed result StackStorm records
 * instead: `{error, message}`.
 */
export function validateOutput(
  result: JsonValue,
  runnerType: string,
  schema: JsonValue | undefined,
): JsonObject | undefined {
  const key = outputKeyOf(runnerType);
  if (!key || !isFullSchema(schema) || Object.keys(schema).length === 0) return undefined;
  if (!isJsonObject(result) || !Object.hasOwn(result, key))
    return { error: `the result has no '${key}' to validate`, message: OUTPUT_INVALID };
  let ajvSchema = ajvSchemas.get(schema);
  if (!ajvSchema) {
    ajvSchema = toAjvSchema(schema) as object;
    ajvSchemas.set(schema, ajvSchema);
  }
  let issues: ReturnType<typeof validateData>;
  try {
    issues = validateData(ajvSchema, result[key]!);
  } catch {
    return undefined; // StackStorm ignores a schema it cannot use (a warning in its log)
  }
  const first = issues[0];
  if (!first) return undefined;
  const at = first.path.map((p) => `[${typeof p === "number" ? p : `'${p}'`}]`).join("");
  const where = `${first.schemaPath ? ` in schema ${first.schemaPath}` : ""}${at ? ` on instance${at}` : ""}`;
  return {
    error: `${first.message}\n\nFailed validating '${first.keyword}'${where}`,
    message: OUTPUT_INVALID,
  };
}

/** An action's outcome after StackStorm's output check, when `validate` is on. */
export function checkedOutcome<R extends JsonValue>(
  validate: boolean,
  runnerType: string,
  schema: JsonValue | undefined,
  outcome: { status: string; result: R },
): { status: string; result: R | JsonObject } {
  if (!validate || outcome.status !== "succeeded" || schema === undefined) return outcome;
  const failure = validateOutput(outcome.result, runnerType, schema);
  return failure ? { status: "failed", result: failure } : outcome;
}
