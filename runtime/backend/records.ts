// Building new execution records, shared by both backends so that their
// records look alike field for field.

import type { ExecutionRecord, NewExecution } from "./types";

export function newRecord(id: string, execution: NewExecution, now: number): ExecutionRecord {
  const record: ExecutionRecord = {
    id,
    ref: execution.ref,
    status: execution.status ?? "requested",
    input: execution.input ?? {},
    createdAt: now,
    updatedAt: now,
    cancelRequested: false,
    pauseRequested: false,
    ...(execution.parentId !== undefined ? { parentId: execution.parentId } : {}),
    ...(execution.rootId !== undefined ? { rootId: execution.rootId } : {}),
    ...(execution.user !== undefined ? { user: execution.user } : {}),
    ...(execution.context !== undefined ? { context: execution.context } : {}),
  };
  return record;
}
