// The reference conductor: a faithful port of Orquesta's WorkflowConductor
// semantics over the IR graph. It never runs actions; a host (wave.ts) asks
// for next tasks, reports action events, and reads state and errors.

import type { WorkflowGraph } from "../../compiler/ir/graph";
import type { CurrentTask } from "../stdlib/functions/env";
import { isDict, type PyDict, PyError, type PyValue, truthy } from "../stdlib/py/value";
import { deepCopy, mergeDicts } from "./context";
import { EngineError, errorMessage } from "./errors";
import { type ConductorEvent, ENGINE_EVENTS, isEngineCommand } from "./events";
import { type ExprEnv, renderWith } from "./expressions";
import { nextStatus, TASK_MACHINE } from "./machines";
import { getNextTasks, getTask } from "./next-tasks";
import { type RetryState, setItemStatus, type TaskStateEntry, WorkflowState } from "./state";
import { ABENDED, ACTIVE, COMPLETED, RUNNING, S, STARTING } from "./statuses";
import type { RenderedTask } from "./task-render";
import { itemEventName, processTransitions } from "./transitions";
import { processTaskEvent, requestWorkflowStatus } from "./workflow-events";

export interface ErrorEntry {
  type: string;
  message: string;
  task_id?: string;
  route?: number;
  task_transition_id?: string;
  result?: PyValue;
  [key: string]: PyValue | undefined;
}

/** Host services expressions may call (StackStorm's task() and st2kv()). */
export interface ConductorHooks {
  task?(conductor: WorkflowConductor, taskName: string, route: number): PyValue;
  st2kv?(key: string, decrypt: boolean): PyValue | undefined;
}

/** Renders a workflow value; compiled bundles pass one backed by their expression table. */
export type Renderer = (value: PyValue, env: ExprEnv) => PyValue;

export interface ConductorOptions {
  readonly inputs?: PyDict;
  readonly parentContext?: PyDict;
  readonly hooks?: ConductorHooks;
  readonly render?: Renderer;
}

export const INBOUND = { satisfied: "satisfied", wip: "wip", notSatisfied: "not_satisfied" } as const;

export class WorkflowConductor {
  readonly state = new WorkflowState();
  readonly errors: ErrorEntry[] = [];
  readonly log: ErrorEntry[] = [];
  private output: PyDict | null = null;
  private readonly inputs: PyDict;
  private readonly parentContext: PyDict;
  readonly hooks: ConductorHooks;
  private readonly renderer: Renderer;

  constructor(
    readonly graph: WorkflowGraph,
    options: ConductorOptions = {},
  ) {
    this.inputs = options.inputs ?? {};
    this.parentContext = options.parentContext ?? {};
    this.hooks = options.hooks ?? {};
    this.renderer = options.render ?? renderWith;
    this.initialize();
  }

  // ---------------------------------------------------------------- setup

  private initialize(): void {
    const wf = this.graph.workflow;
    let init = deepCopy(this.parentContext);
    const errors: unknown[] = [];
    const rolling = deepCopy(init);
    for (const p of wf.input) {
      const value = Object.hasOwn(this.inputs, p.name) ? this.inputs[p.name]! : p.default;
      try {
        rolling[p.name] = this.render(value, this.envOf(rolling));
      } catch (e) {
        errors.push(e);
      }
    }
    init = mergeDicts(init, rolling);
    const varsRolling = deepCopy(init);
    const vars: PyDict = {};
    for (const v of wf.vars) {
      try {
        const value = this.render(v.value, this.envOf(varsRolling));
        varsRolling[v.name] = value;
        vars[v.name] = value;
      } catch (e) {
        errors.push(e);
      }
    }
    init = mergeDicts(init, vars);
    if (errors.length > 0) {
      for (const e of errors) this.logError(e);
      this.requestWorkflowStatus(S.failed);
    }
    if (!ABENDED.has(this.state.status)) {
      this.state.contexts.push(init);
      this.state.routes.push([]);
      for (const root of this.graph.roots()) this.state.addStaged(root, 0, [0], undefined, true);
    }
  }

  get status(): string {
    return this.state.status;
  }

  get workflowInput(): PyDict {
    return deepCopy(this.inputs);
  }

  get workflowOutput(): PyDict | null {
    return this.output ? deepCopy(this.output) : null;
  }

  // ---------------------------------------------------------------- logging

  logEntry(type: "error" | "info" | "warn", message: string, extra: Partial<ErrorEntry> = {}): void {
    const entry: ErrorEntry = { type, message };
    for (const key of ["task_id", "route", "task_transition_id", "result"] as const) {
      const v = extra[key];
      if (v !== undefined && v !== null) (entry as Record<string, PyValue>)[key] = v;
    }
    const log = type === "error" ? this.errors : this.log;
    const text = JSON.stringify(entry);
    if (log.some((x) => JSON.stringify(x) === text)) return;
    log.push(entry);
  }

  logError(e: unknown, taskId?: string, route?: number, transitionId?: string): void {
    this.logEntry("error", errorMessage(e), { task_id: taskId, route, task_transition_id: transitionId });
  }

  // ---------------------------------------------------------------- expressions

  render(value: PyValue, env: ExprEnv): PyValue {
    return this.renderer(value, env);
  }

  envOf(
    ctx: PyDict,
    item?: { value: PyValue },
    current?: { id: string; route: number; result: PyValue },
  ): ExprEnv {
    return new ConductorEnv(this, ctx, item, current);
  }

  /** The route where task_status() finds the task (falling back to pre-split routes), or null. */
  resolveRoute(taskId: string, route: number): number | null {
    if (this.state.taskIndex(taskId, route) !== undefined) return route;
    if (route > 0 && route < this.state.routes.length) {
      const current = new Set(this.state.routes[route]);
      for (let prev = route - 1; prev >= 0; prev--) {
        if (this.state.routes[prev]!.every((x) => current.has(x))) return this.resolveRoute(taskId, prev);
      }
    }
    return null;
  }

  taskStatus(taskId: string, route: number): string {
    const r = this.resolveRoute(taskId, route);
    if (r === null) return S.unset;
    return this.state.getTaskEntry(taskId, r)?.status ?? S.unset;
  }

  // ---------------------------------------------------------------- workflow status

  /** Internal status request: an invalid transition is ignored (upstream would raise). */
  requestWorkflowStatus(status: string): void {
    try {
      requestWorkflowStatus(this, status);
    } catch {
      // e.g. a late expression error after the workflow was canceled
    }
  }

  /**
   * Ask for a workflow status change (pause, resume, cancel, fail) as StackStorm's
   * API does; returns an error message when the request is not allowed.
   */
  requestStatus(status: "paused" | "resuming" | "canceled" | "failed" | "running"): string | null {
    if (COMPLETED.has(this.state.status)) return `The workflow is already ${this.state.status}.`;
    if (status === S.resuming && RUNNING.has(this.state.status)) return null;
    try {
      requestWorkflowStatus(this, status);
      return null;
    } catch (e) {
      return errorMessage(e);
    }
  }

  getTaskContext(idxs: readonly number[]): PyDict {
    let ctx: PyDict = {};
    for (const i of idxs) ctx = mergeDicts(ctx, this.state.contexts[i]!);
    return ctx;
  }

  terminalContext(): PyDict {
    const terms = this.state.terminalEntries();
    if (terms.length === 0) return {};
    let ctx = this.getTaskContext(terms[0]!.ctxs.in);
    for (const t of terms.slice(1)) ctx = mergeDicts(ctx, this.getTaskContext(withoutFirstZero(t.ctxs.in)));
    return ctx;
  }

  renderOutput(): void {
    const status = this.state.status;
    if (!COMPLETED.has(status) || (this.output && Object.keys(this.output).length > 0)) return;
    const rolling = deepCopy(this.terminalContext());
    const outputs: PyDict = {};
    const errors: unknown[] = [];
    for (const o of this.graph.workflow.output) {
      try {
        const v = this.render(o.value, this.envOf(rolling));
        rolling[o.name] = v;
        outputs[o.name] = v;
      } catch (e) {
        errors.push(e);
      }
    }
    if (Object.keys(outputs).length > 0) this.output = outputs;
    if (errors.length > 0) {
      for (const e of errors) this.logError(e);
      if (![S.expired, S.abandoned, S.canceled].includes(status as "timeout"))
        this.requestWorkflowStatus(S.failed);
    }
  }

  // ---------------------------------------------------------------- inbound criteria

  inboundCriteriaStatus(taskId: string, route: number): string {
    const inbound = this.graph.prevTransitions(taskId);
    const evaluation = new Map<string, boolean | null>();
    for (const t of inbound) evaluation.set(t.source, null);
    const barrier = this.graph.barrier(taskId) || 1;
    const requirement = barrier === "*" ? evaluation.size : barrier;
    for (const t of inbound) {
      const prev = this.state.getTaskEntry(t.source, route);
      if (!prev) continue;
      const satisfied = prev.next[`${t.target}__t${t.key}`] === true;
      if (!evaluation.get(t.source)) evaluation.set(t.source, satisfied);
    }
    const values = [...evaluation.values()];
    if (values.filter((v) => v === true).length >= requirement) return INBOUND.satisfied;
    if (values.includes(null) && (this.state.hasActiveTasks || this.state.hasStagedTasks)) return INBOUND.wip;
    return INBOUND.notSatisfied;
  }

  hasNext(taskId: string, route: number, evalJoinReady = true): boolean {
    const entry = this.state.getTaskEntry(taskId, route);
    if (!entry || entry.status === undefined || !COMPLETED.has(entry.status)) return false;
    for (const t of this.graph.nextTransitions(taskId)) {
      if (t.target === "continue") continue;
      if (!entry.next[`${t.target}__t${t.key}`]) continue;
      if (this.graph.hasBarrier(t.target)) {
        if (!evalJoinReady) return true;
        if (this.inboundCriteriaStatus(t.target, route) === INBOUND.notSatisfied) continue;
      }
      return true;
    }
    return false;
  }

  unreachableBarriers(): Array<{ id: string; route: number }> {
    const barriers = this.graph.barriers();
    return this.state.staged
      .filter((s) => barriers.has(s.id) && !s.ready)
      .filter((s) => this.inboundCriteriaStatus(s.id, s.route) === INBOUND.notSatisfied)
      .map((s) => ({ id: s.id, route: s.route }));
  }

  // ---------------------------------------------------------------- next tasks

  /** Render a task for dispatch (action, input per item, delay, concurrency). */
  getTask(taskId: string, route: number): RenderedTask {
    return getTask(this, taskId, route);
  }

  /** Orquesta's get_next_tasks: ready staged tasks rendered, sorted by (id, route). */
  getNextTasks(): RenderedTask[] {
    return getNextTasks(this);
  }

  // ---------------------------------------------------------------- task state

  private setupRetry(entry: TaskStateEntry, ctxIdxs: number[]): void {
    const spec = this.graph.retrySpec(entry.id)!;
    const ctx = this.getTaskContext(ctxIdxs);
    const retry: RetryState = { when: spec.when, count: 0, delay: null, tally: 0 };
    let delay = spec.delay;
    if (typeof delay === "string") {
      delay = this.render(delay, this.envOf(deepCopy(ctx)));
      if (typeof delay !== "number" || !Number.isInteger(delay))
        throw new EngineError("ValueError", `The retry delay for task "${entry.id}" is not an integer.`);
    }
    retry.delay = typeof delay === "number" ? delay : null;
    let count = spec.count;
    if (typeof count === "string") {
      count = this.render(count, this.envOf(deepCopy(ctx)));
      if (typeof count !== "number" || !Number.isInteger(count))
        throw new EngineError("ValueError", `The retry count for task "${entry.id}" is not an integer.`);
    }
    retry.count = typeof count === "number" ? count : 0;
    entry.retry = retry;
  }

  addTaskState(
    taskId: string,
    route: number,
    ctxIdxs: number[],
    prev: Record<string, number>,
  ): TaskStateEntry {
    const entry: TaskStateEntry = {
      id: taskId,
      route,
      ctxs: { in: ctxIdxs.length > 0 ? ctxIdxs : [0] },
      prev: prev ?? {},
      next: {},
    };
    const spec = this.graph.retrySpec(taskId);
    if (spec && spec.count !== null && spec.count !== undefined) this.setupRetry(entry, entry.ctxs.in);
    this.state.sequence.push(entry);
    this.state.registerEntry(taskId, route, this.state.sequence.length - 1);
    return entry;
  }

  makeTaskContext(entry: TaskStateEntry, result: PyValue): { ctx: PyDict; env: ExprEnv } {
    const ctx = deepCopy(this.getTaskContext(entry.ctxs.in));
    return { ctx, env: this.envOf(ctx, undefined, { id: entry.id, route: entry.route, result }) };
  }

  private evaluateRetry(entry: TaskStateEntry, env: ExprEnv): boolean {
    if (!entry.retry) return false;
    const status = entry.status ?? S.unset;
    if (entry.retry.tally >= entry.retry.count) return false;
    if (ABENDED.has(status) && entry.retry.when === null) return true;
    if (entry.retry.when === null) return false;
    return truthy(this.render(entry.retry.when, env));
  }

  processTaskEvent(taskId: string, route: number, status: string): void {
    processTaskEvent(this, taskId, route, status);
  }

  applyTaskMachine(entry: TaskStateEntry, eventName: string): void {
    const current = entry.status ?? S.unset;
    const next = nextStatus(TASK_MACHINE, current, eventName);
    if (next !== undefined) this.state.setEntryStatus(entry, next);
  }

  updateTaskState(taskId: string, route: number, event: ConductorEvent): TaskStateEntry {
    const engineQueue: Array<[string, number]> = [];
    if (!this.graph.hasTask(taskId))
      throw new EngineError("InvalidTask", `The task "${taskId}" is not defined.`);
    const staged = this.state.getStaged(taskId, route);
    let entry = this.state.getTaskEntry(taskId, route);
    const spec = this.graph.specTask(taskId);
    const hasItems = !!spec?.withItems;
    if (!staged && !entry)
      throw new EngineError(
        "InvalidTaskStateEntry",
        `Task "${taskId}" is not staged or has not started yet.`,
      );
    if (!entry || isEngineCommand(taskId))
      entry = this.addTaskState(taskId, staged!.route, staged!.ctxs.in, staged!.prev);
    if (
      entry.status !== undefined &&
      COMPLETED.has(entry.status) &&
      event.status &&
      STARTING.has(event.status)
    ) {
      entry = this.addTaskState(taskId, staged!.route, staged!.ctxs.in, staged!.prev);
    }
    const entryIdx = this.state.taskIndex(taskId, route)!;
    if (event.status && staged && staged.items === undefined) this.state.removeStaged(taskId, route);
    if (staged && event.kind === "item" && staged.items) setItemStatus(staged, event.itemId!, event.status);
    if (event.status === S.failed) {
      this.logEntry("error", "Execution failed. See result for details.", {
        task_id: taskId,
        result: event.result,
      });
    }
    const oldStatus = entry.status ?? S.unset;
    const eventName = event.kind === "item" ? itemEventName(this, taskId, route, event) : event.name;
    this.applyTaskMachine(entry, eventName);
    const newStatus = entry.status ?? S.unset;

    if (newStatus === S.retrying) {
      entry.retry!.tally += 1;
      this.state.removeStaged(taskId, route);
      this.state.addStaged(taskId, route, entry.ctxs.in, entry.prev, true, entry.retry);
    }

    let current: { ctx: PyDict; env: ExprEnv } | null = null;
    if (COMPLETED.has(newStatus)) {
      if (!(hasItems && ABENDED.has(newStatus))) this.state.removeStaged(taskId, route);
      else {
        const s = this.state.getStaged(taskId, route);
        if (s) s.completed = true;
      }
      const result = hasItems
        ? event.kind === "item"
          ? (event.accumulated ?? [])
          : truthy(event.result)
            ? event.result
            : []
        : event.result;
      current = this.makeTaskContext(entry, result);
      if (ACTIVE.has(this.state.status) && this.evaluateRetry(entry, current.env)) {
        return this.updateTaskState(taskId, route, ENGINE_EVENTS.retry!);
      }
    }

    if (current && COMPLETED.has(newStatus) && newStatus !== oldStatus) {
      processTransitions(this, entry, entryIdx, current.ctx, current.env, engineQueue);
    }

    this.processTaskEvent(taskId, route, newStatus);
    for (const [cmd, cmdRoute] of engineQueue) this.updateTaskState(cmd, cmdRoute, ENGINE_EVENTS[cmd]!);
    if (COMPLETED.has(this.state.status)) entry.term = true;
    return entry;
  }
}

function withoutFirstZero(idxs: readonly number[]): number[] {
  const out = [...idxs];
  const i = out.indexOf(0);
  if (i >= 0) out.splice(i, 1);
  return out;
}

/**
 * What expressions see of a running workflow (ExprEnv): one object per
 * rendering, its functions shared on the prototype rather than made per env.
 */
class ConductorEnv implements ExprEnv {
  readonly currentTask?: CurrentTask;

  constructor(
    private readonly conductor: WorkflowConductor,
    readonly ctx: PyDict,
    readonly item: { value: PyValue } | undefined,
    private readonly current: { id: string; route: number; result: PyValue } | undefined,
    currentTask?: CurrentTask,
  ) {
    if (currentTask) this.currentTask = currentTask;
    else if (current) this.currentTask = new TaskOfEnv(conductor, current);
  }

  taskStatus(taskId: string, route?: number): string {
    return this.conductor.taskStatus(taskId, route ?? this.current?.route ?? 0);
  }

  task(name: string | undefined, route: number | undefined): PyValue {
    const c = this.conductor;
    const taskName = name ?? this.current?.id ?? "";
    const r = route ?? this.current?.route ?? 0;
    const hook = c.hooks.task;
    // StackStorm reads the workflow execution id from ctx().st2 once the task is found.
    if (hook && c.resolveRoute(taskName, r) !== null) {
      const st2 = this.ctx.st2;
      if (!isDict(st2)) throw new PyError("KeyError", "'st2'");
      if (!Object.hasOwn(st2, "workflow_execution_id"))
        throw new PyError("KeyError", "'workflow_execution_id'");
      return hook(c, taskName, r);
    }
    throw new PyError("ExpressionEvaluationException", `Unable to find task execution for "${taskName}".`);
  }

  st2kv(key: string, decrypt: boolean): PyValue | undefined {
    return this.conductor.hooks.st2kv?.(key, decrypt);
  }

  withContext(ctx: PyDict): ConductorEnv {
    return new ConductorEnv(this.conductor, ctx, this.item, this.current, this.currentTask);
  }

  /**
   * The env over `ctx` with the current task's result deep-copied: Orquesta
   * renders a transition's publishes on a deep copy of the task context
   * (finalize_context), so a published `result()` never aliases the action
   * result that later context merges could change in place.
   */
  withContextAndOwnResult(ctx: PyDict): ConductorEnv {
    const current = this.current ? { ...this.current, result: deepCopy(this.current.result) } : undefined;
    return new ConductorEnv(this.conductor, ctx, this.item, current);
  }
}

/** The current task as expressions see it; its status is looked up when first asked for. */
class TaskOfEnv implements CurrentTask {
  readonly id: string;
  readonly route: number;
  readonly result: PyValue;
  private known?: string;

  constructor(
    private readonly conductor: WorkflowConductor,
    current: { id: string; route: number; result: PyValue },
  ) {
    this.id = current.id;
    this.route = current.route;
    this.result = current.result;
  }

  get status(): string {
    this.known ??= this.conductor.taskStatus(this.id, this.route);
    return this.known;
  }
}

/** The same env over another context (a transition's publishes see the rolling context). */
export function envWithContext(env: ExprEnv, ctx: PyDict): ExprEnv {
  return env instanceof ConductorEnv ? env.withContext(ctx) : { ...env, ctx };
}

/** envWithContext for a transition's publishes: the current task's result is a copy of its own. */
export function publishEnv(env: ExprEnv, ctx: PyDict): ExprEnv {
  return env instanceof ConductorEnv ? env.withContextAndOwnResult(ctx) : { ...env, ctx };
}
