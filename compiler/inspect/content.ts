// StackStorm's own checks of task contents, plus orqc's: the action exists, its
// required parameters are given, no unknown parameter is given, literal values
// have the declared type, immutable parameters are left alone.

import { isDict, type PyValue } from "../../runtime/stdlib/py/index";
import { parseInlineParams } from "../ir/inline-params";
import type { LoadResult, ParamSpec } from "../load/action-types";
import { nodeAt, type YNode } from "../load/yaml-node";
import type { Diagnostic } from "../source/diagnostic";
import { diagnostic } from "../source/make-diagnostic";
import type { SourceFile } from "../source/source-file";
import { suggest } from "../source/suggest";
import { hasJinja, hasYaql } from "./expr-scan";
import { locate } from "./locate";
import type { TaskView, WorkflowView } from "./orquesta-spec";

// StackStorm only asks for a pack separator; anything else fails as "not registered".
const REF = /\./;
const PAIR_LIKE = /(?:^|\s)(\w+)=(\S+)/g;
const isExpression = (v: PyValue): boolean => typeof v === "string" && (hasYaql(v) || hasJinja(v));

function pyTypeOf(v: PyValue): string | undefined {
  if (v === null) return "null";
  if (typeof v === "boolean") return "boolean";
  if (typeof v === "number" || typeof v === "bigint")
    return Number.isInteger(Number(v)) ? "integer" : "number";
  if (typeof v === "string") return "string";
  if (Array.isArray(v)) return "array";
  if (isDict(v)) return "object";
  return undefined;
}

/** Whether StackStorm would accept a literal for a parameter type (it casts some strings). */
function fits(value: PyValue, type: string): boolean {
  const t = pyTypeOf(value);
  if (t === undefined || t === "null" || isExpression(value)) return true;
  switch (type) {
    case "string":
      return t === "string";
    case "integer":
      return t === "integer" || (t === "string" && /^-?\d+$/.test(value as string));
    case "number":
      return t === "integer" || t === "number" || (t === "string" && !Number.isNaN(Number(value)));
    case "boolean":
      return t === "boolean" || (t === "string" && /^(true|false|1|0|yes|no)$/i.test(value as string));
    case "array":
      return t === "array" || t === "string";
    case "object":
      return t === "object" || t === "string";
    default:
      return true;
  }
}

const TYPE_WORDS: Record<string, string> = {
  string: "a string",
  integer: "an integer",
  number: "a number",
  boolean: "a boolean",
  array: "a list",
  object: "a mapping",
};

function paramChecks(
  file: SourceFile,
  root: YNode,
  task: TaskView,
  ref: string,
  params: Readonly<Record<string, ParamSpec>>,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const input = isDict(task.input) ? task.input : {};
  const inputPath = [...task.path, "input"];
  const actionRange = locate(file, root, [...task.path, "action"]);
  const here = (key?: string) => {
    const exact = key && nodeAt(root, [...inputPath, key]).complete;
    return { file, range: exact ? locate(file, root, [...inputPath, key!], { key: true }) : actionRange };
  };
  for (const [name, spec] of Object.entries(params).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (spec.required && !spec.hasDefault && !(name in input))
      out.push(diagnostic("ORQ2013", { ref, param: name }, { file, range: actionRange }));
  }
  for (const key of Object.keys(input).sort()) {
    const spec = params[key];
    if (!spec) {
      out.push(
        diagnostic("ORQ2014", { ref, param: key, suggestion: suggest(key, Object.keys(params)) }, here(key)),
      );
      continue;
    }
    if (spec.immutable) out.push(diagnostic("ORQ2016", { ref, param: key }, here(key)));
    const types = typeof spec.type === "string" ? [spec.type] : (spec.type ?? []);
    const value = input[key]!;
    if (types.length > 0 && !types.some((t) => fits(value, t))) {
      const expected = types.map((t) => TYPE_WORDS[t] ?? t).join(" or ");
      const found = TYPE_WORDS[pyTypeOf(value) ?? ""] ?? "a value";
      out.push(diagnostic("ORQ2015", { ref, param: key, expected, found }, here(key)));
    }
  }
  return out;
}

interface Known {
  readonly packs: Set<string>;
  readonly refs: string[];
}
const knownCache = new WeakMap<LoadResult, Known>();

function known(load: LoadResult): Known {
  let k = knownCache.get(load);
  if (!k) {
    const packs = new Set([
      ...load.packs.map((p) => p.name),
      ...[...load.actions.values()].map((a) => a.pack),
      "core",
    ]);
    k = { packs, refs: [...load.actions.keys()] };
    knownCache.set(load, k);
  }
  return k;
}

/** `action: core.local cmd=ls`: pairs Orquesta's inline grammar does not match are dropped. */
function droppedInlineParams(file: SourceFile, root: YNode, task: TaskView): Diagnostic[] {
  const node = nodeAt(root, [...task.path, "action"]).node;
  if (node.kind !== "scalar" || typeof node.value !== "string") return [];
  const text = node.value;
  const space = text.indexOf(" ");
  if (space < 0) return [];
  const kept = new Set(parseInlineParams(text).map(([k]) => k));
  const out: Diagnostic[] = [];
  // Blank out quoted strings, lists and expressions so that `a="x b=c"` finds only `a`.
  const blanked = text.replace(
    /"[^"]*"|'[^']*'|<%.*?%>|\{\{.*?\}\}|\[.*\]/g,
    (m) => `"${" ".repeat(m.length - 2)}"`,
  );
  for (const m of blanked.slice(space).matchAll(PAIR_LIKE)) {
    if (kept.has(m[1]!)) continue;
    const at = space + (m.index ?? 0) + m[0].indexOf(m[1]!);
    const pair = text.slice(at, at + m[1]!.length + 1 + m[2]!.length);
    const range = locate(file, root, [...task.path, "action"], { expression: pair, length: pair.length });
    out.push(diagnostic("ORQ2018", { pair }, { file, range }));
  }
  return out;
}

/** Action checks for every task whose action is a literal reference. */
export function contentDiagnostics(
  file: SourceFile,
  root: YNode,
  view: WorkflowView,
  load: LoadResult,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { packs, refs } = known(load);
  for (const task of view.tasks?.values() ?? []) {
    const ref = task.action;
    if (typeof ref !== "string" || ref === "" || isExpression(ref)) continue;
    out.push(...droppedInlineParams(file, root, task));
    const at = { file, range: locate(file, root, [...task.path, "action"]) };
    if (!REF.test(ref)) {
      out.push(diagnostic("ORQ2012", { ref }, at));
      continue;
    }
    const action = load.resolveAction(ref, file.path);
    if (!action) {
      const pack = ref.slice(0, ref.indexOf("."));
      if (packs.has(pack)) {
        const sameness = refs.filter((r) => r.startsWith(`${pack}.`));
        out.push(diagnostic("ORQ2010", { ref, suggestion: suggest(ref, sameness) }, at));
      } else out.push(diagnostic("ORQ2011", { ref, pack }, at));
      continue;
    }
    if (task.input !== null && !isDict(task.input)) continue;
    const params = load.parametersOf(action);
    if (params) out.push(...paramChecks(file, root, task, ref, params));
  }
  return out;
}
