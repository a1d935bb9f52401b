// The journal on Redis: a hash step id -> entry JSON, a list with the arrival
// order, and a hash of start counts, all under the execution's hash tag.

import type { Redis } from "ioredis";
import type { JournalEntry, JournalSnapshot, JournalStore, RecordOutcome } from "../types";
import { parseValue, stringifyValue } from "../value-json";
import { runScript } from "./connection";
import type { KeySpace } from "./keys";
import { recordStep } from "./scripts";

export class RedisJournalStore implements JournalStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: KeySpace,
  ) {}

  async record(execId: string, stepId: string, entry: JournalEntry): Promise<RecordOutcome> {
    const text = stringifyValue(entry);
    const reply = (await runScript(
      this.redis,
      recordStep,
      [this.keys.journal(execId), this.keys.order(execId)],
      [stepId, text],
    )) as [number, number, string?];
    if (reply[0] === 1) return { recorded: true, entry: parseValue(text), seq: reply[1] };
    return { recorded: false, entry: parseValue(reply[2] ?? "null"), seq: reply[1] };
  }

  async get(execId: string, stepId: string): Promise<JournalEntry | undefined> {
    const text = await this.redis.hget(this.keys.journal(execId), stepId);
    return text === null ? undefined : parseValue(text);
  }

  async load(execId: string): Promise<JournalSnapshot> {
    const reply = await this.redis
      .multi()
      .hgetall(this.keys.journal(execId))
      .lrange(this.keys.order(execId), 0, -1)
      .hgetall(this.keys.starts(execId))
      .exec();
    if (!reply) throw new Error("journal load: transaction aborted");
    for (const [err] of reply) if (err) throw err;
    const hash = reply[0]![1] as Record<string, string>;
    const order = reply[1]![1] as string[];
    const starts = reply[2]![1] as Record<string, string>;
    const entries = new Map<string, JournalEntry>();
    for (const id of order) if (hash[id] !== undefined) entries.set(id, parseValue(hash[id]));
    return {
      entries,
      order,
      starts: new Map(Object.entries(starts).map(([k, v]) => [k, Number(v)])),
    };
  }

  async markStarted(execId: string, stepId: string): Promise<number> {
    return this.redis.hincrby(this.keys.starts(execId), stepId, 1);
  }

  async clear(execId: string): Promise<void> {
    await this.redis.del(this.keys.journal(execId), this.keys.order(execId), this.keys.starts(execId));
  }
}
