// Dispatch side of the conductor (Orquesta's get_next_tasks / get_task):
// ready staged tasks rendered against their input context, with-items trimmed
// to the not-yet-run items allowed by concurrency, retry delays applied, and
// rendering errors logged per task before the workflow fails.

import { READS_CHANGING_STATE } from "../../compiler/expr/changing-names";
import type { TaskIR } from "../../compiler/ir/types";
import { type PyDict, pyTypeName } from "../stdlib/py/value";
import type { WorkflowConductor } from "./conductor";
import { deepCopy } from "./context";
import { EngineError } from "./errors";
import { allItemsStarted, itemCountsOf, type StagedTask, trackItems } from "./state";
import { ACTIVE, RUNNING, S } from "./statuses";
import { type ActionSpec, type RenderedTask, renderTask } from "./task-render";

function taskInitialContext(c: WorkflowConductor, taskId: string, route: number): PyDict {
  const staged = c.state.getStaged(taskId, route);
  if (staged) return c.getTaskContext(staged.ctxs.in);
  const entry = c.state.getTaskEntry(taskId, route);
  if (entry) return c.getTaskContext(entry.ctxs.in);
  return deepCopy(c.state.contexts[0] ?? {});
}

export function getTask(c: WorkflowConductor, taskId: string, route: number): RenderedTask {
  const ctx = deepCopy(taskInitialContext(c, taskId, route));
  const current = { id: taskId, route, result: null };
  return renderTask(c.graph.specTask(taskId), taskId, route, ctx, c.render.bind(c), (ctxValue, item) =>
    c.envOf(ctxValue, item, current),
  );
}

const stableTasks = new WeakMap<TaskIR, boolean>();

/** Whether a with-items task renders the same each time for the same context and items. */
function rendersAlike(spec: TaskIR | undefined): boolean {
  if (!spec?.withItems) return false;
  let stable = stableTasks.get(spec);
  if (stable === undefined) {
    const texts = JSON.stringify([spec.withItems, spec.action, spec.input, spec.delay]);
    stable = !READS_CHANGING_STATE.test(texts);
    stableTasks.set(spec, stable);
  }
  return stable;
}

/** A with-items task's first rendering, every item included, kept while its items are the same. */
const renderings = new WeakMap<StagedTask, { readonly items: unknown; readonly task: RenderedTask }>();

/**
 * The staged task rendered with every item's action. Orquesta renders it again
 * at each call, and with a concurrency limit that is once per finished item
 * over all the items (quadratic); a task whose rendering cannot change is
 * rendered once for its items.
 */
function renderStaged(c: WorkflowConductor, s: StagedTask): RenderedTask {
  const kept = renderings.get(s);
  if (kept && s.items !== undefined && kept.items === s.items) return { ...kept.task };
  const task = getTask(c, s.id, s.route);
  if (task.itemsCount !== undefined && rendersAlike(c.graph.specTask(s.id))) {
    renderings.set(s, { items: trackItems(s, task.itemsCount), task: { ...task } });
  }
  return task;
}

/** Per items list: an index before which every item has started (items never return to unset). */
const startedBefore = new WeakMap<readonly unknown[], number>();

function evaluateTaskActions(c: WorkflowConductor, task: RenderedTask): RenderedTask {
  if (task.itemsCount === undefined) return task;
  const staged = c.state.getStaged(task.id, task.route)!;
  const items = trackItems(staged, task.itemsCount);
  const statusAt = (i: number) => items[i]?.status ?? S.unset;
  let limit = Number.POSITIVE_INFINITY;
  if (task.concurrency !== null && task.concurrency !== undefined) {
    // Orquesta 1.6.0: `availability = concurrency - len(active)`, then
    // `notrun[:availability]` only when availability > 0. No clamp: a
    // concurrency <= 0 never starts an item (the run stays running).
    const conc = task.concurrency;
    const kind = pyTypeName(conc);
    if (kind !== "int" && kind !== "bool" && kind !== "float")
      throw new EngineError("TypeError", `unsupported operand type(s) for -: '${kind}' and 'int'`);
    if (kind === "float")
      throw new EngineError(
        "TypeError",
        "slice indices must be integers or None or have an __index__ method",
      );
    let active = 0;
    if (items.length === task.actions.length)
      for (const [status, n] of itemCountsOf(staged)) active += ACTIVE.has(status) ? n : 0;
    else for (let i = 0; i < task.actions.length; i++) if (ACTIVE.has(statusAt(i))) active++;
    const availability = Number(conc) - active;
    limit = availability > 0 ? availability : 0;
  }
  // The items not yet run, in order, up to the limit; the scan starts after
  // the items known to have started, so that a long list is not read again
  // for every finished item.
  let i = startedBefore.get(items) ?? 0;
  while (i < task.actions.length && statusAt(i) !== S.unset) i++;
  startedBefore.set(items, i);
  const notRun: ActionSpec[] = [];
  for (; i < task.actions.length && notRun.length < limit; i++)
    if (statusAt(i) === S.unset) notRun.push(task.actions[i]!);
  task.actions = notRun;
  return task;
}

export function getNextTasks(c: WorkflowConductor): RenderedTask[] {
  let failOnRendering = false;
  const staged = c.state.readyStaged();
  let remediation: typeof staged = [];
  if (c.state.status === S.failed) remediation = staged.filter((s) => s.run_on_fail === true);
  if (!RUNNING.has(c.state.status) && remediation.length === 0) return [];
  const next: RenderedTask[] = [];
  for (const s of remediation.length > 0 ? remediation : staged) {
    // A with-items task whose items have all started has nothing to dispatch. Orquesta renders
    // every item again here and keeps none (which only a changing items value, such as one
    // drawn with random(), could tell); doing so at each item's completion made a with-items
    // task quadratic in its items.
    if (allItemsStarted(s)) continue;
    try {
      let task = renderStaged(c, s);
      task = evaluateTaskActions(c, task);
      if (s.retry) task.delay = s.retry.delay || 0;
      if (task.actions.length > 0) next.push(task);
      else if (task.itemsCount === 0) next.push(task);
    } catch (e) {
      failOnRendering = true;
      c.logError(e, s.id, s.route);
    }
  }
  if (failOnRendering) {
    c.requestWorkflowStatus(S.failed);
    return [];
  }
  return next.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.route - b.route));
}
