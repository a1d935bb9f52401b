// The `wave` host: drives the conductor with the deterministic schedule of
// shared/golden/README.md (rounds of get-next-tasks sorted by task and route,
// then a wave completing every queued execution in order) and records the
// golden trace. Actions go through an ActionExecutor.

import { graphOf } from "../../compiler/ir/graph";
import type { WorkflowIR } from "../../compiler/ir/types";
import { pyStr } from "../stdlib/py/text";
import type { PyDict, PyValue } from "../stdlib/py/value";
import { type ErrorEntry, type Renderer, WorkflowConductor } from "./conductor";
import { deepCopy, isEmptyDict } from "./context";
import { actionEvent, itemEvent } from "./events";
import type { ActionExecutor } from "./executor";
import { COMPLETED, normalizeActionStatus, S } from "./statuses";
import { taskFunctionRecord } from "./task-function";
import type { RenderedTask } from "./task-render";
import type { ExecutionRecord, ItemRecord, TaskRecord, Trace } from "./trace";

export interface WaveOptions {
  /** Path shown as `trace.workflow`. */
  readonly workflowPath: string;
  /** The workflow input (after StackStorm's parameter rules). */
  readonly input: PyDict;
  /** `{st2, parent}` or `{}`. */
  readonly parentContext: PyDict;
  readonly executor: ActionExecutor;
  /** Inspection errors: when non-empty the run fails before any task. */
  readonly inspectionErrors?: ReadonlyArray<{ [key: string]: PyValue }>;
  readonly inspection?: PyValue;
  /** Workflow execution id used to build task execution ids. */
  readonly workflowExecutionId?: string;
  readonly datastore?: Readonly<Record<string, PyValue>>;
  /** Shared counter of action executions across parent and children. */
  readonly counter?: { value: number };
  readonly maxExecutions?: number;
  /** Renders workflow values (compiled bundles: their expression table); default: the evaluator. */
  readonly render?: Renderer;
}

interface OpenRecord {
  readonly record: TaskRecord;
  readonly itemResults: PyValue[];
  readonly itemStatuses: string[];
  retried: boolean;
  lastResult: PyValue;
  taskExecutionId: string;
}

interface Pending {
  readonly open: OpenRecord;
  readonly task: RenderedTask;
  readonly action: string;
  readonly input: PyValue;
  readonly itemId: number | null;
  /** Execution number across the run, children included, given at request time. */
  readonly index: number;
}

const FROZEN = "2000-01-01 00:00:00+00:00";

function emptyTrace(opts: WaveOptions): Trace {
  return {
    workflow: opts.workflowPath,
    input: deepCopy(opts.input),
    status: S.failed,
    output: null,
    errors: [],
    tasks: [],
    executions: [],
    sequence: [],
    routes: [],
    context: null,
  };
}

/** Run a workflow to the end under the wave schedule and return its trace. */
export function runWave(ir: WorkflowIR, opts: WaveOptions): Trace {
  const trace = emptyTrace(opts);
  if (opts.inspectionErrors && opts.inspectionErrors.length > 0) {
    trace.errors = opts.inspectionErrors.map((e) => ({ ...e }));
    if (opts.inspection !== undefined) trace.inspection = opts.inspection;
    return trace;
  }
  return new WaveInterpreter(ir, opts, trace).run();
}

export class WaveInterpreter {
  private readonly conductor: WorkflowConductor;
  private readonly records: OpenRecord[] = [];
  private readonly open = new Map<string, OpenRecord>();
  /** Task executions so far per task and route (the n of task execution ids). */
  private readonly runsPerTask = new Map<string, number>();
  private readonly wfExId: string;
  private readonly counter: { value: number };

  constructor(
    ir: WorkflowIR,
    private readonly opts: WaveOptions,
    private readonly trace: Trace = emptyTrace(opts),
  ) {
    this.wfExId = opts.workflowExecutionId ?? "ex0.wf";
    this.counter = opts.counter ?? { value: 0 };
    this.conductor = new WorkflowConductor(graphOf(ir), {
      inputs: opts.input,
      parentContext: opts.parentContext,
      hooks: { task: (c, name, route) => this.taskFunction(c, name, route), st2kv: (key) => this.st2kv(key) },
      ...(opts.render ? { render: opts.render } : {}),
    });
  }

  private queue: Pending[] = [];
  private started = false;

  /** Start the run: the workflow goes requested -> running (unless input/vars failed). */
  start(): void {
    if (this.started) return;
    this.started = true;
    const c = this.conductor;
    if (c.status !== S.failed) {
      c.requestWorkflowStatus(S.requested);
      c.requestWorkflowStatus(S.running);
    }
  }

  /** One round: dispatch every task the conductor hands out; returns the executions now queued. */
  round(): number {
    this.start();
    const c = this.conductor;
    let tasks = c.getNextTasks();
    while (tasks.length > 0) {
      this.queue.push(...this.dispatch(tasks));
      tasks = c.getNextTasks();
    }
    return this.queue.length;
  }

  /** One wave: complete every queued execution in order. */
  wave(): void {
    const wave = this.queue;
    this.queue = [];
    for (const p of wave) this.complete(p);
  }

  get status(): string {
    return this.conductor.status;
  }

  /** Pause, resume or cancel the running workflow; an error message when not allowed. */
  request(status: "paused" | "resuming" | "canceled"): string | null {
    this.start();
    return this.conductor.requestStatus(status);
  }

  /** Run rounds and waves until nothing is queued, then render the output and return the trace. */
  run(): Trace {
    const limit = this.opts.maxExecutions ?? 500;
    for (;;) {
      if (this.round() === 0 || this.counter.value >= limit) break;
      this.wave();
    }
    return this.finish();
  }

  private dispatch(tasks: RenderedTask[]): Pending[] {
    const c = this.conductor;
    const opened: Array<[RenderedTask, OpenRecord]> = [];
    for (const task of tasks) {
      const key = `${task.id}__r${task.route}`;
      const prior = this.open.get(key);
      const priorEntry = c.state.getTaskEntry(task.id, task.route);
      const continuing =
        prior !== undefined &&
        priorEntry !== undefined &&
        prior.record.seq === c.state.taskIndex(task.id, task.route) &&
        priorEntry.status === S.running &&
        !prior.retried;
      if (task.itemsCount !== undefined && task.actions.length > 0) {
        for (const a of task.actions)
          c.updateTaskState(task.id, task.route, itemEvent(a.itemId!, S.running, null, []));
      } else {
        c.updateTaskState(task.id, task.route, actionEvent(S.running));
      }
      opened.push([task, continuing ? prior! : this.openRecord(task)]);
    }
    const pending: Pending[] = [];
    for (const [task, open] of opened) {
      if (task.itemsCount === 0) {
        open.lastResult = [];
        c.updateTaskState(task.id, task.route, actionEvent(S.succeeded, []));
        continue;
      }
      if (task.itemsCount === undefined && isNoAction(task.actions[0]?.action ?? null)) {
        c.updateTaskState(task.id, task.route, actionEvent(S.succeeded, null));
        continue;
      }
      for (const a of task.actions) {
        const input = isEmptyDict(a.input) ? null : a.input;
        // A rendered ref that is not a string is named as Python's str() names it ("None", "5").
        const action = typeof a.action === "string" ? a.action : pyStr(a.action);
        if (a.itemId !== undefined && open.record.items) {
          open.record.items[a.itemId] = { item_id: a.itemId, action, input, status: S.running, result: null };
        }
        this.counter.value += 1;
        pending.push({ open, task, action, input, itemId: a.itemId ?? null, index: this.counter.value });
      }
    }
    return pending;
  }

  private openRecord(task: RenderedTask): OpenRecord {
    const c = this.conductor;
    const seq = c.state.taskIndex(task.id, task.route) ?? -1;
    const entry = c.state.sequence[seq];
    const countKey = `${task.id}__r${task.route}`;
    const n = (this.runsPerTask.get(countKey) ?? 0) + 1;
    this.runsPerTask.set(countKey, n);
    const first = task.actions[0];
    const isItems = task.itemsCount !== undefined;
    const record: TaskRecord = {
      id: task.id,
      route: task.route,
      seq,
      attempt: (entry?.retry?.tally ?? 0) + 1,
      status: S.running,
      action: first ? first.action : isItems ? this.specAction(task.id) : null,
      input: isItems || !first || isEmptyDict(first.input) ? null : first.input,
      result: null,
    };
    if (task.delay !== undefined) record.delay = task.delay;
    if (isItems) {
      record.items_count = task.itemsCount;
      record.concurrency = task.concurrency ?? null;
      record.items = Array.from({ length: task.itemsCount ?? 0 }, () => null);
    }
    const open: OpenRecord = {
      record,
      itemResults: Array.from({ length: task.itemsCount ?? 0 }, () => null),
      itemStatuses: Array.from({ length: task.itemsCount ?? 0 }, () => S.unset),
      retried: false,
      lastResult: null,
      taskExecutionId: `${this.wfExId}.${task.id}.${task.route}.${n}`,
    };
    this.records.push(open);
    this.open.set(`${task.id}__r${task.route}`, open);
    this.trace.tasks.push(record);
    return open;
  }

  private specAction(taskId: string): PyValue {
    return this.conductor.graph.specTask(taskId)?.action ?? null;
  }

  private complete(p: Pending): void {
    const c = this.conductor;
    const { open, task } = p;
    const index = p.index;
    const st2 = (this.opts.parentContext.st2 ?? {}) as PyDict;
    const outcome = this.opts.executor.execute({
      taskId: task.id,
      route: task.route,
      itemId: p.itemId,
      attempt: open.record.attempt,
      action: p.action,
      input: p.input,
      actionExecutionId: `${open.taskExecutionId}.a${p.itemId ?? 0}`,
      taskExecutionId: open.taskExecutionId,
      workflowExecutionId: this.wfExId,
      st2,
    });
    const status = normalizeActionStatus(outcome.status);
    const exec: ExecutionRecord = {
      index,
      task_id: task.id,
      route: task.route,
      item_id: p.itemId,
      attempt: open.record.attempt,
      action: p.action,
      input: p.input,
      status,
      result: outcome.result,
      scripted_by: outcome.scriptedBy ?? "default",
    };
    if (outcome.subworkflow) exec.subworkflow = outcome.subworkflow;
    this.trace.executions.push(exec);
    if (p.itemId !== null) {
      const item = open.record.items?.[p.itemId] as ItemRecord | null | undefined;
      if (item) {
        item.status = status;
        item.result = outcome.result;
      }
      open.itemStatuses[p.itemId] = status;
      if (status === S.running) return;
      open.itemResults[p.itemId] = outcome.result;
      open.lastResult = open.itemResults;
      c.updateTaskState(task.id, task.route, itemEvent(p.itemId, status, outcome.result, open.itemResults));
    } else {
      if (status === S.running) return;
      open.lastResult = outcome.result;
      c.updateTaskState(task.id, task.route, actionEvent(status, outcome.result));
    }
    const entry = c.state.getTaskEntry(task.id, task.route);
    if (entry?.status === S.retrying && entry === c.state.sequence[open.record.seq]) open.retried = true;
  }

  /** The trace so far (renders the output when the workflow is completed). */
  finish(): Trace {
    const c = this.conductor;
    c.renderOutput();
    const t = this.trace;
    for (const open of this.records) {
      const r = open.record;
      r.status = open.retried ? S.retrying : (c.state.sequence[r.seq]?.status ?? S.unset);
      r.result =
        r.items_count !== undefined ? (r.items_count === 0 ? [] : open.itemResults) : open.lastResult;
    }
    t.status = c.status;
    t.output = c.workflowOutput;
    t.errors = c.errors.map((e) => ({ ...e }));
    t.sequence = c.state.sequence.map((e) => ({
      id: e.id,
      route: e.route,
      status: e.status ?? S.unset,
      term: e.term === true,
    }));
    t.routes = c.state.routes.map((r) => [...r]);
    t.context = COMPLETED.has(c.status) ? c.terminalContext() : null;
    if (c.log.length > 0) t.log = c.log.map((e) => ({ ...e }) as PyDict);
    return t;
  }

  // ------------------------------------------------------------ StackStorm functions

  private taskFunction(c: WorkflowConductor, name: string, route: number): PyValue {
    return taskFunctionRecord(
      c,
      name,
      route,
      this.records,
      (o) => ({
        id: o.record.id,
        route: o.record.route,
        seq: o.record.seq,
        action: o.record.action,
        itemsCount: o.record.items_count,
        itemResults: o.itemResults,
        itemStatuses: o.itemStatuses,
        retried: o.retried,
        lastResult: o.lastResult,
        taskExecutionId: o.taskExecutionId,
      }),
      this.wfExId,
      (_o, done) => ({ start: FROZEN, end: done ? FROZEN : "None" }),
    );
  }

  private st2kv(key: string): PyValue | undefined {
    const store = this.opts.datastore ?? {};
    return Object.hasOwn(store, key) ? store[key] : undefined;
  }
}

function isNoAction(action: PyValue): boolean {
  return action === null || action === "";
}

export type { ErrorEntry };
