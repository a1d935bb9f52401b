// Timers on Redis: one sorted set (score = due time in ms) of
// "<execId>\n<timerId>" members; takeDue pops atomically (Lua).

import type { Redis } from "ioredis";
import type { DueTimer, TimerStore } from "../types";
import { runScript } from "./connection";
import type { KeySpace } from "./keys";
import { takeDueTimers } from "./scripts";

export class RedisTimerStore implements TimerStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: KeySpace,
  ) {}

  async schedule(execId: string, timerId: string, dueAt: number): Promise<void> {
    await this.redis.zadd(this.keys.timers(), dueAt, member(execId, timerId));
  }

  async cancel(execId: string, timerId: string): Promise<void> {
    await this.redis.zrem(this.keys.timers(), member(execId, timerId));
  }

  async takeDue(now: number, limit = 100): Promise<DueTimer[]> {
    const flat = (await runScript(this.redis, takeDueTimers, [this.keys.timers()], [now, limit])) as string[];
    const out: DueTimer[] = [];
    for (let i = 0; i < flat.length; i += 2) {
      const text = flat[i]!;
      const cut = text.indexOf("\n");
      out.push({ execId: text.slice(0, cut), timerId: text.slice(cut + 1), dueAt: Number(flat[i + 1]) });
    }
    return out;
  }

  async nextDue(): Promise<number | undefined> {
    const first = await this.redis.zrange(this.keys.timers(), 0, 0, "WITHSCORES");
    return first.length === 0 ? undefined : Number(first[1]);
  }
}

function member(execId: string, timerId: string): string {
  if (execId.includes("\n")) throw new Error("execution ids cannot contain newlines");
  return `${execId}\n${timerId}`;
}
