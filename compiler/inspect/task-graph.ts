// The task graph as Orquesta's TaskMappingSpec walks it: next/previous tasks,
// start tasks (no inbound edge, sorted by name), splits and cycles. Memoised,
// because the inspector asks the same questions many times.

import { getTask, RESERVED_TASK_NAMES, type WorkflowView } from "./orquesta-spec";

export interface Edge {
  readonly target: string;
  readonly transition: number;
}

const NO_TASKS: readonly string[] = [];

export class TaskGraph {
  private readonly nextCache = new Map<string, Edge[]>();
  /** Inbound edges of every target, built on first use (one pass over all edges, not one per task). */
  private incoming: Map<string, string[]> | undefined;
  private readonly cycleCache = new Map<string, boolean>();

  constructor(readonly view: WorkflowView) {}

  get names(): string[] {
    return [...(this.view.tasks?.keys() ?? [])];
  }

  /** Outbound edges sorted by target name (stable), one per target per transition. */
  next(name: string): Edge[] {
    let edges = this.nextCache.get(name);
    if (!edges) {
      edges = [];
      for (const t of getTask(this.view, name)?.next ?? []) {
        for (const target of t.targets) edges.push({ target, transition: t.index });
      }
      edges.sort((a, b) => (a.target < b.target ? -1 : a.target > b.target ? 1 : 0));
      this.nextCache.set(name, edges);
    }
    return edges;
  }

  /** Names of tasks with an edge into `name`, one entry per edge, sorted. */
  prev(name: string): readonly string[] {
    if (!this.incoming) {
      const incoming = new Map<string, string[]>();
      for (const source of this.names) {
        for (const e of this.next(source)) {
          const list = incoming.get(e.target);
          if (list) list.push(source);
          else incoming.set(e.target, [source]);
        }
      }
      for (const list of incoming.values()) list.sort();
      this.incoming = incoming;
    }
    return this.incoming.get(name) ?? NO_TASKS;
  }

  starts(): string[] {
    return this.names.filter((n) => this.prev(n).length === 0).sort();
  }

  isJoin(name: string): boolean {
    const task = getTask(this.view, name);
    return task !== undefined && task.join !== null;
  }

  isSplit(name: string): boolean {
    return !this.isJoin(name) && this.prev(name).length > 1;
  }

  inCycle(name: string): boolean {
    const cached = this.cycleCache.get(name);
    if (cached !== undefined) return cached;
    const traversed = new Set<string>();
    const queue = this.next(name).map((e) => e.target);
    let found = false;
    for (let head = 0; head < queue.length; head++) {
      const current = queue[head]!;
      if (current === name) {
        found = true;
        break;
      }
      if (traversed.has(current)) continue;
      for (const e of this.next(current)) queue.push(e.target);
      traversed.add(current);
    }
    this.cycleCache.set(name, found);
    return found;
  }

  isReserved(name: string): boolean {
    return (RESERVED_TASK_NAMES as readonly string[]).includes(name);
  }

  /** Every task reachable from the start tasks (engine commands excluded). */
  reachable(): Set<string> {
    const seen = new Set<string>();
    const queue = this.starts();
    for (let head = 0; head < queue.length; head++) {
      const name = queue[head]!;
      if (seen.has(name) || !this.view.tasks?.has(name)) continue;
      seen.add(name);
      for (const e of this.next(name)) queue.push(e.target);
    }
    return seen;
  }
}
