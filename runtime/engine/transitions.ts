// Transition processing of a completed task (Orquesta's update_task_state
// tail): criteria per edge in target order, publish once per target, context
// layers, routes for split targets, staging with join readiness, engine
// commands queued, run_on_fail flags; plus the with-items event decoration.

import type { PyDict } from "../stdlib/py/value";
import { truthy } from "../stdlib/py/value";
import { INBOUND, publishEnv, type WorkflowConductor } from "./conductor";
import { deepCopy } from "./context";
import { EngineError } from "./errors";
import { type ConductorEvent, isEngineCommand } from "./events";
import type { ExprEnv } from "./expressions";
import { clearItems, type TaskStateEntry } from "./state";
import { ABENDED, ACTIVE, COMPLETED, S } from "./statuses";

export function processTransitions(
  c: WorkflowConductor,
  entry: TaskStateEntry,
  entryIdx: number,
  ctx: PyDict,
  env: ExprEnv,
  engineQueue: Array<[string, number]>,
): void {
  const taskId = entry.id;
  const route = entry.route;
  let hasManualFail = false;
  const stagedNext: Array<{ run_on_fail?: boolean }> = [];
  const transitions = c.graph.nextTransitions(taskId);
  if (transitions.length === 0) entry.term = true;
  for (const t of transitions) {
    const tid = `${t.target}__t${t.key}`;
    try {
      entry.next[tid] = t.criteria.every((criterion) => truthy(c.render(criterion, env)));
    } catch (e) {
      c.logError(e, taskId, route, tid);
      c.requestWorkflowStatus(S.failed);
      continue;
    }
    if (!entry.next[tid]) continue;
    const published = publish(c, taskId, t.target, t.ref, ctx, env);
    if (published.errors.length > 0) {
      for (const e of published.errors) c.logError(e, taskId, route, tid);
      c.requestWorkflowStatus(S.failed);
      continue;
    }
    const outIdxs = [...entry.ctxs.in];
    if (Object.keys(published.ctx).length > 0) {
      c.state.contexts.push(published.ctx);
      const idx = c.state.contexts.length - 1;
      outIdxs.push(idx);
      entry.ctxs.out = { [tid]: idx };
    }
    const nextRoute = evaluateRoute(c, t.source, t.target, t.key, route);
    let nextStaged = c.state.getStaged(t.target, nextRoute);
    const backref = `${taskId}__t${t.key}`;
    if (nextStaged) {
      const zero = outIdxs.indexOf(0);
      if (zero >= 0) outIdxs.splice(zero, 1);
      else throw new EngineError("ValueError", "list.remove(x): x not in list");
      nextStaged.ctxs.in.push(...outIdxs);
      nextStaged.prev[backref] = entryIdx;
      clearItems(nextStaged);
      delete nextStaged.completed;
    } else {
      nextStaged = c.state.addStaged(t.target, nextRoute, outIdxs, { [backref]: entryIdx }, false);
    }
    nextStaged.ready = c.inboundCriteriaStatus(t.target, route) === INBOUND.satisfied;
    if (isEngineCommand(t.target)) {
      engineQueue.push([nextStaged.id, nextStaged.route]);
      if (!hasManualFail) hasManualFail = t.target === "fail";
    } else if (nextStaged.ready) {
      stagedNext.push(nextStaged);
    }
  }
  if (hasManualFail) for (const s of stagedNext) s.run_on_fail = true;
}

function publish(
  c: WorkflowConductor,
  taskId: string,
  target: string,
  ref: number,
  ctx: PyDict,
  env: ExprEnv,
): { ctx: PyDict; errors: unknown[] } {
  const published: PyDict = {};
  const errors: unknown[] = [];
  const transition = c.graph.specTask(taskId)?.next[ref];
  // The copies (of the context and of the task's result) matter only to publishes.
  if (!transition?.targets.includes(target) || transition.publish.length === 0)
    return { ctx: published, errors };
  const rolling = deepCopy(ctx);
  const rollingEnv = publishEnv(env, rolling);
  for (const p of transition.publish) {
    try {
      const v = c.render(p.value, rollingEnv);
      rolling[p.name] = v;
      published[p.name] = v;
    } catch (e) {
      errors.push(e);
    }
  }
  return { ctx: published, errors };
}

function evaluateRoute(
  c: WorkflowConductor,
  source: string,
  target: string,
  key: number,
  prevRoute: number,
): number {
  if (!c.graph.isSplitTask(target) || c.graph.inCycle(target)) return prevRoute;
  const old = c.state.routes[prevRoute]!;
  const id = `${source}__t${key}`;
  if (old.includes(id)) return prevRoute;
  c.state.routes.push([...old, id]);
  return c.state.routes.length - 1;
}

/** Item-event decoration: how the other items of the staged task stand. */
export function itemEventName(
  c: WorkflowConductor,
  taskId: string,
  route: number,
  event: ConductorEvent,
): string {
  const requirements = [
    S.resuming,
    S.pending,
    S.paused,
    S.succeeded,
    S.failed,
    S.expired,
    S.abandoned,
    S.canceled,
  ];
  if (!(requirements as readonly string[]).includes(event.status)) return event.name;
  const staged = c.state.getStaged(taskId, route);
  const counts = new Map(staged?.itemCounts ?? []);
  // The reported item already holds the event's status; look at the others only.
  counts.set(event.status, (counts.get(event.status) ?? 0) - 1);
  const any = (pred: (status: string) => boolean) => [...counts].some(([st, n]) => n > 0 && pred(st));
  const active = any((st) => ACTIVE.has(st));
  const paused = any((st) => st === S.pending || st === S.paused);
  const canceled = any((st) => st === S.canceled);
  const failed = any((st) => ABENDED.has(st));
  const incomplete = any((st) => !COMPLETED.has(st));
  let name = event.name + (active ? "_task_active" : "_task_dormant");
  if (!active && paused) return `${name}_items_paused`;
  if (!active && canceled) return `${name}_items_canceled`;
  if (!active && failed) return `${name}_items_failed`;
  name += incomplete ? "_items_incomplete" : "_items_completed";
  return name;
}
