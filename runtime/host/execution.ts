// One run of an execution by a worker (one job taken from the queue): replay
// the journal, then go on live. Every action result goes through the journal
// before the conductor sees it; completions are applied in journal arrival
// order (replayed ones first, in recorded order), so joins merge contexts as
// in the first run. The run ends when the workflow completes, or yields its
// worker slot when it only waits (a long delay, a child execution, a pause).

import type {
  ExecutionRecord,
  JobOutcome,
  JournalSnapshot,
  JournalStore,
  JsonObject,
  JsonValue,
} from "../backend/types";
import type { St2kvReader } from "../datastore/datastore";
import { Region, type RegionHost, type RegionSpec, type TraceEvent, type Work } from "../engine/region";
import { userOf } from "../engine/st2-context";
import { COMPLETED, PAUSE, S } from "../engine/statuses";
import { pendingStepId } from "../inquiry/ids";
import { ExecutionJournal } from "../journal/journal";
import { checkedOutcome, maskSecretOutput } from "../output-schema/index";
import { isDict, type PyDict, type PyValue } from "../stdlib/py/value";
import { ChildCalls } from "./child-calls";
import {
  afterMark,
  type ControlMark,
  type ControlState,
  controlId,
  controlState,
  isControlId,
  markOf,
  markValue,
  pendingMark,
} from "./control-marks";
import { InquirySteps } from "./inquiry-steps";
import { fromJson, toJsonValue } from "./json";
import type { Lease } from "./lease";
import { LiveSteps } from "./live-steps";
import { packConfigOf } from "./pack-config";
import type { LoadedProgram } from "./programs";
import { type ExecutionContext, RESULT_ID } from "./record-context";
import type { HostServices } from "./services";
import { pyTimestamp, SyncValues } from "./sync-values";

const DONE: JobOutcome = { kind: "done" };
const MAX_TRACE = 5000;
/** How often a running execution reads its cancel/pause flags. */
const CONTROL_POLL_MS = 500;
const MAX_HOST_ERRORS = 10;

interface Completion {
  readonly work: Work;
  readonly status: string;
  readonly result: PyValue;
  readonly seq: number;
}

/** A journaled cancel/pause/resume, applied in arrival order with the completions. */
interface ControlArrival {
  readonly mark: ControlMark;
  readonly seq: number;
}

export class ExecutionRun implements RegionHost {
  journal!: ExecutionJournal;
  snapshot!: JournalSnapshot;
  values!: SyncValues;
  root!: Region;
  program!: LoadedProgram;
  readonly ready = new Map<string, Completion | ControlArrival>();
  private replayOrder: string[] = [];
  /** The control marks among replayOrder, by id. */
  private readonly replayMarks = new Map<string, ControlMark>();
  private replayPtr = 0;
  /** Record calls in flight: live completions wait for them, to keep arrival order. */
  recording = 0;
  closed = false;
  readonly events: TraceEvent[] = [];
  readonly steps: LiveSteps;
  readonly children: ChildCalls;
  readonly inquiries: InquirySteps;
  private wakeUp: (() => void) | undefined;
  kvReader: St2kvReader | undefined;
  private readonly kvCounts = new Map<string, number>();
  readonly configs = new Map<string, Promise<PyDict>>();
  preloaded = new Map<string, PyDict>();
  preloadedKv: Record<string, PyValue> = {};
  private cancelApplied = false;
  private pauseApplied = false;
  /** Where the journaled control marks (applied or still arriving) leave the execution. */
  private marked: ControlState = { marks: 0, paused: false, canceled: false };
  lost = false;
  /** A step broke in the host (e.g. the backend failed): the run stops and the job comes back later. */
  private failure: string | undefined;

  constructor(
    readonly services: HostServices,
    readonly record: ExecutionRecord,
    readonly context: ExecutionContext,
    private readonly signal?: AbortSignal,
    readonly lease?: Lease,
  ) {
    this.steps = new LiveSteps(this);
    this.children = new ChildCalls(this);
    this.inquiries = new InquirySteps(this);
    signal?.addEventListener(
      "abort",
      () => {
        this.close();
        this.wake();
      },
      { once: true },
    );
  }

  /** The worker died under this run: nothing more may be recorded. */
  get killed(): boolean {
    return this.signal?.aborted === true;
  }

  get execId(): string {
    return this.record.id;
  }

  get user(): string {
    return userOf(this.context.st2 as PyDict);
  }

  get replaying(): boolean {
    return this.replayPtr < this.replayOrder.length;
  }

  async run(): Promise<JobOutcome> {
    const { services, record } = this;
    const loaded = await services.programs.loadProgram(this.context.target, this.context.version);
    await this.openJournal();
    // A cancel, pause or resume asked while no run was going applies after what the journal holds.
    const mark = pendingMark(this.marked, record);
    if (mark) {
      const id = await this.journalMark(mark);
      this.replayOrder.push(id);
      this.replayMarks.set(id, mark);
    }
    const runs = (this.context.runs ?? 0) + 1;
    // A child execution is created without a version: it keeps the one its first run loads.
    const version = this.context.version ?? (loaded.ok ? loaded.value.version : undefined);
    const resumed = record.status === S.paused && !record.pauseRequested;
    await services.backend.executions.patch(this.execId, {
      ...(record.status === S.requested || resumed ? { status: S.running } : {}),
      ...(record.startedAt === undefined ? { startedAt: Date.now() } : {}),
      context: { ...(this.context as unknown as JsonObject), runs, ...(version ? { version } : {}) },
    });
    Object.assign(this.context as { runs?: number; version?: string }, {
      runs,
      ...(version ? { version } : {}),
    });
    if (!loaded.ok)
      return this.finishWith(S.failed, { errors: [{ type: "error", message: loaded.error }], output: null });
    this.program = loaded.value;
    // Secret inputs are masked in the record, logs and journal dumps (the journal keeps them for replay).
    if (this.program.parameters)
      services.secrets.addParameters(
        record.input,
        this.program.parameters as Record<string, { secret?: boolean }>,
      );
    try {
      await this.preload();
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      return this.finishWith(S.failed, { errors: [{ type: "error", message }], output: null });
    }
    this.root = new Region(
      {
        ir: this.program.ir,
        input: fromJson(record.input) as PyDict,
        parentContext: fromJson(this.context.st2) as PyDict,
        prefix: "",
        unit: this.program.unit,
        path: this.program.path,
        wfExId: `${this.execId}.wf`,
        ...(this.program.program ? rootUnitExtras(this.program) : {}),
        ...(this.program.render ? { render: this.program.render } : {}),
        ...(this.program.inspectionErrors ? { inspectionErrors: this.program.inspectionErrors } : {}),
      },
      this,
    );
    this.root.start();
    return this.loop();
  }

  private async openJournal(): Promise<void> {
    const store = this.services.backend.journal;
    let captured: JournalSnapshot | undefined;
    const capturing: JournalStore = {
      record: (e, s, x) => store.record(e, s, x),
      get: (e, s) => store.get(e, s),
      load: async (e) => (captured = await store.load(e)),
      markStarted: (e, s) => store.markStarted(e, s),
      clear: (e) => store.clear(e),
    };
    this.journal = await ExecutionJournal.open(capturing, this.execId);
    this.snapshot = captured!;
    this.values = new SyncValues(this.snapshot, this.journal);
    this.replayOrder = this.snapshot.order.filter((id) => !id.startsWith("~") || isControlId(id));
    for (const id of this.replayOrder) {
      const mark = isControlId(id) ? markOf(this.snapshot.entries.get(id)) : undefined;
      if (mark) this.replayMarks.set(id, mark);
    }
    this.marked = controlState(this.snapshot);
  }

  /** Pack configs and datastore values the synchronous parts (compiled sub-workflow input) need. */
  private async preload(): Promise<void> {
    const p = this.program;
    if (p.usesKv) this.kvReader = await this.services.datastore.snapshot(this.user);
    if (!p.program) return;
    const units = Object.values(p.program.units);
    for (const u of units)
      if (u.pack && !this.preloaded.has(u.pack)) this.preloaded.set(u.pack, await this.config(u.pack));
    const { kvValues } = await import("./params");
    this.preloadedKv = await kvValues(
      units.map((u) => u.parameters),
      { datastore: this.services.datastore, user: this.user },
    );
  }

  /** A pack's config (schema defaults + configs/<pack>.yaml), read once per run. */
  config(pack: string): Promise<PyDict> {
    let c = this.configs.get(pack);
    if (!c) {
      c = packConfigOf(this.services, pack, this.user);
      this.configs.set(pack, c);
    }
    return c;
  }

  // ------------------------------------------------------------ scheduling

  wake(): void {
    const w = this.wakeUp;
    this.wakeUp = undefined;
    w?.();
  }

  private waitEvent(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wakeUp = undefined;
        resolve();
      }, ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /** Journaled step (under `id`: the step id, or an inquiry's pending id): buffered until its turn in arrival order. */
  deliver(work: Work, status: string, result: PyValue, seq: number, id = work.stepId): void {
    this.ready.set(id, { work, status, result, seq });
    this.wake();
  }

  private drain(): void {
    for (;;) {
      if (this.replayPtr < this.replayOrder.length) {
        const id = this.replayOrder[this.replayPtr++]!;
        if (isControlId(id)) {
          const mark = this.replayMarks.get(id);
          if (mark) this.applyMark(mark);
          continue;
        }
        const c = this.ready.get(id);
        // A recorded step not dispatched by now never will be (it was abandoned by a cancel).
        if (c) this.apply(id, c);
        continue;
      }
      if (this.recording > 0 || this.ready.size === 0) return;
      let next: [string, Completion | ControlArrival] | undefined;
      for (const entry of this.ready) if (!next || entry[1].seq < next[1].seq) next = entry;
      this.apply(next![0], next![1]);
    }
  }

  private apply(id: string, c: Completion | ControlArrival): void {
    this.ready.delete(id);
    if ("mark" in c) {
      this.applyMark(c.mark);
      return;
    }
    // An answered inquiry resumes the workflow (region) it paused, as StackStorm resumes the root, unless a user paused it.
    const region = c.work.region;
    const answered = id === c.work.stepId && this.journal.has(pendingStepId(id));
    if (answered && !this.pauseApplied && PAUSE.has(region.status)) region.request(S.resuming);
    if (answered && !this.pauseApplied) region.resumeItem(c.work);
    try {
      c.work.region.complete(c.work, c.status, c.result);
    } catch (e) {
      c.work.region.conductor.logError(e, c.work.task, c.work.route);
      c.work.region.conductor.requestWorkflowStatus(S.failed);
    }
  }

  private async loop(): Promise<JobOutcome> {
    let lastControl = 0;
    let lastPersist = Date.now();
    for (;;) {
      if (this.killed) return DONE;
      if (this.failure) return this.afterHostError(this.failure);
      this.drain();
      if (this.root.done) return this.finish();
      const now = Date.now();
      if (!this.replaying && now - lastControl >= CONTROL_POLL_MS) {
        lastControl = now;
        const marked = await this.checkControl();
        if (this.lost) return this.abandon("its record is gone");
        this.drain();
        if (this.root.done) return this.finish();
        // The record shows pausing or canceling at once, not at the next periodic save.
        if (marked) lastPersist = 0;
      }
      if (now - lastPersist > 1000) {
        lastPersist = now;
        await this.persist({});
      }
      if (this.steps.active() === 0 && this.ready.size === 0 && this.recording === 0) {
        const waits = this.steps.waits();
        if (waits.every((w) => w.state === "inquiry")) {
          this.settleCompleted(this.root);
          if (this.root.done) return this.finish();
        }
        if (waits.length > 0) return this.yieldSlot();
        if (this.root.status === S.paused || this.root.status === S.pausing) return this.pause();
        this.root.conductor.logEntry("error", "The workflow stalled: no task is running or ready.");
        this.root.conductor.requestWorkflowStatus(S.failed);
        return this.finishWith(S.failed, toJsonValue(this.root.result()) as JsonObject);
      }
      await this.waitEvent(200);
    }
  }

  /**
   * Ends every completed region (deepest first) whose remaining actions are only
   * inquiries: nothing can come back that the workflow's result still waits for,
   * and finishing cancels the open inquiries.
   */
  private settleCompleted(region: Region): void {
    for (const child of region.children.values()) this.settleCompleted(child);
    if (region.completedWithOutstanding) region.finishNow();
  }

  /**
   * Read before an action's result is journaled: a cancel or pause accepted while the action ran is
   * journaled ahead of it, so the result never starts what the control forbids (the periodic check
   * alone left up to half a second in which it did).
   */
  async controlBeforeResult(): Promise<void> {
    if (!this.replaying && !this.closed) await this.checkControl();
  }

  /** Journals the cancel, pause or resume the record asks for, if any; true when it did. */
  private async checkControl(): Promise<boolean> {
    const rec = await this.services.backend.executions.state(this.execId);
    if (!rec) {
      this.lost = true;
      return false;
    }
    const mark = pendingMark(this.marked, rec);
    if (!mark) return false;
    const id = await this.journalMark(mark);
    this.ready.set(id, { mark, seq: this.journal.seqOf(id) });
    if (mark === "cancel") await this.children.cancelAll();
    else await this.children.flagAll("pause", mark === "pause");
    return true;
  }

  /** Journals `mark` as the next control mark; its id. */
  private async journalMark(mark: ControlMark): Promise<string> {
    const id = controlId(this.marked.marks);
    this.marked = afterMark(this.marked, mark);
    // Completions journaled meanwhile wait for it (drain), so that it is applied in arrival order.
    this.recording++;
    try {
      await this.journal.value(id, () => markValue(mark));
    } finally {
      this.recording--;
    }
    return id;
  }

  /** What a journaled control mark does to the workflow (child executions are told when it is recorded). */
  private applyMark(mark: ControlMark): void {
    if (mark === "cancel") {
      if (this.cancelApplied) return;
      this.cancelApplied = true;
      this.events.push(
        this.event({ ev: "workflow.cancel_requested", unit: this.program.unit, path: this.program.path }),
      );
      this.root.request(S.canceled);
      this.steps.cancelAll();
    } else {
      this.pauseApplied = mark === "pause";
      this.root.request(mark === "pause" ? S.paused : S.resuming);
    }
  }

  // ------------------------------------------------------------ endings

  private async yieldSlot(): Promise<JobOutcome> {
    const waits = this.steps.waits();
    this.close();
    await this.values.flush();
    // Paused below the root (a child execution, or a compiled sub-workflow region on an inquiry): the
    // execution shows paused too, as StackStorm shows the parent of a paused sub-workflow.
    const pausedBelow = waits.some(
      (w) =>
        (w.state === "child" && w.childPaused) ||
        (w.state === "inquiry" && w.work.region !== this.root && w.work.region.status === S.paused),
    );
    await this.persist(pausedBelow && !COMPLETED.has(this.root.status) ? { status: S.paused } : {});
    const onInquiry = this.root.status === S.paused && waits.some((w) => w.state === "inquiry");
    if (this.record.parentId && (onInquiry || pausedBelow))
      await this.children.pausedParent(this.record.parentId, this.execId);
    const parked = waits.some((w) => w.state === "parked");
    const due = waits
      .filter((w) => w.state === "timer" || (w.state === "inquiry" && w.dueAt !== undefined))
      .map((w) => w.dueAt ?? 0);
    if (parked) return { kind: "delay", ms: 0 };
    if (due.length > 0) return { kind: "delay", ms: Math.max(0, Math.min(...due) - Date.now()) };
    return DONE;
  }

  /** A step broke in the host: try again in a second, up to MAX_HOST_ERRORS times, then fail. */
  private async afterHostError(message: string): Promise<JobOutcome> {
    this.close();
    const count = (this.context.hostErrors ?? 0) + 1;
    (this.context as { hostErrors?: number }).hostErrors = count;
    if (count >= MAX_HOST_ERRORS) {
      const error = `the runtime failed ${count} times advancing this execution; last: ${message}`;
      return this.finishWith(S.failed, { errors: [{ type: "error", message: error }], output: null });
    }
    await this.persist({}).catch(() => {});
    return { kind: "delay", ms: 1000 };
  }

  private async pause(): Promise<JobOutcome> {
    this.close();
    await this.values.flush();
    await this.persist({ status: S.paused });
    // A parent waiting on this child shows paused too, as StackStorm pauses the task that called it.
    if (this.record.parentId) await this.children.pausedParent(this.record.parentId, this.execId);
    return DONE;
  }

  private async finish(): Promise<JobOutcome> {
    const { status, result } = checkedOutcome(
      this.services.validateOutputSchema,
      "orquesta",
      this.program.outputSchema,
      { status: this.root.status, result: toJsonValue(this.root.result()) as JsonObject },
    );
    return this.finishWith(status, result);
  }

  private async finishWith(status: string, result: JsonObject): Promise<JobOutcome> {
    this.close();
    if (this.killed) return DONE;
    const { backend, secrets, metrics, logger } = this.services;
    if (this.values) await this.values.flush();
    await this.inquiries.cancelOpen();
    if (this.journal) await this.journal.value(RESULT_ID, () => result);
    const outcome = await backend.executions.patch(
      this.execId,
      {
        status,
        result: secrets.maskValue(maskSecretOutput(result, "orquesta", this.program?.outputSchema)),
        finishedAt: Date.now(),
        context: this.contextJson(),
      },
      NOT_FINAL,
    );
    if (outcome === "missing") return this.abandon("its record is gone");
    metrics?.executions.inc({ status });
    logger.info({ execution: this.execId, ref: this.record.ref, status }, "execution finished");
    if (this.record.parentId) await this.children.wakeParent(this.record.parentId, this.execId);
    return DONE;
  }

  private abandon(why: string): JobOutcome {
    this.close();
    this.services.logger.error(
      { execution: this.execId, ref: this.record.ref },
      `execution lost: ${why} (was Redis restarted without persistence?); it cannot go on`,
    );
    return DONE;
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.steps.closeAll();
  }

  async persist(patch: { status?: string }): Promise<void> {
    if (this.killed) return;
    const status =
      patch.status ?? (this.root && !COMPLETED.has(this.root.status) ? this.root.status : undefined);
    const outcome = await this.services.backend.executions.patch(
      this.execId,
      { ...(status && status !== S.unset ? { status } : {}), context: this.contextJson() },
      NOT_FINAL,
    );
    if (outcome === "missing") this.lost = true;
  }

  private contextJson(): JsonObject {
    const trace = this.events.length > MAX_TRACE ? this.events.slice(-MAX_TRACE) : this.events;
    return { ...(this.context as unknown as JsonObject), trace: trace as unknown as JsonObject[] };
  }

  // ------------------------------------------------------------ RegionHost

  startAction(work: Work): void {
    if (this.inquiries.replay(work)) return;
    const known = this.snapshot.entries.get(work.stepId);
    if (known) {
      const seq = this.snapshot.order.indexOf(work.stepId);
      this.deliver(work, known.status ?? S.succeeded, fromJson(known.value), seq);
      return;
    }
    this.steps.start(work);
  }

  startSubworkflow(work: Work): { status: string; result: PyValue } | null {
    return this.children.startRegion(work);
  }

  timestamp(id: string, wallMs: number): string {
    return this.values.get(id, () => pyTimestamp(wallMs));
  }

  st2kv(key: string, decrypt: boolean): PyValue | undefined {
    const tag = `${key}\u0000${decrypt}`;
    const n = this.kvCounts.get(tag) ?? 0;
    this.kvCounts.set(tag, n + 1);
    const id = `~kv/${encodeURIComponent(key)}/${decrypt ? 1 : 0}/${n}`;
    const read = this.values.get<JsonValue>(id, () => {
      const v = this.kvReader?.(key, decrypt);
      const out: JsonObject = v === undefined ? { found: false } : { found: true, value: v };
      return out;
    });
    if (!isDict(read) || read.found !== true) return undefined;
    if (decrypt) this.services.secrets.add(read.value);
    return read.value as PyValue;
  }

  trace(e: Omit<TraceEvent, "at">): void {
    const event = this.event(e);
    this.events.push(event);
    if (!event.replayed) this.services.logger.info({ execution: this.execId, ...event }, e.ev);
  }

  private event(e: Omit<TraceEvent, "at">): TraceEvent {
    // An inquiry's pending outcome has its own journal entry.
    const entry =
      e.ev === "task.finished" && e.status === S.pending && e.step ? pendingStepId(e.step) : e.step;
    const replayed = entry !== undefined ? this.snapshot.entries.has(entry) : this.replaying;
    return { at: Date.now(), ...e, ...(replayed ? { replayed: true } : {}) };
  }

  hostError(message: string): void {
    this.failure ??= message;
    this.wake();
  }

  regionDone(region: Region): void {
    if (region === this.root) {
      this.wake();
      return;
    }
    this.children.regionDone(region);
  }

  /** Re-reads the datastore after a live action (it may have changed keys). */
  async refreshKv(): Promise<void> {
    if (this.kvReader) this.kvReader = await this.services.datastore.snapshot(this.user);
  }
}

const NOT_FINAL = [
  S.requested,
  S.scheduled,
  S.running,
  S.pausing,
  S.paused,
  S.resuming,
  S.canceling,
  "delayed",
];

function rootUnitExtras(p: LoadedProgram): Pick<RegionSpec, "modes" | "calls"> {
  const unit = p.program!.units[p.program!.root]!;
  return { modes: unit.modes, calls: unit.calls };
}
