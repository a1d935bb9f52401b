// The job handler: advance one execution. Takes the execution's lease (so one
// worker at a time advances it; wake-ups that arrive meanwhile come back
// later), re-reads the record, and runs it: replay, then live.

import type { JobOutcome } from "../backend/types";
import { COMPLETED } from "../engine/statuses";
import { runActionExecution } from "./action-run";
import { ExecutionRun } from "./execution";
import { Lease } from "./lease";
import { contextOf } from "./record-context";
import type { HostServices } from "./services";

const LEASE_RETRY_MS = 200;
let runCounter = 0;

/**
 * `signal` aborts when the worker dies (Consumer.crash, or a shutdown past its
 * grace period): the run then stops at once without recording anything more
 * and keeps its lease until it expires, as a killed process would. A run
 * whose lease another worker took stops the same way.
 */
export async function advanceExecution(
  services: HostServices,
  execId: string,
  signal?: AbortSignal,
): Promise<JobOutcome> {
  const { backend, logger, workerId, leaseMs } = services;
  // Status only: the full record (context, trace) is read once the lease is held.
  const first = await backend.executions.state(execId);
  if (!first) {
    logger.error(
      { execution: execId },
      "execution lost: a job names it but its record is gone (was Redis restarted without persistence?)",
    );
    return { kind: "done" };
  }
  if (COMPLETED.has(first.status)) return { kind: "done" };
  const stop = new AbortController();
  // One owner per run, not per worker: a job redelivered to the same worker (BullMQ thought it
  // stalled) must not advance the execution twice at once.
  const owner = `${workerId}.${(++runCounter).toString(36)}`;
  const lease = new Lease(backend.executions, execId, owner, leaseMs, () => {
    logger.warn({ execution: execId }, "execution lease lost to another worker; this run stops");
    stop.abort();
  });
  if (!(await lease.acquire())) return { kind: "delay", ms: LEASE_RETRY_MS };
  const killed = () => {
    lease.stop();
    stop.abort();
  };
  signal?.addEventListener("abort", killed, { once: true });
  try {
    const record = await backend.executions.get(execId);
    if (!record || COMPLETED.has(record.status)) return { kind: "done" };
    const context = contextOf(record);
    if (!context) {
      await backend.executions.patch(execId, {
        status: "failed",
        result: {
          errors: [{ type: "error", message: "the execution record has no target to run" }],
          output: null,
        },
        finishedAt: Date.now(),
      });
      return { kind: "done" };
    }
    services.metrics?.inFlight.inc();
    try {
      if (context.target.kind === "action")
        return await runActionExecution(services, record, context.target.ref, stop.signal);
      return await new ExecutionRun(services, record, context, stop.signal, lease).run();
    } finally {
      services.metrics?.inFlight.dec();
    }
  } finally {
    signal?.removeEventListener("abort", killed);
    if (signal?.aborted) lease.stop();
    else await lease.release();
  }
}
