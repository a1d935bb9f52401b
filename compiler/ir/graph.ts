// The workflow graph Orquesta's composer builds from a definition: a directed
// multigraph of the tasks reachable from the start tasks, with engine commands
// as nodes, parallel edges keyed 0, 1, ..., barriers for joins and the retry
// policy per task (`do: retry` folded in). Plus the spec-level helpers the
// conductor uses (split tasks, cycles).

import type { PyValue } from "../../runtime/stdlib/py/value";
import type { TaskIR, WorkflowIR } from "./types";

export interface GraphEdge {
  readonly source: string;
  readonly target: string;
  readonly key: number;
  /** The `when` expression of the transition entry, or none. */
  readonly criteria: readonly string[];
  /** Index of the transition entry in the source's `next`. */
  readonly ref: number;
}

export interface GraphRetry {
  readonly when: string | null;
  readonly count: PyValue;
  readonly delay: PyValue;
}

interface NextTask {
  readonly name: string;
  readonly condition: string | null;
  readonly ref: number;
}

const COMMANDS = new Set(["continue", "fail", "noop", "retry"]);

export class WorkflowGraph {
  private readonly nodes = new Map<string, { barrier?: "*" | number; retry?: GraphRetry }>();
  private readonly out = new Map<string, GraphEdge[]>();
  private readonly inn = new Map<string, GraphEdge[]>();
  private readonly specTasks = new Map<string, TaskIR>();
  private readonly nextCache = new Map<string, NextTask[]>();
  private readonly prevCount = new Map<string, number>();
  private cyclic: Set<string> | null = null;
  private readonly nextEdges = new Map<string, GraphEdge[]>();
  private readonly specCycle = new Map<string, boolean>();

  constructor(readonly workflow: WorkflowIR) {
    for (const t of workflow.tasks) this.specTasks.set(t.name, t);
    for (const t of workflow.tasks) {
      for (const n of this.specNext(t.name))
        this.prevCount.set(n.name, (this.prevCount.get(n.name) ?? 0) + 1);
    }
    this.compose();
  }

  // ------------------------------------------------------------ spec helpers

  specTask(name: string): TaskIR | undefined {
    return this.specTasks.get(name);
  }

  /** (target, condition, ref) of every transition target, sorted by target name (stable). */
  specNext(name: string): NextTask[] {
    let cached = this.nextCache.get(name);
    if (cached) return cached;
    const task = this.specTasks.get(name);
    const list: NextTask[] = [];
    for (const tr of task?.next ?? []) {
      for (const target of tr.targets) list.push({ name: target, condition: tr.condition, ref: tr.index });
    }
    cached = stableSortBy(list, (x) => x.name);
    this.nextCache.set(name, cached);
    return cached;
  }

  startTasks(): string[] {
    return [...this.specTasks.keys()].filter((n) => !this.prevCount.has(n)).sort(cmp);
  }

  isJoinTask(name: string): boolean {
    return this.specTasks.get(name)?.join != null;
  }

  /** Not a join, with more than one inbound (task, transition entry) pair in the definition. */
  isSplitTask(name: string): boolean {
    return !this.isJoinTask(name) && (this.prevCount.get(name) ?? 0) > 1;
  }

  /** Orquesta's spec-level cycle test (breadth-first walk back to the task). */
  specInCycle(name: string): boolean {
    const cached = this.specCycle.get(name);
    if (cached !== undefined) return cached;
    const traversed = new Set<string>();
    const queue = this.specNext(name).map((n) => n.name);
    let found = false;
    for (let head = 0; head < queue.length; head++) {
      const next = queue[head]!;
      if (next === name) {
        found = true;
        break;
      }
      if (traversed.has(next)) continue;
      for (const n of this.specNext(next)) queue.push(n.name);
      traversed.add(next);
    }
    this.specCycle.set(name, found);
    return found;
  }

  // ------------------------------------------------------------ graph

  private compose(): void {
    const queue: Array<[string, string[]]> = this.startTasks().map((n) => [n, []]);
    const trackSplits = new Map<string, Set<string>>();
    // A read index instead of shift(): shifting a long queue copies it every time.
    for (let head = 0; head < queue.length; head++) {
      const [name, splits] = queue[head]!;
      this.addNode(name);
      const spec = this.specTasks.get(name);
      if (spec?.join) this.nodes.get(name)!.barrier = spec.join.kind === "join-all" ? "*" : spec.join.count;
      if (this.isSplitTask(name) && !this.specInCycle(name)) splits.push(name);
      if (spec?.retry) {
        this.nodes.get(name)!.retry = {
          when: spec.retry.when,
          count: spec.retry.count,
          delay: spec.retry.delay,
        };
      }
      for (const next of this.specNext(name)) {
        if (next.name === "retry") {
          this.nodes.get(name)!.retry = {
            when: next.condition ?? "<% completed() %>",
            count: 3,
            delay: null,
          };
          continue;
        }
        if (!this.nodes.has(next.name) || !this.specInCycle(next.name)) {
          const existing = trackSplits.get(next.name);
          if (existing && existing.size > 0) {
            if (!splits.every((s) => existing.has(s))) {
              queue.push([next.name, [...splits]]);
              for (const s of splits) existing.add(s);
            }
          } else {
            queue.push([next.name, [...splits]]);
            trackSplits.set(next.name, new Set(splits));
          }
        }
        const criteria = next.condition ? [next.condition] : [];
        this.addEdge(name, next.name, criteria, next.ref);
      }
    }
  }

  private addNode(name: string): void {
    if (!this.nodes.has(name)) {
      this.nodes.set(name, {});
      this.out.set(name, []);
      this.inn.set(name, []);
    }
  }

  private addEdge(source: string, target: string, criteria: string[], ref: number): void {
    this.addNode(source);
    this.addNode(target);
    const between = this.out.get(source)!.filter((e) => e.target === target);
    const same = between.find((e) => e.ref === ref && sameList(e.criteria, criteria));
    if (same) return;
    const used = new Set(between.map((e) => e.key));
    let key = between.length;
    while (used.has(key)) key++;
    const edge: GraphEdge = { source, target, key, criteria, ref };
    this.out.get(source)!.push(edge);
    this.inn.get(target)!.push(edge);
  }

  hasTask(name: string): boolean {
    return this.nodes.has(name);
  }

  taskIds(): string[] {
    return [...this.nodes.keys()];
  }

  /** Nodes without inbound edges, sorted by name. */
  roots(): string[] {
    return [...this.nodes.keys()].filter((n) => this.inn.get(n)!.length === 0).sort(cmp);
  }

  /** Outbound edges sorted by target name, then key. */
  nextTransitions(name: string): GraphEdge[] {
    let cached = this.nextEdges.get(name);
    if (!cached) this.nextEdges.set(name, (cached = stableSortBy(this.groupedOut(name), (e) => e.target)));
    return cached;
  }

  private groupedOut(name: string): GraphEdge[] {
    // networkx keeps edges grouped by target in first-insertion order.
    const edges = this.out.get(name) ?? [];
    const order: string[] = [];
    for (const e of edges) if (!order.includes(e.target)) order.push(e.target);
    return order.flatMap((t) => edges.filter((e) => e.target === t));
  }

  prevTransitions(name: string): GraphEdge[] {
    return this.inn.get(name) ?? [];
  }

  barrier(name: string): "*" | number | undefined {
    return this.nodes.get(name)?.barrier;
  }

  hasBarrier(name: string): boolean {
    const b = this.nodes.get(name)?.barrier;
    return b !== undefined;
  }

  barriers(): Set<string> {
    const out = new Set<string>();
    for (const [name, attrs] of this.nodes)
      if (attrs.barrier !== undefined && attrs.barrier !== 0) out.add(name);
    return out;
  }

  retrySpec(name: string): GraphRetry | undefined {
    return this.nodes.get(name)?.retry;
  }

  /** In some cycle of the graph (a strongly connected component of size > 1, or a self-loop). */
  inCycle(name: string): boolean {
    if (!this.cyclic) this.cyclic = this.cyclicNodes();
    return this.cyclic.has(name);
  }

  private cyclicNodes(): Set<string> {
    // Tarjan's strongly connected components, iteratively.
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const onStack = new Set<string>();
    const stack: string[] = [];
    const result = new Set<string>();
    let counter = 0;
    for (const start of this.nodes.keys()) {
      if (index.has(start)) continue;
      const work: Array<[string, number]> = [[start, 0]];
      while (work.length > 0) {
        const frame = work[work.length - 1]!;
        const [v, i] = frame;
        if (i === 0) {
          index.set(v, counter);
          low.set(v, counter);
          counter++;
          stack.push(v);
          onStack.add(v);
        }
        const succ = this.out.get(v)!.map((e) => e.target);
        if (i < succ.length) {
          frame[1] = i + 1;
          const w = succ[i]!;
          if (!index.has(w)) work.push([w, 0]);
          else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
          continue;
        }
        work.pop();
        if (work.length > 0) {
          const parent = work[work.length - 1]![0];
          low.set(parent, Math.min(low.get(parent)!, low.get(v)!));
        }
        if (low.get(v) === index.get(v)) {
          const comp: string[] = [];
          let w: string;
          do {
            w = stack.pop()!;
            onStack.delete(w);
            comp.push(w);
          } while (w !== v);
          const selfLoop = this.out.get(v)!.some((e) => e.target === v);
          if (comp.length > 1 || selfLoop) for (const c of comp) result.add(c);
        }
      }
    }
    return result;
  }

  isEngineCommand(name: string): boolean {
    return COMMANDS.has(name);
  }
}

// A graph depends only on its IR and is never changed after it is composed (its
// caches are memos of the IR), so every run of one IR (a compiled bundle's
// units, a kept definition) shares one.
const graphs = new WeakMap<WorkflowIR, WorkflowGraph>();

/** The composed graph of `ir`, built on first use. */
export function graphOf(ir: WorkflowIR): WorkflowGraph {
  let graph = graphs.get(ir);
  if (!graph) graphs.set(ir, (graph = new WorkflowGraph(ir)));
  return graph;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function stableSortBy<T>(items: T[], key: (x: T) => string): T[] {
  return items
    .map((x, i) => ({ x, i, k: key(x) }))
    .sort((a, b) => cmp(a.k, b.k) || a.i - b.i)
    .map((e) => e.x);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
