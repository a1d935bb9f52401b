// Which journal entries of a finished workflow execution a re-run from chosen
// tasks keeps (Orquesta's request_workflow_rerun, `st2 execution re-run ID
// --tasks`). The new execution replays what is kept, so nothing that ran
// before the re-run tasks runs again, and runs the rest live:
// - each re-run task's last run (with its retries) goes; of a with-items
//   task only the failed items when it is in `noReset`;
// - an inlined sub-workflow called by a re-run task re-runs from its own
//   failed tasks (the same rules inside it);
// - whatever ran downstream of a re-run task after it (tasks its transitions
//   reach, their sub-workflows), the workflow's result, and the journaled
//   datastore reads and timestamps from that point on go, so they are
//   computed again.
// Steps are named by place (`task/route/item/attempt`, sub-workflow steps
// prefixed by `call@route.item.attempt|`), which is what makes this possible.

import type { JournalEntry, JournalSnapshot } from "../backend/types";
import { parseStepId } from "../journal/step-id";

/** A workflow's task graph, as far as a re-run needs it. */
export interface RerunGraph {
  has(task: string): boolean;
  /** Tasks the transitions of `task` lead to. */
  next(task: string): readonly string[];
  /** The graph of the sub-workflow `task` calls inline (compiled bundles), if any. */
  callee(task: string): RerunGraph | undefined;
}

export interface RerunRequest {
  readonly tasks: readonly string[];
  /** With-items tasks whose succeeded items are kept. */
  readonly noReset: ReadonlySet<string>;
}

export type RerunPlan =
  | {
      readonly ok: true;
      readonly keep: ReadonlyArray<readonly [string, JournalEntry]>;
      readonly dropped: number;
    }
  | { readonly ok: false; readonly error: string };

interface Step {
  readonly id: string;
  readonly index: number;
  /** Region prefix ("" at the top) and task name. */
  readonly prefix: string;
  readonly task: string;
  readonly route: number;
  readonly item?: number;
  readonly attempt: number;
  readonly entry: JournalEntry;
}

const SUCCEEDED = "succeeded";

/** A step id (or an inquiry's pending id, or a timer's owner) as its parts; undefined for value ids. */
function parseStep(id: string): Omit<Step, "id" | "index" | "entry"> | undefined {
  const base = id.endsWith("/pending") ? id.slice(0, -"/pending".length) : id;
  let ref: ReturnType<typeof parseStepId>;
  try {
    ref = parseStepId(base);
  } catch {
    return undefined;
  }
  const cut = ref.task.lastIndexOf("|") + 1;
  return {
    prefix: ref.task.slice(0, cut),
    task: ref.task.slice(cut),
    route: ref.route,
    ...(ref.item !== undefined ? { item: ref.item } : {}),
    attempt: ref.attempt,
  };
}

function reachable(graph: RerunGraph, from: string): Set<string> {
  const seen = new Set<string>();
  const todo = [...graph.next(from)];
  while (todo.length > 0) {
    const t = todo.pop()!;
    if (seen.has(t) || !graph.has(t)) continue;
    seen.add(t);
    todo.push(...graph.next(t));
  }
  return seen;
}

export function planRerun(snapshot: JournalSnapshot, graph: RerunGraph, req: RerunRequest): RerunPlan {
  const steps: Step[] = [];
  snapshot.order.forEach((id, index) => {
    if (id.startsWith("~")) return;
    const parts = parseStep(id);
    const entry = snapshot.entries.get(id);
    if (parts && entry) steps.push({ id, index, entry, ...parts });
  });
  for (const t of req.tasks) {
    if (!graph.has(t))
      return {
        ok: false,
        error: `the workflow has no task "${t}" (as it runs: compiled bundles fold noop tasks)`,
      };
    if (!steps.some((s) => (s.prefix === "" && s.task === t) || s.prefix.startsWith(`${t}@`)))
      return { ok: false, error: `task "${t}" ran no action in this execution: nothing to re-run` };
  }
  const drop = new Set<string>();
  const starts: number[] = [];
  plan(steps, graph, "", req.tasks, req.noReset, drop, starts);
  const t0 = starts.length > 0 ? Math.min(...starts) : snapshot.order.length;
  const droppedRuns = new Set(steps.filter((s) => drop.has(s.id)).map(runKey));
  const keep: [string, JournalEntry][] = [];
  snapshot.order.forEach((id, index) => {
    const entry = snapshot.entries.get(id);
    if (!entry || drop.has(id)) return;
    if (id.startsWith("~")) {
      const [kind, ...rest] = id.split("/");
      // The re-run starts afresh: neither the result nor a cancel or pause of the old run goes with it.
      if (kind === "~result" || kind === "~control") return;
      if ((kind === "~kv" || kind === "~ts") && index >= t0) return;
      if (kind === "~timer" || kind === "~ttl") {
        // a timer of a run that goes (a delay or retry delay) is waited again
        const owner = parseStep(rest.join("/"));
        if (owner && droppedRuns.has(runKey(owner))) return;
      }
    }
    keep.push([id, entry]);
  });
  return { ok: true, keep, dropped: snapshot.order.length - keep.length };
}

/** A step's run as a timer names it: region, task, route and attempt (not the item). */
const runKey = (s: Pick<Step, "prefix" | "task" | "route" | "attempt">) =>
  `${s.prefix}\u0000${s.task}\u0000${s.route}\u0000${s.attempt}`;

/** The task of the region at `prefix` a step belongs to: its own task there, or the call it is under. */
const ownerIn = (s: Step, prefix: string): string =>
  s.prefix === prefix ? s.task : s.prefix.slice(prefix.length).split("@")[0]!;

/** Marks what a re-run of `tasks` in the region at `prefix` drops; `starts` gets where each re-run begins. */
function plan(
  steps: readonly Step[],
  graph: RerunGraph,
  prefix: string,
  tasks: readonly string[],
  noReset: ReadonlySet<string>,
  drop: Set<string>,
  starts: number[],
): void {
  const here = steps.filter((s) => s.prefix === prefix);
  for (const task of tasks) {
    const last = lastRun(here.filter((s) => s.task === task));
    const removed = noReset.has(task) ? last.filter((s) => s.entry.status !== SUCCEEDED) : last;
    const callee = graph.callee(task);
    const inner = callee ? lastRegion(steps, `${prefix}${task}@`) : undefined;
    if (callee && inner) {
      // the sub-workflow of the last call re-runs from its own failed tasks
      plan(steps, callee, inner, failedTasks(steps, inner), new Set(), drop, starts);
      removed.push(...steps.filter((s) => s.prefix.startsWith(inner) && drop.has(s.id)));
    }
    for (const s of removed) drop.add(s.id);
    if (removed.length === 0) continue;
    const start = Math.min(...removed.map((s) => s.index));
    starts.push(start);
    const downstream = reachable(graph, task);
    for (const s of steps) {
      if (s.index <= start || !s.prefix.startsWith(prefix)) continue;
      if (downstream.has(ownerIn(s, prefix))) drop.add(s.id);
    }
  }
}

/** The region prefix (`...call@route.item.attempt|`) of a call task's last run, if it ran steps. */
function lastRegion(steps: readonly Step[], callPrefix: string): string | undefined {
  let best: { prefix: string; index: number } | undefined;
  for (const s of steps) {
    if (!s.prefix.startsWith(callPrefix)) continue;
    const end = s.prefix.indexOf("|", callPrefix.length);
    const prefix = s.prefix.slice(0, end + 1);
    if (!best || s.index > best.index) best = { prefix, index: s.index };
  }
  return best?.prefix;
}

/** The steps of a task's last run: its last occurrence and the retries that led to it. */
function lastRun(own: readonly Step[]): Step[] {
  if (own.length === 0) return [];
  const attempts = [...new Set(own.map((s) => s.attempt))].sort((a, b) => a - b);
  const failedAttempt = (a: number) => own.some((s) => s.attempt === a && s.entry.status !== SUCCEEDED);
  // walk back from the last attempt over the failed ones: a retried run is one run
  let first = attempts.length - 1;
  while (first > 0 && failedAttempt(attempts[first - 1]!)) first--;
  const from = attempts[first]!;
  return own.filter((s) => s.attempt >= from);
}

/**
 * The tasks of the region at `prefix` that failed (what a sub-workflow re-runs from): those whose last run
 * has a failed step, and calls of nested sub-workflows whose last recorded step failed.
 */
function failedTasks(steps: readonly Step[], prefix: string): string[] {
  const owners = new Map<string, Step[]>();
  for (const s of steps) {
    if (!s.prefix.startsWith(prefix)) continue;
    const owner = ownerIn(s, prefix);
    const list = owners.get(owner);
    if (list) list.push(s);
    else owners.set(owner, [s]);
  }
  const failed: string[] = [];
  for (const [owner, list] of owners) {
    const own = list.filter((s) => s.prefix === prefix);
    const latest = list.reduce((a, b) => (b.index > a.index ? b : a));
    if (lastRun(own).some((s) => s.entry.status !== SUCCEEDED) || latest.entry.status !== SUCCEEDED)
      failed.push(owner);
  }
  return failed;
}
