// A read-only view of a workflow definition as Orquesta's spec objects see it:
// `with: <str>` expanded to `{items}`, inline action parameters moved into
// `input`, a string `publish` parsed into one-key mappings, `do` defaulting to
// `continue`. Built defensively: wrong shapes become null/empty, never throw.

import { isDict, newDict, type PyDict, type PyValue } from "../../runtime/stdlib/py/index";
import { parseInlineParams } from "../ir/inline-params";
import { mapGet, type NodePath, toPyValue, type YMap, type YNode } from "../load/yaml-node";

export const RESERVED_TASK_NAMES = ["continue", "fail", "noop", "retry"] as const;

export interface TransitionView {
  readonly index: number;
  readonly when: PyValue;
  readonly publish: PyValue;
  /** `do` as written (string or list), "continue" when absent or empty. */
  readonly do: PyValue;
  /** Target names: the string form split on commas and trimmed. */
  readonly targets: readonly string[];
  readonly path: NodePath;
}

export interface TaskView {
  readonly name: string;
  readonly action: PyValue;
  readonly input: PyValue;
  readonly with: PyDict | null;
  readonly delay: PyValue;
  readonly join: PyValue;
  readonly retry: PyValue;
  readonly next: readonly TransitionView[];
  readonly path: NodePath;
  readonly node: YNode | undefined;
}

export interface WorkflowView {
  readonly root: YMap;
  readonly input: PyValue;
  readonly vars: PyValue;
  readonly output: PyValue;
  /** Tasks in file order; undefined when `tasks` is not a mapping. */
  readonly tasks: ReadonlyMap<string, TaskView> | undefined;
}

const get = (d: PyValue | undefined, key: string): PyValue => (isDict(d) && key in d ? d[key]! : null);

/** Python truthiness of plain data. */
export function isTruthy(v: PyValue): boolean {
  if (v === null || v === false || v === 0 || v === "" || v === 0n) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isDict(v)) return Object.keys(v).length > 0;
  return true;
}

export function targetsOf(doValue: PyValue): string[] {
  if (typeof doValue === "string") return doValue.split(",").map((s) => s.trim());
  if (Array.isArray(doValue)) return doValue.map((v) => (typeof v === "string" ? v : String(v)));
  return [];
}

function transitionView(raw: PyValue, index: number, taskPath: NodePath): TransitionView {
  let publish = get(raw, "publish");
  if (typeof publish === "string" && publish !== "") {
    publish = parseInlineParams(publish).map(([k, v]) => newDict([[k, v]]));
  }
  let doValue = get(raw, "do");
  if (!isTruthy(doValue)) doValue = "continue";
  return {
    index,
    when: get(raw, "when"),
    publish,
    do: doValue,
    targets: targetsOf(doValue),
    path: [...taskPath, "next", index],
  };
}

function taskView(name: string, raw: PyValue, node: YNode | undefined): TaskView {
  const path = ["tasks", name];
  let action = get(raw, "action");
  let input = get(raw, "input");
  const inline = parseInlineParams(action);
  if (inline.length > 0 && typeof action === "string" && action.includes(" ")) {
    action = action.slice(0, action.indexOf(" "));
    input = newDict(inline);
  }
  let withValue = get(raw, "with");
  if (typeof withValue === "string") withValue = newDict([["items", withValue]]);
  const nextRaw = get(raw, "next");
  const next = Array.isArray(nextRaw) ? nextRaw.map((t, i) => transitionView(t, i, path)) : [];
  return {
    name,
    action,
    input,
    with: isDict(withValue) ? withValue : null,
    delay: get(raw, "delay"),
    join: get(raw, "join"),
    retry: get(raw, "retry"),
    next,
    path,
    node,
  };
}

/** Builds the view of a parsed workflow document (the root must be a mapping). */
export function workflowView(root: YMap): WorkflowView {
  const data = toPyValue(root);
  const tasksNode = mapGet(root, "tasks");
  const tasksData = get(data, "tasks");
  let tasks: Map<string, TaskView> | undefined;
  if (isDict(tasksData)) {
    tasks = new Map();
    for (const name of Object.keys(tasksData)) {
      const taskNode = tasksNode?.kind === "map" ? mapGet(tasksNode, name) : undefined;
      tasks.set(name, taskView(name, tasksData[name]!, taskNode));
    }
  }
  return { root, input: get(data, "input"), vars: get(data, "vars"), output: get(data, "output"), tasks };
}

/**
 * A task as Orquesta's get_task returns it: engine commands are empty tasks,
 * even when the workflow defines a task of that name (whose transitions and
 * context the graph checks then never see).
 */
export function getTask(view: WorkflowView, name: string): TaskView | undefined {
  if ((RESERVED_TASK_NAMES as readonly string[]).includes(name)) return taskView(name, newDict(), undefined);
  return view.tasks?.get(name);
}

export function hasTask(view: WorkflowView, name: string): boolean {
  return (RESERVED_TASK_NAMES as readonly string[]).includes(name) || (view.tasks?.has(name) ?? false);
}
