// A worker: consumes execution jobs from the backend's queue and advances
// each execution with the host. Counts the jobs it takes ("scheduled units"),
// per execution. close() is graceful: stop taking jobs, let running steps
// finish, give waiting executions back; after the grace period it stops hard
// (unjournaled steps then run again elsewhere, at most once more).

import type { Backend, Consumer, JobOutcome, QueueJob } from "../backend/types";
import type { Datastore } from "../datastore/datastore";
import { advanceExecution } from "../host/advance";
import { createHostServices, type HostServices } from "../host/services";
import type { Logger } from "../observability/logger";
import type { RuntimeMetrics } from "../observability/metrics";
import { startLauncherEarly } from "../runners/launcher/launcher";
import type { SecretSet } from "../secrets/mask";
export interface WorkerOptions {
  readonly backend: Backend;
  readonly concurrency?: number;
  readonly packs?: readonly string[];
  readonly bundlesDir?: string;
  readonly datastore?: Datastore;
  readonly logger?: Logger;
  readonly secrets?: SecretSet;
  readonly metrics?: RuntimeMetrics;
  readonly timeScale?: number;
  readonly leaseMs?: number;
  readonly shortWaitMs?: number;
  /** See HostServices.validateOutputSchema (default: ORQC_VALIDATE_OUTPUT_SCHEMA). */
  readonly validateOutputSchema?: boolean;
  /** Start the process launcher at once (long-lived workers), not at the third local command. */
  readonly startLauncher?: boolean;
  /** Called after each job with its outcome (tests, benchmarks). */
  readonly onJob?: (job: QueueJob, outcome: JobOutcome | "error") => void;
}

export interface WorkerStats {
  /** Jobs taken from the queue. */
  readonly jobs: number;
  /** Jobs taken per execution id. */
  readonly perExecution: ReadonlyMap<string, number>;
  readonly active: number;
}

export interface Worker {
  readonly services: HostServices;
  stats(): WorkerStats;
  /** Graceful stop; after `graceMs` (default 10 s) running steps are abandoned. */
  close(graceMs?: number): Promise<void>;
  /** Stops at once like a killed worker (tests). */
  crash(): Promise<void>;
}

export function startWorker(options: WorkerOptions): Worker {
  const services = createHostServices({
    backend: options.backend,
    ...(options.packs ? { packs: options.packs } : {}),
    ...(options.bundlesDir ? { bundlesDir: options.bundlesDir } : {}),
    ...(options.datastore ? { datastore: options.datastore } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.secrets ? { secrets: options.secrets } : {}),
    ...(options.metrics ? { metrics: options.metrics } : {}),
    ...(options.timeScale !== undefined ? { timeScale: options.timeScale } : {}),
    ...(options.leaseMs !== undefined ? { leaseMs: options.leaseMs } : {}),
    ...(options.shortWaitMs !== undefined ? { shortWaitMs: options.shortWaitMs } : {}),
    ...(options.validateOutputSchema !== undefined
      ? { validateOutputSchema: options.validateOutputSchema }
      : {}),
  });
  if (options.startLauncher) startLauncherEarly();
  const perExecution = new Map<string, number>();
  let jobs = 0;
  const handler = async (job: QueueJob, signal: AbortSignal): Promise<JobOutcome> => {
    jobs += 1;
    perExecution.set(job.execId, (perExecution.get(job.execId) ?? 0) + 1);
    try {
      const outcome = await advanceExecution(services, job.execId, signal);
      options.onJob?.(job, outcome);
      return outcome;
    } catch (err) {
      // Never drop an execution on an unexpected error (a backend hiccup): try again soon.
      const message = err instanceof Error ? err.message : String(err);
      services.logger.error(
        { execution: job.execId, err: message },
        "advancing the execution failed; retrying",
      );
      options.onJob?.(job, "error");
      return { kind: "delay", ms: 1000 };
    }
  };
  const consumer: Consumer = options.backend.queue.consume(handler, {
    concurrency: Math.max(1, options.concurrency ?? 10),
    onError: (job, err) =>
      services.logger.error({ execution: job.execId, err: String(err) }, "job failed in the queue"),
  });
  return {
    services,
    stats: () => ({ jobs, perExecution, active: consumer.activeCount() }),
    async close(graceMs = 10_000) {
      services.draining = true;
      let timer: NodeJS.Timeout | undefined;
      const graceful = consumer.close().then(() => "closed" as const);
      const expired = new Promise<"expired">((resolve) => {
        timer = setTimeout(() => resolve("expired"), graceMs);
        timer.unref?.();
      });
      const how = await Promise.race([graceful, expired]);
      clearTimeout(timer);
      if (how === "expired") await consumer.crash();
    },
    crash: () => consumer.crash(),
  };
}
