// The conductor's runtime state (Orquesta's WorkflowState): context layers,
// routes, staged tasks, the task-state sequence and the workflow status.

import type { PyDict } from "../stdlib/py/value";
import { ACTIVE, S } from "./statuses";

export interface RetryState {
  when: string | null;
  count: number;
  delay: number | null;
  tally: number;
}

export interface StagedTask {
  id: string;
  route: number;
  ctxs: { in: number[] };
  prev: Record<string, number>;
  ready: boolean;
  retry?: RetryState;
  items?: Array<{ status: string }>;
  /** Item count per status (kept with `items`, so item events need no scan). */
  itemCounts?: Map<string, number>;
  completed?: boolean;
  run_on_fail?: boolean;
}

export interface TaskStateEntry {
  id: string;
  route: number;
  ctxs: { in: number[]; out?: Record<string, number> };
  prev: Record<string, number>;
  next: Record<string, boolean>;
  status?: string;
  retry?: RetryState;
  term?: boolean;
}

const PAUSING: ReadonlySet<string> = new Set([S.pausing]);
const PAUSED_OR_PENDING: ReadonlySet<string> = new Set([S.paused, S.pending]);
const CANCELING: ReadonlySet<string> = new Set([S.canceling]);
const CANCELED: ReadonlySet<string> = new Set([S.canceled]);

export class WorkflowState {
  contexts: PyDict[] = [];
  routes: string[][] = [];
  sequence: TaskStateEntry[] = [];
  staged: StagedTask[] = [];
  status: string = S.unset;
  /** task -> route -> index of the latest entry in `sequence`. */
  private readonly latest = new Map<string, number[]>();

  taskIndex(taskId: string, route: number): number | undefined {
    return this.latest.get(taskId)?.[route];
  }

  getTaskEntry(taskId: string, route: number): TaskStateEntry | undefined {
    const idx = this.taskIndex(taskId, route);
    return idx === undefined ? undefined : this.sequence[idx];
  }

  /** How many latest entries (one per task and route) hold each status. */
  private readonly latestCounts = new Map<string, number>();

  /** Record `idx` as the latest entry of its task and route. */
  registerEntry(taskId: string, route: number, idx: number): void {
    let routes = this.latest.get(taskId);
    if (!routes) this.latest.set(taskId, (routes = []));
    const prev = routes[route];
    if (prev !== undefined) this.count(this.sequence[prev]!.status, -1);
    routes[route] = idx;
    this.count(this.sequence[idx]!.status, 1);
  }

  /** Change an entry's status, keeping the latest-entry counts right. */
  setEntryStatus(entry: TaskStateEntry, status: string): void {
    const latest = this.sequence[this.taskIndex(entry.id, entry.route) ?? -1] === entry;
    if (latest) this.count(entry.status, -1);
    entry.status = status;
    if (latest) this.count(status, 1);
  }

  private count(status: string | undefined, delta: number): void {
    if (status === undefined) return;
    this.latestCounts.set(status, (this.latestCounts.get(status) ?? 0) + delta);
  }

  private latestWithStatus(statuses: ReadonlySet<string>): boolean {
    for (const [status, n] of this.latestCounts) if (n > 0 && statuses.has(status)) return true;
    return false;
  }

  get hasActiveTasks(): boolean {
    return this.latestWithStatus(ACTIVE);
  }
  get hasPausingTasks(): boolean {
    return this.latestWithStatus(PAUSING);
  }
  get hasPausedTasks(): boolean {
    return this.latestWithStatus(PAUSED_OR_PENDING);
  }
  get hasCancelingTasks(): boolean {
    return this.latestWithStatus(CANCELING);
  }
  get hasCanceledTasks(): boolean {
    return this.latestWithStatus(CANCELED);
  }

  activeEntries(): TaskStateEntry[] {
    const out: TaskStateEntry[] = [];
    const indexes: number[] = [];
    for (const routes of this.latest.values())
      for (const idx of routes) if (idx !== undefined) indexes.push(idx);
    for (const idx of indexes.sort((a, b) => a - b)) {
      const e = this.sequence[idx]!;
      if (e.status !== undefined && ACTIVE.has(e.status)) out.push(e);
    }
    return out;
  }

  terminalEntries(): TaskStateEntry[] {
    return this.sequence.filter((t) => t.term === true);
  }

  readyStaged(): StagedTask[] {
    return this.staged.filter((x) => x.ready && !x.completed);
  }

  get hasStagedTasks(): boolean {
    return this.staged.some((x) => x.ready && !x.completed);
  }

  addStaged(
    id: string,
    route: number,
    ctxs: number[] | undefined,
    prev: Record<string, number> | undefined,
    ready: boolean,
    retry?: RetryState,
  ): StagedTask {
    const entry: StagedTask = {
      id,
      ctxs: { in: ctxs && ctxs.length > 0 ? ctxs : [0] },
      route,
      prev: prev ?? {},
      ready,
    };
    if (retry) entry.retry = retry;
    this.staged.push(entry);
    return entry;
  }

  getStaged(id: string, route: number): StagedTask | undefined {
    return this.staged.find((x) => x.id === id && x.route === route);
  }

  removeStaged(id: string, route: number): void {
    const staged = this.getStaged(id, route);
    if (!staged) return;
    const running = (staged.items ?? []).some((i) => ACTIVE.has(i.status));
    if (!running) this.staged.splice(this.staged.indexOf(staged), 1);
  }
}

/** The task's items, tracked from now on as `n` items not yet run if they were not tracked yet. */
export function trackItems(staged: StagedTask, n: number): Array<{ status: string }> {
  if (!staged.items || staged.items.length === 0) {
    staged.items = Array.from({ length: n }, () => ({ status: S.unset }));
    staged.itemCounts = new Map([[S.unset, n]]);
  }
  return staged.items;
}

export function setItemStatus(staged: StagedTask, index: number, status: string): void {
  const items = staged.items!;
  const counts = staged.itemCounts ?? recount(staged);
  const old = items[index]?.status;
  if (old !== undefined) counts.set(old, (counts.get(old) ?? 0) - 1);
  counts.set(status, (counts.get(status) ?? 0) + 1);
  items[index] = { status };
}

/** How many items of a with-items task have each status. */
export function itemCountsOf(staged: StagedTask): ReadonlyMap<string, number> {
  return staged.itemCounts ?? recount(staged);
}

/** Whether every item of a with-items task has been started (false before its items are known). */
export function allItemsStarted(staged: StagedTask): boolean {
  if (!staged.items || staged.items.length === 0) return false;
  const counts = staged.itemCounts ?? recount(staged);
  return (counts.get(S.unset) ?? 0) === 0;
}

export function clearItems(staged: StagedTask): void {
  delete staged.items;
  delete staged.itemCounts;
}

function recount(staged: StagedTask): Map<string, number> {
  const counts = new Map<string, number>();
  for (const i of staged.items ?? []) counts.set(i.status, (counts.get(i.status) ?? 0) + 1);
  staged.itemCounts = counts;
  return counts;
}
