// One benchmark row: its settings, and what a finished row reports.

import type { Backend } from "../../runtime/backend/types";
import { COMPLETED } from "../../runtime/engine/statuses";
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
}

/** Waits until every execution completed; completion times come from the records. */
export async function awaitAll(
  backend: Backend,
  ids: readonly string[],
  timeoutMs: number,
  pollMs: number,
): Promise<{ finished: FinishedRun[]; lastDoneAt: number }> {
  const done = new Map<string, { status: string; output: Record<string, unknown> | undefined; at: number }>();
  const deadline = Date.now() + timeoutMs;
  while (done.size < ids.length && Date.now() < deadline) {
    const pending = ids.filter((id) => !done.has(id));
    for (let i = 0; i < pending.length; i += 200) {
      const batch = pending.slice(i, i + 200);
      const recs = await Promise.all(batch.map((id) => backend.executions.get(id)));
      recs.forEach((rec, j) => {
        if (rec && COMPLETED.has(rec.status)) {
          const result = rec.result as { output?: Record<string, unknown> } | null | undefined;
          done.set(batch[j]!, { status: rec.status, output: result?.output, at: rec.updatedAt });
        }
      });
    }
    if (done.size < ids.length) await new Promise((r) => setTimeout(r, pollMs));
  }
  let lastDoneAt = 0;
  const finished = ids.map((id) => {
    const d = done.get(id);
    if (!d) return { status: "timed out (benchmark)", output: undefined };
    lastDoneAt = Math.max(lastDoneAt, d.at);
    return { status: d.status, output: d.output };
  });
  return { finished, lastDoneAt };
}
