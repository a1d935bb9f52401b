// The job handler: advance one execution. Takes the execution's lease (so one
// worker at a time advances it; wake-ups that arrive meanwhile come back
// later), re-reads the record, and runs it: replay, then live.

import type { JobOutcome } from "../backend/types";
import { COMPLETED } from "../engine/statuses";
import { ExecutionRun } from "./execution";
import { contextOf } from "./record-context";
import type { HostServices } from "./services";

const LEASE_RETRY_MS = 200;

export async function advanceExecution(services: HostServices, execId: string): Promise<JobOutcome> {
  const { backend, logger, workerId, leaseMs } = services;
  const first = await backend.executions.get(execId);
  if (!first) {
    logger.error(
      { execution: execId },
      "execution lost: a job names it but its record is gone (was Redis restarted without persistence?)",
    );
    return { kind: "done" };
  }
  if (COMPLETED.has(first.status)) return { kind: "done" };
  if (!(await backend.executions.acquireLease(execId, workerId, leaseMs))) return { kind: "delay", ms: LEASE_RETRY_MS };
  const heartbeat = setInterval(
    () => void backend.executions.acquireLease(execId, workerId, leaseMs).catch(() => {}),
    Math.max(100, Math.floor(leaseMs / 3)),
  );
  heartbeat.unref?.();
  try {
    const record = await backend.executions.get(execId);
    if (!record || COMPLETED.has(record.status)) return { kind: "done" };
    const context = contextOf(record);
    if (!context) {
      await backend.executions.update(execId, {
        status: "failed",
        result: { errors: [{ type: "error", message: "the execution record has no target to run" }], output: null },
        finishedAt: Date.now(),
      });
      return { kind: "done" };
    }
    services.metrics?.inFlight.inc();
    try {
      return await new ExecutionRun(services, record, context).run();
    } finally {
      services.metrics?.inFlight.dec();
    }
  } finally {
    clearInterval(heartbeat);
    await backend.executions.releaseLease(execId, workerId).catch(() => {});
  }
}
