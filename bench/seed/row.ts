// One benchmark row: its settings, and what a finished row reports.

import type { Backend } from "../../runtime/backend/types";
import { COMPLETED } from "../../runtime/engine/statuses";
import type { CpuSnapshot } from "./cpu-split";
import type { FinishedRun } from "./workload";

export type Mode = "interpreted" | "compiled";
export type BackendKind = "embedded" | "redis";

export interface RowSpec {
  readonly workflows: number;
  readonly mode: Mode;
  readonly backend: BackendKind;
  /** Worker processes (embedded: the one in-process worker). */
  readonly workers: number;
}

export interface RowRun {
  readonly firstSubmitAt: number;
  readonly lastDoneAt: number;
  readonly finished: FinishedRun[];
  readonly unitsScheduled: number;
  /** CPU of the process tree once every run has ended, before pools and workers close. */
  readonly cpuAfter?: CpuSnapshot;
}

/**
 * Waits until every execution completed; completion times come from the records.
 * Records are read only when `touched` says a root execution's job ended (or every
 * `sweepMs`, as a safety net), and then only their status until they have ended:
 * reading every pending record in a tight loop costs the benchmark process as
 * much CPU as the runs themselves (each read parses the whole record, trace included).
 */
export class Completion {
  private readonly done = new Map<
    string,
    { status: string; output: Record<string, unknown> | undefined; at: number }
  >();
  private readonly touchedIds = new Set<string>();
  private wake: (() => void) | undefined;
  private readonly roots: Set<string>;

  constructor(
    private readonly backend: Backend,
    private readonly ids: readonly string[],
  ) {
    this.roots = new Set(ids);
  }

  /** A job of `execId` ended (worker onJob). */
  touched(execId: string): void {
    if (!this.roots.has(execId)) return;
    this.touchedIds.add(execId);
    this.wake?.();
  }

  async wait(timeoutMs: number, sweepMs: number): Promise<{ finished: FinishedRun[]; lastDoneAt: number }> {
    const deadline = Date.now() + timeoutMs;
    let nextSweep = Date.now(); // the first pass reads everything
    while (this.done.size < this.ids.length && Date.now() < deadline) {
      const sweep = Date.now() >= nextSweep;
      const check = sweep ? this.ids.filter((id) => !this.done.has(id)) : [...this.touchedIds];
      this.touchedIds.clear();
      if (sweep) nextSweep = Date.now() + sweepMs;
      for (let i = 0; i < check.length; i += 200) {
        const batch = check.slice(i, i + 200);
        // Status only while a run is pending; its whole record (output) once it has ended.
        const states = await Promise.all(batch.map((id) => this.backend.executions.state(id)));
        const ended = batch.filter((_, j) => states[j] && COMPLETED.has(states[j]!.status));
        const recs = await Promise.all(ended.map((id) => this.backend.executions.get(id)));
        recs.forEach((rec, j) => {
          if (rec && COMPLETED.has(rec.status)) {
            const result = rec.result as { output?: Record<string, unknown> } | null | undefined;
            this.done.set(ended[j]!, { status: rec.status, output: result?.output, at: rec.updatedAt });
          }
        });
      }
      if (this.done.size < this.ids.length && this.touchedIds.size === 0)
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.max(1, Math.min(sweepMs, nextSweep - Date.now())));
          this.wake = () => {
            clearTimeout(timer);
            this.wake = undefined;
            resolve();
          };
        });
    }
    let lastDoneAt = 0;
    const finished = this.ids.map((id) => {
      const d = this.done.get(id);
      if (!d) return { status: "timed out (benchmark)", output: undefined };
      lastDoneAt = Math.max(lastDoneAt, d.at);
      return { status: d.status, output: d.output };
    });
    return { finished, lastDoneAt };
  }
}
