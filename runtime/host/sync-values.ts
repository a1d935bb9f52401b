// Non-deterministic values the conductor needs synchronously (timestamps for
// task(), st2kv reads): the first run produces them and queues them for the
// journal; flush() writes them before the next action starts, so a replay
// reads the same values back and takes the same path.

import type { JournalSnapshot, JsonValue } from "../backend/types";
import type { ExecutionJournal } from "../journal/journal";

export class SyncValues {
  private readonly local = new Map<string, JsonValue>();
  private pending: Array<[string, JsonValue]> = [];
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly recorded: JournalSnapshot,
    private readonly journal: ExecutionJournal,
  ) {}

  get<T extends JsonValue>(id: string, produce: () => T): T {
    const known = this.recorded.entries.get(id);
    if (known) return known.value as T;
    if (this.local.has(id)) return this.local.get(id) as T;
    const value = produce();
    this.local.set(id, value);
    this.pending.push([id, value]);
    return value;
  }

  /** Writes every queued value (in order); concurrent callers wait for the same writes. */
  flush(): Promise<void> {
    if (this.pending.length === 0) return this.chain;
    const batch = this.pending;
    this.pending = [];
    this.chain = this.chain.then(async () => {
      for (const [id, value] of batch) await this.journal.value(id, () => value);
    });
    return this.chain;
  }
}

/** Python's str() of an aware UTC datetime: `2026-01-02 03:04:05.678000+00:00`. */
export function pyTimestamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  return (
    `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ` +
    `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds(), 3)}000+00:00`
  );
}
