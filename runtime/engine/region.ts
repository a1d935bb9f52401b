// One running workflow region: a WorkflowConductor and the bookkeeping of its
// task runs (what task() returns, retries, with-items continuation). Its host
// decides when actions run: the runtime's execution (runtime/host) dispatches a
// task the moment the conductor hands it out and applies completions in arrival
// order; the wave host (wave.ts, `orqc simulate`) completes them in the golden
// wave schedule. Both drive this one class, so the golden traces check the
// runtime's task handling too. Inline tasks complete at once; compiled
// sub-workflow calls run as child regions in the same process.

import { graphOf } from "../../compiler/ir/graph";
import type { WorkflowIR } from "../../compiler/ir/types";
import type { TaskMode } from "../../compiler/program/types";
import { stepId } from "../journal/step-id";
import { pyStr } from "../stdlib/py/text";
import type { PyDict, PyValue } from "../stdlib/py/value";
import { type Renderer, WorkflowConductor } from "./conductor";
import { isEmptyDict } from "./context";
import { actionEvent, itemEvent } from "./events";
import { subworkflowResult } from "./st2-context";
import { COMPLETED, normalizeActionStatus, PAUSE, S } from "./statuses";
import { taskFunctionRecord } from "./task-function";
import type { RenderedTask } from "./task-render";

export type { Renderer };

export interface RegionSpec {
  readonly ir: WorkflowIR;
  readonly input: PyDict;
  /** `{st2, parent}` of this workflow. */
  readonly parentContext: PyDict;
  /** Step-id prefix: "" for the root, `<caller>|` for a compiled sub-workflow region. */
  readonly prefix: string;
  /** Trace: the unit id (compiled) or workflow ref. */
  readonly unit: string;
  /** Trace: the workflow file. */
  readonly path: string;
  readonly wfExId: string;
  readonly modes?: Readonly<Record<string, TaskMode>>;
  readonly calls?: Readonly<Record<string, string>>;
  /** Compiled expression table renderer; the evaluator otherwise. */
  readonly render?: Renderer;
  /** Inspection errors: the workflow fails before any task. */
  readonly inspectionErrors?: ReadonlyArray<{ [key: string]: PyValue }>;
}

export interface OpenRecord {
  readonly id: string;
  readonly route: number;
  readonly seq: number;
  readonly run: number;
  readonly action: PyValue;
  readonly itemsCount?: number;
  readonly itemResults: PyValue[];
  readonly itemStatuses: string[];
  retried: boolean;
  lastResult: PyValue;
  readonly taskExecutionId: string;
  readonly startedAt: number;
  finishedAt?: number;
}

/** One action execution of a task (or one item of a with-items task). */
export interface Work {
  readonly region: Region;
  readonly task: string;
  readonly route: number;
  readonly itemId: number | null;
  /** 0 for the first run of the task on this route; retries and loops count up. */
  readonly attempt: number;
  readonly action: string;
  readonly input: PyValue;
  /** Task delay (or retry delay) in seconds, before the action runs. */
  readonly delay: number;
  readonly stepId: string;
  readonly timerId: string;
  readonly actionExecutionId: string;
  readonly taskExecutionId: string;
  readonly open: OpenRecord;
  readonly mode: TaskMode;
}

export interface TraceEvent {
  readonly at: number;
  readonly ev: string;
  readonly unit: string;
  readonly path: string;
  readonly task?: string;
  readonly route?: number;
  readonly item?: number;
  readonly attempt?: number;
  readonly action?: string;
  readonly status?: string;
  /** Journal step id of the action (absent for inline tasks). */
  readonly step?: string;
  /** Came from the journal in this run (the action did not run again). */
  readonly replayed?: boolean;
}

/** What a region needs from the execution that runs it. */
export interface RegionHost {
  /** Runs (or replays) an action; the execution later calls region.complete(work, ...). */
  startAction(work: Work): void;
  /** Starts a compiled sub-workflow call; returns an immediate outcome when it cannot start. */
  startSubworkflow(work: Work): { status: string; result: PyValue } | null;
  /** A journaled timestamp (sync; written before the next action starts). */
  timestamp(id: string, wallMs: number): string;
  st2kv(key: string, decrypt: boolean): PyValue | undefined;
  trace(event: Omit<TraceEvent, "at">): void;
  /** The region ended: its workflow completed and every action it started is back. */
  regionDone(region: Region): void;
  /** A task run was opened (each retry attempt and each pass of a cycle is a new one). */
  runOpened?(open: OpenRecord, task: RenderedTask): void;
}

export class Region {
  readonly conductor: WorkflowConductor;
  private readonly records: OpenRecord[] = [];
  private readonly open = new Map<string, OpenRecord>();
  private readonly runsPerTask = new Map<string, number>();
  /** Compiled child regions by the work that started them. */
  readonly children = new Map<Work, Region>();
  private started = false;
  /**
   * Actions handed to the host and not completed yet. A workflow can reach a
   * completed status while some are still running (a `fail` command next to
   * another task, a branch failing beside a running one); Orquesta still
   * applies their completions (task records, errors, the terminal context),
   * so the region ends only when they are back.
   */
  private outstanding = 0;
  done = false;
  failedEarly: ReadonlyArray<{ [key: string]: PyValue }> | null = null;

  constructor(
    readonly spec: RegionSpec,
    private readonly host: RegionHost,
  ) {
    this.conductor = new WorkflowConductor(graphOf(spec.ir), {
      inputs: spec.input,
      parentContext: spec.parentContext,
      ...(spec.render ? { render: spec.render } : {}),
      hooks: {
        task: (c, name, route) => this.taskFunction(c, name, route),
        st2kv: (key, decrypt) => host.st2kv(key, decrypt),
      },
    });
  }

  get status(): string {
    return this.failedEarly ? S.failed : this.conductor.status;
  }

  /** Every task run so far, in request order. */
  get runs(): readonly OpenRecord[] {
    return this.records;
  }

  /** Requests running and dispatches the first tasks. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.host.trace({ ev: "workflow.started", unit: this.spec.unit, path: this.spec.path });
    if (this.spec.inspectionErrors && this.spec.inspectionErrors.length > 0) {
      this.failedEarly = this.spec.inspectionErrors;
      this.finish();
      return;
    }
    const c = this.conductor;
    if (c.status !== S.failed) {
      c.requestWorkflowStatus(S.requested);
      c.requestWorkflowStatus(S.running);
    }
    this.pump();
  }

  /** Hands out every ready task, then checks for completion. */
  pump(): void {
    if (this.done) return;
    const c = this.conductor;
    for (let guard = 0; guard < 100_000; guard++) {
      const tasks = c.getNextTasks();
      if (tasks.length === 0) break;
      this.dispatch(tasks);
    }
    if (COMPLETED.has(c.status) && this.outstanding === 0) this.finish();
  }

  /** The workflow reached a completed status but actions it started have not come back yet. */
  get completedWithOutstanding(): boolean {
    return !this.done && this.outstanding > 0 && COMPLETED.has(this.status);
  }

  /** Ends a completed region without waiting for its outstanding actions (they can no longer complete). */
  finishNow(): void {
    if (COMPLETED.has(this.status)) this.finish();
  }

  /** Pause, resume or cancel this region (and its compiled children). */
  request(status: "paused" | "resuming" | "canceled"): string | null {
    for (const child of this.children.values()) if (!child.done) child.request(status);
    const error = this.conductor.requestStatus(status);
    if (!error && status === S.resuming) this.pump();
    else if (COMPLETED.has(this.conductor.status) && this.outstanding === 0) this.finish();
    return error;
  }

  private dispatch(tasks: RenderedTask[]): void {
    const c = this.conductor;
    const opened: Array<[RenderedTask, OpenRecord]> = [];
    for (const task of tasks) {
      const key = `${task.id}__r${task.route}`;
      const prior = this.open.get(key);
      const priorEntry = c.state.getTaskEntry(task.id, task.route);
      const continuing =
        prior !== undefined &&
        priorEntry !== undefined &&
        prior.seq === c.state.taskIndex(task.id, task.route) &&
        // the same task entry going on: more items, or the items left when a paused task resumes
        // (not an entry that a retry, or a retry command, sends round again)
        (priorEntry.status === S.running ||
          priorEntry.status === S.resuming ||
          PAUSE.has(priorEntry.status ?? S.unset)) &&
        !prior.retried;
      if (task.itemsCount !== undefined && task.actions.length > 0) {
        for (const a of task.actions)
          c.updateTaskState(task.id, task.route, itemEvent(a.itemId!, S.running, null, []));
      } else {
        c.updateTaskState(task.id, task.route, actionEvent(S.running));
      }
      opened.push([task, continuing ? prior! : this.openRecord(task)]);
    }
    for (const [task, open] of opened) {
      const mode = this.spec.modes?.[task.id] ?? "dispatch";
      if (task.itemsCount === 0) {
        open.lastResult = [];
        this.immediate(task.id, task.route, S.succeeded, [], open);
        continue;
      }
      const first = task.actions[0]?.action ?? null;
      if (task.itemsCount === undefined && (first === null || first === "")) {
        this.immediate(task.id, task.route, S.succeeded, null, open);
        continue;
      }
      for (const a of task.actions) {
        const input = isEmptyDict(a.input) ? null : a.input;
        // A rendered ref that is not a string is named as Python's str() names it ("None", "5").
        const action = typeof a.action === "string" ? a.action : pyStr(a.action);
        const work = this.makeWork(task, open, action, input, a.itemId ?? null, mode);
        this.host.trace({
          ev: "task.started",
          unit: this.spec.unit,
          path: this.spec.path,
          task: task.id,
          route: task.route,
          ...(work.itemId !== null ? { item: work.itemId } : {}),
          attempt: work.attempt,
          action,
          ...(mode === "dispatch" ? { step: work.stepId } : {}),
        });
        this.outstanding += 1;
        if (mode === "inline" && task.itemsCount === undefined) {
          this.complete(work, S.succeeded, action === "core.noop" ? NOOP_RESULT() : null, false);
          continue;
        }
        if (mode === "subworkflow") {
          const now = this.host.startSubworkflow(work);
          if (now) this.complete(work, now.status, now.result, false);
          continue;
        }
        this.host.startAction(work);
      }
    }
  }

  private makeWork(
    task: RenderedTask,
    open: OpenRecord,
    action: string,
    input: PyValue,
    itemId: number | null,
    mode: TaskMode,
  ): Work {
    const attempt = open.run - 1;
    const name = `${this.spec.prefix}${task.id}`;
    return {
      region: this,
      task: task.id,
      route: task.route,
      itemId,
      attempt,
      action,
      input,
      delay: task.delay ?? 0,
      stepId: stepId({
        task: name,
        route: task.route,
        ...(itemId !== null ? { item: itemId } : {}),
        attempt,
      }),
      timerId: `~timer/${stepId({ task: name, route: task.route, attempt })}`,
      actionExecutionId: `${open.taskExecutionId}.a${itemId ?? 0}`,
      taskExecutionId: open.taskExecutionId,
      open,
      mode,
    };
  }

  private immediate(task: string, route: number, status: string, result: PyValue, open: OpenRecord): void {
    open.lastResult = result;
    this.safeUpdate(task, route, () => actionEvent(status, result));
  }

  private openRecord(task: RenderedTask): OpenRecord {
    const c = this.conductor;
    const seq = c.state.taskIndex(task.id, task.route) ?? -1;
    const key = `${task.id}__r${task.route}`;
    const n = (this.runsPerTask.get(key) ?? 0) + 1;
    this.runsPerTask.set(key, n);
    const isItems = task.itemsCount !== undefined;
    const first = task.actions[0];
    const open: OpenRecord = {
      id: task.id,
      route: task.route,
      seq,
      run: n,
      action: first ? first.action : isItems ? (c.graph.specTask(task.id)?.action ?? null) : null,
      // Always present (undefined without items): a conditional spread costs more than the rest of the record.
      itemsCount: task.itemsCount,
      itemResults: new Array<PyValue>(task.itemsCount ?? 0).fill(null),
      itemStatuses: new Array<string>(task.itemsCount ?? 0).fill(S.unset),
      retried: false,
      lastResult: null,
      taskExecutionId: `${this.spec.wfExId}.${task.id}.${task.route}.${n}`,
      startedAt: Date.now(),
    };
    this.records.push(open);
    this.open.set(key, open);
    this.host.runOpened?.(open, task);
    return open;
  }

  /** An action of `work` finished (applied by the execution in arrival order). */
  complete(work: Work, rawStatus: string, result: PyValue, pump = true): void {
    if (this.done) return;
    const status = normalizeActionStatus(rawStatus);
    // A pending (inquiry) or still-running report is not the action's end.
    if (COMPLETED.has(status)) this.outstanding -= 1;
    const { open } = work;
    this.host.trace({
      ev: "task.finished",
      unit: this.spec.unit,
      path: this.spec.path,
      task: work.task,
      route: work.route,
      ...(work.itemId !== null ? { item: work.itemId } : {}),
      attempt: work.attempt,
      status,
      ...(work.mode === "dispatch" ? { step: work.stepId } : {}),
    });
    open.finishedAt = Date.now();
    if (work.itemId !== null) {
      open.itemStatuses[work.itemId] = status;
      if (status === S.running) return;
      open.itemResults[work.itemId] = result;
      open.lastResult = open.itemResults;
      const itemId = work.itemId;
      this.safeUpdate(work.task, work.route, () => itemEvent(itemId, status, result, open.itemResults));
    } else {
      if (status === S.running) return;
      open.lastResult = result;
      this.safeUpdate(work.task, work.route, () => actionEvent(status, result));
    }
    const entry = this.conductor.state.getTaskEntry(work.task, work.route);
    if (entry?.status === S.retrying && entry === this.conductor.state.sequence[open.seq])
      open.retried = true;
    if (pump) this.pump();
  }

  /**
   * An answered inquiry of a with-items item whose task paused (every item
   * dormant): the item runs again before its outcome, as a resumed item
   * does, since a paused task takes no completion.
   */
  resumeItem(work: Work): void {
    if (work.itemId === null) return;
    const entry = this.conductor.state.getTaskEntry(work.task, work.route);
    if (entry?.status !== S.paused && entry?.status !== S.pausing) return;
    const itemId = work.itemId;
    this.safeUpdate(work.task, work.route, () => itemEvent(itemId, S.running, null, work.open.itemResults));
  }

  private safeUpdate(task: string, route: number, event: () => ReturnType<typeof actionEvent>): void {
    try {
      this.conductor.updateTaskState(task, route, event());
    } catch (e) {
      this.conductor.logError(e, task, route);
      this.conductor.requestWorkflowStatus(S.failed);
    }
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    if (!this.failedEarly) this.conductor.renderOutput();
    this.host.trace({
      ev: "workflow.finished",
      unit: this.spec.unit,
      path: this.spec.path,
      status: this.status,
    });
    this.host.regionDone(this);
  }

  /** StackStorm's orquesta runner result: `{output}` plus `errors` unless it succeeded. */
  result(): PyDict {
    if (this.failedEarly) return subworkflowResult(S.failed, this.failedEarly, null);
    const c = this.conductor;
    return subworkflowResult(c.status, c.errors, c.workflowOutput);
  }

  // ------------------------------------------------------------ StackStorm task()

  private taskFunction(c: WorkflowConductor, name: string, route: number): PyValue {
    return taskFunctionRecord(
      c,
      name,
      route,
      this.records,
      (r) => r,
      this.spec.wfExId,
      (r, done) => {
        const idBase = `${this.spec.prefix}${r.taskExecutionId}`;
        return {
          start: this.host.timestamp(`~ts/${idBase}/start`, r.startedAt),
          end: done ? this.host.timestamp(`~ts/${idBase}/end`, r.finishedAt ?? Date.now()) : "None",
        };
      },
    );
  }
}

/** What core.noop returns (the noop runner's result). */
export const NOOP_RESULT = (): PyDict => ({ failed: false, succeeded: true, return_code: 0 });
