// The coordination backend: the high-level operations the engine and the
// workers need, with no storage detail showing. Two implementations live in
// memory/ (one process, nothing to set up) and redis/ (many processes). Both
// keep values as JSON so that the same code behaves the same on either one;
// test/unit/backend/conformance.ts is the contract.

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

// ---------------------------------------------------------------- executions

export interface ExecutionRecord {
  readonly id: string;
  /** Action ref ("pack.name") or workflow file the execution runs. */
  readonly ref: string;
  /** Orquesta/StackStorm status: requested, running, paused, succeeded, ... */
  readonly status: string;
  readonly input: JsonObject;
  /** The action result once completed (`{output, errors?}` for workflows). */
  readonly result?: JsonValue;
  readonly parentId?: string;
  readonly rootId?: string;
  readonly user?: string;
  /** Free-form engine data (st2 context, pack, ...). */
  readonly context?: JsonValue;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly startedAt?: number;
  readonly finishedAt?: number;
  /** Set by `orqc cancel`/`pause`; the engine reads them between steps. */
  readonly cancelRequested: boolean;
  readonly pauseRequested: boolean;
}

export interface NewExecution {
  /** Generated (time-ordered) when absent. */
  readonly id?: string;
  readonly ref: string;
  readonly input?: JsonObject;
  readonly status?: string;
  readonly parentId?: string;
  readonly rootId?: string;
  readonly user?: string;
  readonly context?: JsonValue;
}

export interface ExecutionPatch {
  readonly status?: string;
  readonly result?: JsonValue;
  readonly context?: JsonValue;
  readonly startedAt?: number;
  readonly finishedAt?: number;
}

export interface ExecutionFilter {
  readonly status?: string;
  readonly ref?: string;
  readonly parentId?: string;
  /** Every execution under a root (sub-workflows of sub-workflows too). */
  readonly rootId?: string;
  /**
   * Only executions created at or after this time (epoch ms): bounds the scan
   * of the creation index (children are created after their parent).
   */
  readonly since?: number;
  /** Newest first; default 100. */
  readonly limit?: number;
}

export type UpdateResult =
  | { readonly ok: true; readonly record: ExecutionRecord }
  /** `record` is the current state (absent when the execution does not exist). */
  | { readonly ok: false; readonly record?: ExecutionRecord };

/** applied; refused (the status was not one of `ifStatus`); missing (no such execution). */
export type PatchOutcome = "applied" | "refused" | "missing";

export type ExecutionFlag = "cancel" | "pause";

/** What pollers need of a record: its status, last update and control flags (no result, no trace). */
export type ExecutionState = Pick<
  ExecutionRecord,
  "status" | "updatedAt" | "cancelRequested" | "pauseRequested"
>;

/** What retention needs of a record (see runtime/retention): no input, result or context. */
export type ExecutionBrief = Pick<
  ExecutionRecord,
  "id" | "ref" | "status" | "parentId" | "rootId" | "createdAt" | "updatedAt" | "finishedAt"
>;

export interface ExecutionStore {
  /** Creates the record; when the id already exists, returns the stored one with created=false. */
  create(execution: NewExecution): Promise<{ created: boolean; record: ExecutionRecord }>;
  get(id: string): Promise<ExecutionRecord | undefined>;
  /** The record's status and flags without reading the rest (for polling). */
  state(id: string): Promise<ExecutionState | undefined>;
  list(filter?: ExecutionFilter): Promise<ExecutionRecord[]>;
  /** Applies the patch atomically; with `ifStatus`, only when the current status is one of them. */
  update(id: string, patch: ExecutionPatch, ifStatus?: readonly string[]): Promise<UpdateResult>;
  /**
   * `update` for callers that do not need the record back: only the outcome.
   * Spares reading (on Redis, sending) the whole record, trace included.
   */
  patch(id: string, patch: ExecutionPatch, ifStatus?: readonly string[]): Promise<PatchOutcome>;
  setFlag(id: string, flag: ExecutionFlag, on: boolean): Promise<ExecutionRecord | undefined>;
  /**
   * An exclusive lease so that only one worker advances an execution at a
   * time (wake-ups can arrive while it runs). Re-acquiring with the same owner
   * extends it. Returns false when another owner holds an unexpired lease.
   */
  acquireLease(id: string, owner: string, ttlMs: number): Promise<boolean>;
  releaseLease(id: string, owner: string): Promise<void>;
  /** Removes the record, its journal and its lease. */
  delete(id: string): Promise<void>;
  /** Ids of executions created before `before` (epoch ms), oldest first: `limit` of them from `offset`. */
  idsCreatedBefore(before: number, offset: number, limit: number): Promise<string[]>;
  /** The briefs of these executions, in the same order (undefined for one that does not exist). */
  briefs(ids: readonly string[]): Promise<(ExecutionBrief | undefined)[]>;
}

// ---------------------------------------------------------------- journal

export interface JournalEntry {
  /** "action" result, "timer" fired, "value" (now(), random ...), or engine-defined. */
  readonly kind: string;
  readonly value: JsonValue;
  /** The action status for kind "action". */
  readonly status?: string;
  readonly at: number;
}

export interface RecordOutcome {
  /** True when this call wrote the entry; false when one was already there. */
  readonly recorded: boolean;
  /** The entry now stored: the caller's, or the one recorded first. */
  readonly entry: JournalEntry;
  /** Arrival index of the entry in the execution's journal (0-based). */
  readonly seq: number;
}

export interface JournalSnapshot {
  readonly entries: ReadonlyMap<string, JournalEntry>;
  /** Step ids in the order they were recorded (arrival order of parallel completions). */
  readonly order: readonly string[];
  /** How many times each step was started (see markStarted). */
  readonly starts: ReadonlyMap<string, number>;
}

export interface JournalStore {
  /** Set-if-absent, atomic with the arrival-order append: exactly one writer wins per step id. */
  record(execId: string, stepId: string, entry: JournalEntry): Promise<RecordOutcome>;
  get(execId: string, stepId: string): Promise<JournalEntry | undefined>;
  load(execId: string): Promise<JournalSnapshot>;
  /** Counts a start of a step (before running its action); returns the count including this one. */
  markStarted(execId: string, stepId: string): Promise<number>;
  clear(execId: string): Promise<void>;
}

// ---------------------------------------------------------------- timers

export interface DueTimer {
  readonly execId: string;
  readonly timerId: string;
  readonly dueAt: number;
}

export interface TimerStore {
  /** Schedules (or moves) a timer; ids are unique per execution. */
  schedule(execId: string, timerId: string, dueAt: number): Promise<void>;
  cancel(execId: string, timerId: string): Promise<void>;
  /** Atomically removes and returns up to `limit` timers due at `now`, earliest first. */
  takeDue(now: number, limit?: number): Promise<DueTimer[]>;
  /** Due time of the earliest pending timer. */
  nextDue(): Promise<number | undefined>;
}

// ---------------------------------------------------------------- inquiries

/** pending until answered; then the status of the core.ask action. */
export type InquiryStatus = "pending" | "succeeded" | "timeout" | "canceled";

/** A core.ask waiting for (or having had) a response. */
export interface InquiryRecord {
  /** Derived from the execution id and the step id (see runtime/host/inquiry-id.ts). */
  readonly id: string;
  readonly execId: string;
  readonly rootId: string;
  /** Journal step id of the core.ask action. */
  readonly stepId: string;
  readonly task: string;
  readonly status: InquiryStatus;
  /** The action's pending result: {schema, roles, users, route, ttl}. */
  readonly parameters: JsonObject;
  readonly createdAt: number;
  /** When the TTL runs out (time scale applied). */
  readonly expiresAt?: number;
  readonly response?: JsonObject;
  readonly respondedAt?: number;
}

export interface InquiryStore {
  /** Writes the record (creates or replaces). */
  put(inquiry: InquiryRecord): Promise<void>;
  get(id: string): Promise<InquiryRecord | undefined>;
  /** Every inquiry, oldest first; with a status, only those. */
  list(status?: InquiryStatus): Promise<InquiryRecord[]>;
  /** Removes these inquiries (unknown ids are ignored). */
  delete(ids: readonly string[]): Promise<void>;
}

// ---------------------------------------------------------------- datastore

export type KvScope = "system" | "user";

export interface KvKey {
  readonly scope: KvScope;
  readonly name: string;
  /** Required for the user scope. */
  readonly user?: string;
}

export interface KvItem extends KvKey {
  /** Stored text (for secrets: the ciphertext; see runtime/datastore). */
  readonly value: string;
  readonly secret: boolean;
  readonly expiresAt?: number;
}

export interface KvWrite extends KvKey {
  readonly value: string;
  readonly secret?: boolean;
  /** Seconds; absent or 0 = never expires. */
  readonly ttl?: number;
}

export interface KvQuery {
  readonly scope: KvScope;
  readonly user?: string;
  readonly prefix?: string;
}

export interface KvStore {
  get(key: KvKey): Promise<KvItem | undefined>;
  set(item: KvWrite): Promise<KvItem>;
  /** True when the key existed. */
  delete(key: KvKey): Promise<boolean>;
  /** Sorted by name; expired items never appear. */
  list(query: KvQuery): Promise<KvItem[]>;
}

// ---------------------------------------------------------------- queue

export interface QueueJob {
  readonly id: string;
  readonly execId: string;
  readonly data: JsonValue;
  /** 1 on first delivery; more after a stalled-job recovery or a delay. */
  readonly deliveries: number;
}

/**
 * What a handler tells the queue. "delay" gives the slot back while the
 * execution only waits (timer, retry delay): the job returns after `ms`.
 */
export type JobOutcome = { readonly kind: "done" } | { readonly kind: "delay"; readonly ms: number };

export type JobHandler = (job: QueueJob, signal: AbortSignal) => Promise<JobOutcome>;

export interface ConsumeOptions {
  readonly concurrency: number;
  /** Called when a handler throws (the job is then dropped as failed). */
  readonly onError?: (job: QueueJob, error: unknown) => void;
}

export interface Consumer {
  activeCount(): number;
  /** Graceful: stop taking jobs, wait for the active ones. */
  close(): Promise<void>;
  /**
   * Dies like a killed worker: stops at once without finishing its jobs, whose
   * results are then ignored; another consumer receives them again.
   */
  crash(): Promise<void>;
}

export interface QueueCounts {
  readonly waiting: number;
  readonly active: number;
  readonly delayed: number;
}

export interface EnqueueOptions {
  readonly delayMs?: number;
  /** Idempotent submit: a second enqueue with a live job of the same id is ignored. */
  readonly jobId?: string;
}

export interface JobQueue {
  enqueue(execId: string, data?: JsonValue, options?: EnqueueOptions): Promise<string>;
  consume(handler: JobHandler, options: ConsumeOptions): Consumer;
  counts(): Promise<QueueCounts>;
}

// ---------------------------------------------------------------- backend

export interface Backend {
  readonly kind: "memory" | "redis";
  readonly executions: ExecutionStore;
  readonly journal: JournalStore;
  readonly timers: TimerStore;
  readonly kv: KvStore;
  readonly queue: JobQueue;
  readonly inquiries: InquiryStore;
  /** Throws BackendUnavailableError when the store cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export class BackendUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackendUnavailableError";
  }
}
