// Orquesta's semantic checks on the task mapping, in its order: reserved names,
// no start task, undefined tasks in `do` (reachable tasks only), ambiguous joins,
// with-items without an action. Messages are Orquesta's, word for word.

import { type RawEntry, taskSchemaPath } from "./orquesta-entry";
import { getTask, isTruthy, type WorkflowView } from "./orquesta-spec";
import type { TaskGraph } from "./task-graph";

const entry = (
  message: string,
  spec: string,
  schema: string,
  task: string,
  check: RawEntry["check"],
): RawEntry => ({
  category: "semantics",
  message,
  spec_path: spec,
  schema_path: schema,
  path: spec === "tasks" ? ["tasks"] : ["tasks", task],
  task,
  check,
});

function reservedNames(g: TaskGraph): RawEntry[] {
  return g.names
    .filter((n) => g.isReserved(n))
    .map((n) =>
      entry(
        `The task name "${n}" is reserved with special function.`,
        `tasks.${n}`,
        taskSchemaPath,
        n,
        "reserved",
      ),
    );
}

function startTasks(g: TaskGraph): RawEntry[] {
  if (g.names.length === 0 || g.starts().length > 0) return [];
  const message =
    "Unable to identify any tasks to start the workflow. If the workflow has a loop, please add a task that serves as an entry point (or lead) into the loop.";
  return [entry(message, "tasks", "properties.tasks", "", "start")];
}

function undefinedTasks(view: WorkflowView, g: TaskGraph): RawEntry[] {
  const result: RawEntry[] = [];
  const traversed = new Set<string>();
  const queue = [...g.starts()];
  for (let head = 0; head < queue.length; head++) {
    const name = queue[head]!;
    traversed.add(name);
    // As Orquesta: a task reached twice before it is traversed is walked twice (and reports
    // twice), and a task with a reserved name is walked as an empty engine command.
    for (const t of getTask(view, name)?.next ?? []) {
      for (const target of t.targets) {
        if (traversed.has(target)) continue;
        if (view.tasks?.has(target) || g.isReserved(target)) {
          if (!g.isReserved(target)) queue.push(target);
          continue;
        }
        const e = entry(
          `The task "${target}" is not defined.`,
          `tasks.${name}.next[${t.index}].do`,
          `${taskSchemaPath}.properties.next.items.properties.do`,
          name,
          "undefined",
        );
        result.push({ ...e, path: [...t.path, "do"], variable: target });
      }
    }
  }
  return result;
}

interface Staged {
  join: boolean;
  splits: Set<string>;
  prev: Set<string>;
}

function unreachableJoins(view: WorkflowView, g: TaskGraph): RawEntry[] {
  const staging = new Map<string, Staged>();
  const trackSplits = new Map<string, Set<string>>();
  const queue: Array<[string | null, string, string[]]> = g.starts().map((s) => [null, s, []]);
  for (let head = 0; head < queue.length; head++) {
    const [prevName, name, splits] = queue[head]!;
    if (!view.tasks?.has(name)) continue;
    if (g.isSplit(name) && !g.inCycle(name)) splits.push(name);
    let staged = staging.get(name);
    if (!staged) {
      staged = { join: g.isJoin(name), splits: new Set(), prev: new Set() };
      staging.set(name, staged);
    }
    for (const s of splits) staged.splits.add(s);
    if (prevName) staged.prev.add(prevName);
    for (const e of g.next(name)) {
      if (staging.has(e.target) && g.inCycle(e.target)) continue;
      const id = `${name}_${e.target}`;
      const existing = trackSplits.get(id);
      if (existing && existing.size > 0) {
        if (!splits.every((s) => existing.has(s))) {
          queue.push([name, e.target, [...splits]]);
          for (const s of splits) existing.add(s);
        }
      } else {
        queue.push([name, e.target, [...splits]]);
        trackSplits.set(id, new Set(splits));
      }
    }
  }
  const result: RawEntry[] = [];
  const same = (a: Set<string>, b: Set<string>): boolean =>
    a.size === b.size && [...a].every((x) => b.has(x));
  for (const [name, meta] of staging) {
    if (!meta.join) continue;
    for (const prev of meta.prev) {
      if (same(meta.splits, staging.get(prev)!.splits)) continue;
      const message = `The join task "${name}" is unreachable. A join task is determined to be unreachable if there are nested forks from multi-referenced tasks that join on the said task. This is ambiguous to the workflow engine because it does not know at which level should the join occurs.`;
      result.push(entry(message, `tasks.${name}`, taskSchemaPath, name, "join"));
      break;
    }
  }
  return result;
}

function actionlessWithItems(view: WorkflowView): RawEntry[] {
  const result: RawEntry[] = [];
  for (const task of view.tasks?.values() ?? []) {
    if (task.with !== null && !isTruthy(task.action)) {
      const message = "The action property is required for with items task.";
      result.push(entry(message, `tasks.${task.name}`, taskSchemaPath, task.name, "with-items"));
    }
  }
  return result;
}

/** Orquesta's semantic inspection of the task mapping (empty when there are no tasks). */
export function inspectSemantics(view: WorkflowView, g: TaskGraph): RawEntry[] {
  if (!view.tasks || view.tasks.size === 0) return [];
  return [
    ...reservedNames(g),
    ...startTasks(g),
    ...undefinedTasks(view, g),
    ...unreachableJoins(view, g),
    ...actionlessWithItems(view),
  ];
}
