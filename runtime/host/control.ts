// cancel / pause / resume: set the execution's flags (a run reads them between
// steps) and enqueue a job so that an execution that only waits (timer,
// child, paused) wakes up to act on them. Applied to the child executions
// too (interpreted sub-workflows), as StackStorm does.

import type { Backend, ExecutionRecord } from "../backend/types";
import { COMPLETED, S } from "../engine/statuses";
import { contextOf } from "./record-context";

export type ControlAction = "cancel" | "pause" | "resume";
export type ControlOutcome = { ok: true; record: ExecutionRecord } | { ok: false; error: string };

export async function controlExecution(
  backend: Backend,
  id: string,
  action: ControlAction,
): Promise<ControlOutcome> {
  const rec = await backend.executions.get(id);
  if (!rec) return { ok: false, error: `no execution ${id} (or it was lost)` };
  if (COMPLETED.has(rec.status)) return { ok: false, error: `execution ${id} is already ${rec.status}` };
  if (action !== "cancel" && contextOf(rec)?.target.kind === "action")
    return { ok: false, error: `execution ${id} runs an action (${rec.ref}); only workflows can be paused` };
  if (action === "resume" && !rec.pauseRequested && rec.status !== S.paused)
    return { ok: false, error: `execution ${id} is not paused` };
  const updated = await apply(backend, rec, action);
  return updated ? { ok: true, record: updated } : { ok: false, error: `no execution ${id}` };
}

async function apply(
  backend: Backend,
  rec: ExecutionRecord,
  action: ControlAction,
): Promise<ExecutionRecord | undefined> {
  if (COMPLETED.has(rec.status)) return rec;
  const id = rec.id;
  let updated: ExecutionRecord | undefined;
  if (action === "cancel") updated = await backend.executions.setFlag(id, "cancel", true);
  else if (action === "pause") updated = await backend.executions.setFlag(id, "pause", true);
  else {
    updated = await backend.executions.setFlag(id, "pause", false);
    const resumed = await backend.executions.update(id, { status: S.running }, [S.paused, S.pausing]);
    if (resumed.ok) updated = resumed.record;
  }
  for (const child of await backend.executions.list({ parentId: id, since: rec.createdAt, limit: 10_000 }))
    await apply(backend, child, action);
  await backend.queue.enqueue(id, null, { jobId: `${id}.${action}.${Date.now()}` });
  return updated;
}
