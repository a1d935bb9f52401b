// Orquesta 1.6's inspector, reproduced: syntax (JSON schema), semantics,
// expressions and context, each sorted by (schema_path, spec_path) as Orquesta
// does. `inspectOrquestaText` returns the list the way StackStorm hands it to a
// failed execution (and the golden traces record it): flattened, `type` set to
// the category, the language under `language`, sorted by (type, schema_path).

import { pyYamlErrorText } from "../load/libyaml-parser";
import { workflowLoadError } from "../load/orquesta-load";
import { parseYaml } from "../load/parse-yaml";
import { type JsonData, mapGet, toJsonData, type YMap, type YNode } from "../load/yaml-node";
import { ORQUESTA_WORKFLOW_SCHEMA } from "../schema/orquesta-schema";
import { specPathOf, validateNode } from "../schema/validate";
import type { Diagnostic } from "../source/diagnostic";
import { inspectContext } from "./orquesta-context";
import { type RawEntry, sortEntries } from "./orquesta-entry";
import { inspectExpressions } from "./orquesta-expressions";
import { inspectSemantics } from "./orquesta-semantics";
import { workflowView } from "./orquesta-spec";
import { TaskGraph } from "./task-graph";

export interface OrquestaInspectionError {
  type: "syntax" | "semantic" | "expression" | "context";
  message: string;
  spec_path: string | null;
  schema_path: string | null;
  expression?: string;
  language?: string | null;
}

export interface OrquestaInspection {
  /** Orquesta's own result shape: categories in its order, each sorted. */
  readonly syntax: RawEntry[];
  readonly semantics: RawEntry[];
  readonly expressions: RawEntry[];
  readonly context: RawEntry[];
  /** True when Orquesta would fail with an internal error after the syntax check (only syntax is given then). */
  readonly halted: boolean;
}

/** The context keys StackStorm gives a workflow (`ctx().st2`, `ctx().parent`). */
export const ST2_CONTEXT_KEYS: readonly string[] = ["st2", "parent"];

const EMPTY: OrquestaInspection = { syntax: [], semantics: [], expressions: [], context: [], halted: true };

/**
 * A value no JSON Schema type accepts: what a YAML timestamp is to Orquesta's
 * schema (PyYAML made it a date, which is none of its types).
 */
const NOT_JSON = Symbol("timestamp") as unknown as JsonData;

/**
 * The data Orquesta validates: `with: <string>` is first expanded to
 * `{items: <string>}`, and timestamps are dates.
 */
function schemaData(root: YNode): JsonData {
  const data = toJsonData(root, () => NOT_JSON);
  const tasks = isPlainObject(data) ? data.tasks : undefined;
  if (!isPlainObject(tasks)) return data;
  for (const name of Object.keys(tasks)) {
    const task = tasks[name];
    if (isPlainObject(task) && typeof task.with === "string") task.with = { items: task.with };
  }
  return data;
}

function isPlainObject(v: JsonData | undefined): v is { [key: string]: JsonData } {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function syntaxEntries(root: YNode): RawEntry[] {
  return validateNode(root, ORQUESTA_WORKFLOW_SCHEMA, schemaData(root)).map((issue) => ({
    category: "syntax",
    message: issue.message,
    spec_path: specPathOf(issue.path),
    schema_path: issue.schemaPath || null,
    path: issue.path,
    issue,
  }));
}

/**
 * Whether Orquesta's spec classes would fail with an internal error on this
 * shape instead of inspecting further (then only the syntax errors are given).
 */
function crashes(root: YMap, syntax: RawEntry[]): boolean {
  if (syntax.some((e) => e.schema_path === "properties.tasks.additionalProperties")) return true;
  const tasks = mapGet(root, "tasks");
  if (!tasks || (tasks.kind === "scalar" && !tasks.value)) return false;
  if (tasks.kind !== "map") return true;
  for (const pair of tasks.pairs) {
    const task = pair.value;
    if (task.kind !== "map") return true;
    const next = mapGet(task, "next");
    if (next && next.kind !== "seq" && !(next.kind === "scalar" && !next.value)) return true;
    if (next?.kind === "seq" && next.items.some((t) => t.kind !== "map")) return true;
    const w = mapGet(task, "with");
    if (w && w.kind === "seq") return true;
    const retry = mapGet(task, "retry");
    if (retry && retry.kind !== "map" && !(retry.kind === "scalar" && !retry.value)) return true;
  }
  return false;
}

// Parsed trees are never changed, so one inspection per tree and context
// serves every caller (check, compile and graph all ask for the same file).
const inspected = new WeakMap<YNode, Map<string, OrquestaInspection>>();

/** Runs the four inspections over a parsed workflow document (memoised per tree and context keys). */
export function inspectOrquestaNode(
  root: YNode | null,
  appCtxKeys: readonly string[] = ST2_CONTEXT_KEYS,
): OrquestaInspection {
  if (root === null) return inspectOnce(root, appCtxKeys);
  let byKeys = inspected.get(root);
  if (!byKeys) inspected.set(root, (byKeys = new Map()));
  const key = appCtxKeys.join("\u0000");
  let result = byKeys.get(key);
  if (!result) byKeys.set(key, (result = inspectOnce(root, appCtxKeys)));
  return result;
}

function inspectOnce(root: YNode | null, appCtxKeys: readonly string[]): OrquestaInspection {
  if (root === null || root.kind !== "map") {
    const found = root === null ? "None" : root.kind === "seq" ? "list" : "str";
    const message = `The spec is not type of json or yaml (${found}).`;
    return {
      ...EMPTY,
      syntax: [{ category: "syntax", message, spec_path: null, schema_path: null, path: [] }],
    };
  }
  const syntax = sortEntries(syntaxEntries(root));
  if (crashes(root, syntax)) return { ...EMPTY, syntax };
  const view = workflowView(root);
  const graph = new TaskGraph(view);
  return {
    syntax,
    semantics: sortEntries(inspectSemantics(view, graph)),
    expressions: sortEntries(inspectExpressions(view)),
    context: sortEntries(inspectContext(view, appCtxKeys, graph.starts())),
    halted: false,
  };
}

const TYPE_OF = {
  syntax: "syntax",
  semantics: "semantic",
  expressions: "expression",
  context: "context",
} as const;

/** Flattens an inspection the way StackStorm does: typed entries sorted by (type, schema_path). */
export function flattenInspection(result: OrquestaInspection): OrquestaInspectionError[] {
  const out: OrquestaInspectionError[] = [];
  for (const category of ["syntax", "semantics", "expressions", "context"] as const) {
    for (const e of result[category]) {
      const entry: OrquestaInspectionError = {
        type: TYPE_OF[category],
        message: e.message,
        spec_path: e.spec_path,
        schema_path: e.schema_path,
      };
      if (e.expression !== undefined) entry.expression = e.expression;
      if (category === "expressions" || category === "context") entry.language = e.language ?? null;
      out.push(entry);
    }
  }
  const key = (e: OrquestaInspectionError): string => `${e.type}\u0000${e.schema_path ?? ""}`;
  return out
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (key(a.e) < key(b.e) ? -1 : key(a.e) > key(b.e) ? 1 : a.i - b.i))
    .map((x) => x.e);
}

/**
 * What Orquesta's inspector (as run by StackStorm) reports for a workflow file:
 * an empty list when the workflow may run. YAML that cannot be loaded gives one
 * syntax entry with PyYAML-like wording.
 */
export function inspectOrquestaText(
  path: string,
  text: string,
  appCtxKeys: readonly string[] = ST2_CONTEXT_KEYS,
): OrquestaInspectionError[] {
  const parsed = parseYaml({ path, text });
  const fatal = parsed.diagnostics.find((d: Diagnostic) => d.severity === "error");
  const loadError = workflowLoadError(parsed);
  if (fatal || loadError) {
    // A file libyaml refuses fails with PyYAML's str() of the error, marks included.
    const why =
      loadError ??
      (parsed.libyamlError
        ? pyYamlErrorText(parsed.libyamlError)
        : fatal!.message.replace(/^YAML syntax error: /, ""));
    const message = `Failed to load workflow definition because ${why}.`;
    return [{ type: "syntax", message, spec_path: null, schema_path: null }];
  }
  return flattenInspection(inspectOrquestaNode(parsed.root, appCtxKeys));
}
