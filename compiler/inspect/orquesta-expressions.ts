// Orquesta's expression inspection: every string of the definition (mapping keys
// included) is parsed without being evaluated, property by property in the
// order of Orquesta's schemas, each problem reported with the offending text.

import { isDict, type PyValue } from "../../runtime/stdlib/py/index";
import type { NodePath } from "../load/yaml-node";
import { expressionProblems } from "./expr-adapter";
import { type RawEntry, taskSchemaPath } from "./orquesta-entry";
import type { TaskView, WorkflowView } from "./orquesta-spec";

type Located = Omit<RawEntry, "spec_path" | "schema_path" | "path" | "category">;

function validateString(text: string): Located[] {
  return expressionProblems(text).map((p) => {
    const at = text.indexOf(p.expression);
    return {
      message: p.message,
      language: p.language,
      expression: p.expression,
      exprOffset: at >= 0 ? Math.max(0, p.offset - at) : 0,
    };
  });
}

/** Orquesta's expr_base.validate over plain data (keys and values, recursively). */
export function validateValue(value: PyValue): Located[] {
  if (typeof value === "string") return validateString(value);
  if (Array.isArray(value)) return value.flatMap(validateValue);
  if (isDict(value))
    return Object.keys(value).flatMap((k) => [...validateString(k), ...validateValue(value[k]!)]);
  return [];
}

function at(value: PyValue, spec: string, schema: string, path: NodePath): RawEntry[] {
  return validateValue(value).map((e) => ({
    ...e,
    category: "expressions",
    spec_path: spec,
    schema_path: schema,
    path,
  }));
}

function subSpec(value: PyValue, keys: string[], spec: string, schema: string, path: NodePath): RawEntry[] {
  if (!isDict(value)) return at(value, spec, schema, path);
  return keys.flatMap((k) => at(value[k] ?? null, `${spec}.${k}`, `${schema}.properties.${k}`, [...path, k]));
}

function taskEntries(task: TaskView): RawEntry[] {
  const spec = `tasks.${task.name}`;
  const schema = taskSchemaPath;
  const p = (k: string): NodePath => [...task.path, k];
  const out: RawEntry[] = [
    ...at(task.delay, `${spec}.delay`, `${schema}.properties.delay`, p("delay")),
    ...at(task.join, `${spec}.join`, `${schema}.properties.join`, p("join")),
    ...subSpec(task.with, ["items", "concurrency"], `${spec}.with`, `${schema}.properties.with`, p("with")),
    ...at(task.action, `${spec}.action`, `${schema}.properties.action`, p("action")),
    ...at(task.input, `${spec}.input`, `${schema}.properties.input`, p("input")),
    ...subSpec(
      task.retry,
      ["when", "count", "delay"],
      `${spec}.retry`,
      `${schema}.properties.retry`,
      p("retry"),
    ),
  ];
  for (const t of task.next) {
    const tSpec = `${spec}.next[${t.index}]`;
    const tSchema = `${schema}.properties.next.items`;
    out.push(
      ...at(t.when, `${tSpec}.when`, `${tSchema}.properties.when`, [...t.path, "when"]),
      ...at(t.publish, `${tSpec}.publish`, `${tSchema}.properties.publish`, [...t.path, "publish"]),
      ...at(t.do, `${tSpec}.do`, `${tSchema}.properties.do`, [...t.path, "do"]),
    );
  }
  return out;
}

/** Orquesta's inspect_expressions over a whole workflow. */
export function inspectExpressions(view: WorkflowView): RawEntry[] {
  return [
    ...at(view.vars, "vars", "properties.vars", ["vars"]),
    ...at(view.input, "input", "properties.input", ["input"]),
    ...at(view.output, "output", "properties.output", ["output"]),
    ...[...(view.tasks?.values() ?? [])].flatMap(taskEntries),
  ];
}
