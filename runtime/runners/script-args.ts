// How script runners turn action parameters into a command line, as st2
// does: parameters with `position` become positional arguments (serialized
// by type), the others `<kwarg_op>name=value` (booleans: the bare flag when
// true, nothing when false; null and "" are left out).

import type { JsonObject, JsonValue } from "../backend/types";
import { stringifyValue } from "../backend/value-json";
import { pyStr } from "../stdlib/py/text";
import { PyFloat, type PyValue } from "../stdlib/py/value";
import { quoteShell } from "./quote";
import type { ParamMeta } from "./types";

export function scriptArguments(
  params: JsonObject,
  actionParams: Readonly<Record<string, ParamMeta>>,
  runnerParams: Readonly<Record<string, ParamMeta>>,
  kwargOp: string,
): string {
  const positional = Object.entries(actionParams)
    .filter(([name, m]) => m.position !== undefined && !(name in runnerParams))
    .sort((a, b) => a[1].position! - b[1].position!);
  const positionalNames = new Set(positional.map(([name]) => name));
  const parts: string[] = [];
  for (const [name, value] of Object.entries(params)) {
    if (name in runnerParams || positionalNames.has(name)) continue;
    if (value === null || value === "") continue;
    const arg = `${kwargOp}${name}`;
    if (typeof value === "boolean") {
      if (value) parts.push(arg);
      continue;
    }
    parts.push(`${quoteShell(arg)}=${quoteShell(pyStr(value as PyValue))}`);
  }
  const pos = positional.map(([name, m]) => quoteShell(serializePositional(m.type, params[name] ?? null)));
  if (pos.length > 0) parts.push(pos.join(" "));
  return parts.join(" ");
}

export function serializePositional(type: string | undefined, value: JsonValue): string {
  switch (type) {
    case "string":
    case "number":
    case "float":
      return value === null ? "" : typeof value === "string" ? value : pyStr(value as PyValue);
    case "boolean":
      return value === null ? "" : truthy(value) ? "1" : "0";
    case "array":
    case "list":
      return Array.isArray(value) && value.length > 0 ? value.map((v) => pyStr(v as PyValue)).join(",") : "";
    case "object":
      return truthy(value) ? pythonJson(value) : "";
    case "null":
      return "";
    default:
      return truthy(value) ? pyStr(value as PyValue) : "";
  }
}

function truthy(v: JsonValue): boolean {
  if (v === null || v === false || v === 0 || v === "") return false;
  if ((v as unknown) instanceof PyFloat) return (v as unknown as PyFloat).v !== 0;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === "object") return Object.keys(v).length > 0;
  return true;
}

/** st2's json_encode (orjson): compact separators. */
function pythonJson(v: JsonValue): string {
  return stringifyValue(v);
}
