// The `wave` host: drives a workflow region (region.ts, the same task handling
// the runtime uses) with the deterministic schedule of shared/golden/README.md
// (rounds of get-next-tasks sorted by task and route, then a wave completing
// every queued execution in order) and records the golden trace. Actions go
// through an ActionExecutor.

import type { WorkflowIR } from "../../compiler/ir/types";
import type { PyDict, PyValue } from "../stdlib/py/value";
import type { Renderer } from "./conductor";
import { deepCopy, isEmptyDict } from "./context";
import type { ActionExecutor } from "./executor";
import { type OpenRecord, Region, type RegionHost, type Work } from "./region";
import { COMPLETED, normalizeActionStatus, S } from "./statuses";
import type { RenderedTask } from "./task-render";
import type { ExecutionRecord, TaskRecord, Trace } from "./trace";

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

/** One queued action execution: the region's work and its number across the run. */
interface Pending {
  readonly work: Work;
  readonly index: number;
}

export class WaveInterpreter implements RegionHost {
  private readonly region: Region;
  /** The trace record of each task run of the region. */
  private readonly records = new Map<OpenRecord, TaskRecord>();
  private readonly counter: { value: number };
  private queue: Pending[] = [];

  constructor(
    ir: WorkflowIR,
    private readonly opts: WaveOptions,
    private readonly recorded: Trace = emptyTrace(opts),
  ) {
    this.counter = opts.counter ?? { value: 0 };
    this.region = new Region(
      {
        ir,
        input: opts.input,
        parentContext: opts.parentContext,
        prefix: "",
        unit: opts.workflowPath,
        path: opts.workflowPath,
        wfExId: opts.workflowExecutionId ?? "ex0.wf",
        ...(opts.render ? { render: opts.render } : {}),
      },
      this,
    );
  }

  /** Start the run: the workflow goes requested -> running (unless input/vars failed). */
  start(): void {
    this.region.start();
  }

  /** One round: dispatch every task the conductor hands out; returns the executions now queued. */
  round(): number {
    this.region.start();
    this.region.pump();
    return this.queue.length;
  }

  /** One wave: complete every queued execution in order. */
  wave(): void {
    const wave = this.queue;
    this.queue = [];
    for (const p of wave) this.complete(p);
  }

  get status(): string {
    return this.region.status;
  }

  /** Pause, resume or cancel the running workflow; an error message when not allowed. */
  request(status: "paused" | "resuming" | "canceled"): string | null {
    this.region.start();
    return this.region.request(status);
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

  // ------------------------------------------------------------ RegionHost

  runOpened(open: OpenRecord, task: RenderedTask): void {
    const c = this.region.conductor;
    const first = task.actions[0];
    const isItems = task.itemsCount !== undefined;
    const record: TaskRecord = {
      id: task.id,
      route: task.route,
      seq: open.seq,
      attempt: (c.state.sequence[open.seq]?.retry?.tally ?? 0) + 1,
      status: S.running,
      action: open.action,
      input: isItems || !first || isEmptyDict(first.input) ? null : first.input,
      result: null,
    };
    if (task.delay !== undefined) record.delay = task.delay;
    if (isItems) {
      record.items_count = task.itemsCount;
      record.concurrency = task.concurrency ?? null;
      record.items = new Array(task.itemsCount ?? 0).fill(null);
    }
    this.records.set(open, record);
    this.recorded.tasks.push(record);
  }

  startAction(work: Work): void {
    const record = this.records.get(work.open)!;
    if (work.itemId !== null && record.items) {
      record.items[work.itemId] = {
        item_id: work.itemId,
        action: work.action,
        input: work.input,
        status: S.running,
        result: null,
      };
    }
    this.counter.value += 1;
    this.queue.push({ work, index: this.counter.value });
  }

  startSubworkflow(): null {
    // Only compiled programs mark sub-workflow calls; the wave host runs them through its executor.
    return null;
  }

  timestamp(): string {
    return FROZEN;
  }

  st2kv(key: string): PyValue | undefined {
    const store = this.opts.datastore ?? {};
    return Object.hasOwn(store, key) ? store[key] : undefined;
  }

  /** Runtime trace events are not part of the golden trace. */
  trace(): void {}

  regionDone(): void {}

  // ------------------------------------------------------------ the wave

  private complete(p: Pending): void {
    const { work, index } = p;
    const record = this.records.get(work.open)!;
    const st2 = (this.opts.parentContext.st2 ?? {}) as PyDict;
    const outcome = this.opts.executor.execute({
      taskId: work.task,
      route: work.route,
      itemId: work.itemId,
      attempt: record.attempt,
      action: work.action,
      input: work.input,
      actionExecutionId: work.actionExecutionId,
      taskExecutionId: work.taskExecutionId,
      workflowExecutionId: this.region.spec.wfExId,
      st2,
    });
    const status = normalizeActionStatus(outcome.status);
    const exec: ExecutionRecord = {
      index,
      task_id: work.task,
      route: work.route,
      item_id: work.itemId,
      attempt: record.attempt,
      action: work.action,
      input: work.input,
      status,
      result: outcome.result,
      scripted_by: outcome.scriptedBy ?? "default",
    };
    if (outcome.subworkflow) exec.subworkflow = outcome.subworkflow;
    this.recorded.executions.push(exec);
    if (work.itemId !== null) {
      const item = record.items?.[work.itemId];
      if (item) {
        item.status = status;
        item.result = outcome.result;
      }
    }
    this.region.complete(work, status, outcome.result, false);
  }

  /** The trace so far (renders the output when the workflow is completed). */
  finish(): Trace {
    const c = this.region.conductor;
    c.renderOutput();
    const t = this.recorded;
    for (const open of this.region.runs) {
      const r = this.records.get(open)!;
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
}
