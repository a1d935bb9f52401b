// Building and patching execution records, shared by both backends so that
// their records look alike field for field.

import type { ExecutionPatch, ExecutionRecord, NewExecution } from "./types";

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

export function applyPatch(current: ExecutionRecord, patch: ExecutionPatch, now: number): ExecutionRecord {
  const next: Record<string, unknown> = { ...current, updatedAt: now };
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) next[key] = value;
  }
  return next as unknown as ExecutionRecord;
}
