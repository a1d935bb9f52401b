// Durability by journal and replay. An execution's code asks the journal to
// run each step; a step already recorded (by this run before a crash, or by a
// worker that died) returns its recorded result instead of running again.
// Recording is set-if-absent, so when two workers race on a step the first
// result wins and both go on with it.

import type { JournalEntry, JournalSnapshot, JournalStore, JsonValue } from "../backend/types";

export interface StepOutcome {
  readonly status: string;
  readonly result: JsonValue;
}

export interface StepReport extends StepOutcome {
  /** True when the result came from the journal and the action did not run now. */
  readonly replayed: boolean;
  /** Arrival index: process parallel completions in this order to merge like the first run. */
  readonly seq: number;
  /** How many times the step has been started (> 1: it was in flight when a worker died). */
  readonly starts: number;
}

export interface JournalOptions {
  readonly clock?: () => number;
}

export class ExecutionJournal {
  private readonly entries: Map<string, JournalEntry>;
  private readonly seqs = new Map<string, number>();
  private readonly starts: Map<string, number>;
  private readonly clock: () => number;

  private constructor(
    private readonly store: JournalStore,
    readonly execId: string,
    snapshot: JournalSnapshot,
    options: JournalOptions,
  ) {
    this.entries = new Map(snapshot.entries);
    for (const [i, id] of snapshot.order.entries()) this.seqs.set(id, i);
    this.starts = new Map(snapshot.starts);
    this.clock = options.clock ?? Date.now;
  }

  /** Loads what earlier runs recorded; a fresh execution starts empty. */
  static async open(
    store: JournalStore,
    execId: string,
    options: JournalOptions = {},
  ): Promise<ExecutionJournal> {
    return new ExecutionJournal(store, execId, await store.load(execId), options);
  }

  /** Number of entries recorded when the journal was opened or since. */
  get size(): number {
    return this.entries.size;
  }

  has(stepId: string): boolean {
    return this.entries.has(stepId);
  }

  /** Step ids in recorded (arrival) order. */
  order(): string[] {
    return [...this.seqs.entries()].sort((a, b) => a[1] - b[1]).map(([id]) => id);
  }

  /** An entry's position in arrival order (-1 when it is not recorded). */
  seqOf(id: string): number {
    return this.seqs.get(id) ?? -1;
  }

  /** Runs an action step once across all runs of this execution. */
  async step(stepId: string, run: () => Promise<StepOutcome>): Promise<StepReport> {
    const known = this.entries.get(stepId);
    if (known) return this.report(stepId, known, true);
    const starts = await this.store.markStarted(this.execId, stepId);
    this.starts.set(stepId, starts);
    const outcome = await run();
    const entry: JournalEntry = {
      kind: "action",
      status: outcome.status,
      value: outcome.result,
      at: this.clock(),
    };
    const written = await this.store.record(this.execId, stepId, entry);
    this.remember(stepId, written.entry, written.seq);
    return this.report(stepId, written.entry, !written.recorded);
  }

  /** A non-deterministic value (current time, random id): produced once, then replayed. */
  async value<T extends JsonValue>(id: string, produce: () => T): Promise<T> {
    const known = this.entries.get(id);
    if (known) return known.value as T;
    const written = await this.store.record(this.execId, id, {
      kind: "value",
      value: produce(),
      at: this.clock(),
    });
    this.remember(id, written.entry, written.seq);
    return written.entry.value as T;
  }

  now(id: string): Promise<number> {
    return this.value(id, () => this.clock());
  }

  /**
   * A timer (sleep, delay, retry delay): its due time is recorded the first
   * time, so after a crash the wait continues instead of starting over.
   * Returns the due time and how long is left from now.
   */
  async timer(id: string, ms: number): Promise<{ dueAt: number; remainingMs: number }> {
    const dueAt = await this.value(id, () => this.clock() + Math.max(0, ms));
    return { dueAt, remainingMs: Math.max(0, dueAt - this.clock()) };
  }

  private remember(id: string, entry: JournalEntry, seq: number): void {
    this.entries.set(id, entry);
    if (seq >= 0) this.seqs.set(id, seq);
  }

  private report(stepId: string, entry: JournalEntry, replayed: boolean): StepReport {
    return {
      status: entry.status ?? "succeeded",
      result: entry.value,
      replayed,
      seq: this.seqs.get(stepId) ?? -1,
      starts: this.starts.get(stepId) ?? 0,
    };
  }
}

/** Orders step reports (e.g. parallel completions) by their arrival in the journal. */
export function byArrival<T extends { readonly seq: number }>(reports: readonly T[]): T[] {
  return [...reports].sort((a, b) => a.seq - b.seq);
}
