// In-memory timers: a map from (execution, timer) to due time; takeDue sorts
// on demand, which is fine for the embedded sizes (thousands, not millions).

import type { DueTimer, TimerStore } from "../types";

export class MemoryTimerStore implements TimerStore {
  private readonly timers = new Map<string, DueTimer>();

  async schedule(execId: string, timerId: string, dueAt: number): Promise<void> {
    this.timers.set(timerKey(execId, timerId), { execId, timerId, dueAt });
  }

  async cancel(execId: string, timerId: string): Promise<void> {
    this.timers.delete(timerKey(execId, timerId));
  }

  async takeDue(now: number, limit = 100): Promise<DueTimer[]> {
    const due = [...this.timers.values()]
      .filter((t) => t.dueAt <= now)
      .sort(
        (a, b) => a.dueAt - b.dueAt || compare(timerKey(a.execId, a.timerId), timerKey(b.execId, b.timerId)),
      )
      .slice(0, limit);
    for (const t of due) this.timers.delete(timerKey(t.execId, t.timerId));
    return due;
  }

  async nextDue(): Promise<number | undefined> {
    let next: number | undefined;
    for (const t of this.timers.values()) if (next === undefined || t.dueAt < next) next = t.dueAt;
    return next;
  }
}

export function timerKey(execId: string, timerId: string): string {
  return `${execId}\n${timerId}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
