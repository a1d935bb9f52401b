// An embedded row: the memory backend and one in-process worker (startWorker),
// core.remote on the loopback runner. Units scheduled = jobs the worker took.

import { MemoryBackend } from "../../runtime/backend/memory/index";
import { submitExecution } from "../../runtime/host/submit";
import { createLogger } from "../../runtime/observability/logger";
import { closeSharedLauncher, closeSharedPythonPool } from "../../runtime/runners/index";
import { startWorker } from "../../runtime/worker/worker";
import type { CpuSnapshot } from "./cpu-split";
import { useLoopbackRemote } from "./loopback-remote";
import { examplesDir, HOST_CHECK } from "./paths";
import { usePythonPool } from "./python-pool";
import { Completion, type RowRun } from "./row";
import type { PlannedRun } from "./workload";

export interface EmbeddedOptions {
  readonly bundlesDir?: string;
  readonly timeScale: number;
  readonly concurrency: number;
  readonly timeoutMs: number;
  /** Python processes of the worker (default: the runtime's shared pool). */
  readonly pythonPool?: number;
  /** Called once every run has ended, before anything closes. */
  readonly snapshot?: () => CpuSnapshot;
}

export async function runEmbedded(runs: readonly PlannedRun[], opts: EmbeddedOptions): Promise<RowRun> {
  const backend = new MemoryBackend();
  let completion: Completion | undefined;
  const worker = startWorker({
    onJob: (job) => completion?.touched(job.execId),
    backend,
    concurrency: opts.concurrency,
    packs: [examplesDir],
    ...(opts.bundlesDir ? { bundlesDir: opts.bundlesDir } : {}),
    timeScale: opts.timeScale,
    logger: createLogger({ level: "error" }),
    startLauncher: true, // a worker with many executions, as `orqc worker`
  });
  useLoopbackRemote(worker.services.runners);
  const pool = opts.pythonPool ? usePythonPool(worker.services.runners, opts.pythonPool) : undefined;
  try {
    const ids: string[] = [];
    const firstSubmitAt = Date.now();
    for (const run of runs) {
      const out = await submitExecution(worker.services, { target: HOST_CHECK, input: run.input });
      if (!out.ok) throw new Error(`submit failed: ${out.error}`);
      ids.push(out.record.id);
    }
    // Jobs that ended before `completion` existed are found by its first sweep.
    completion = new Completion(backend, ids);
    const { finished, lastDoneAt } = await completion.wait(opts.timeoutMs, 1000);
    const cpuAfter = opts.snapshot?.();
    return {
      firstSubmitAt,
      lastDoneAt,
      finished,
      unitsScheduled: worker.stats().jobs,
      ...(cpuAfter ? { cpuAfter } : {}),
    };
  } finally {
    await worker.close(2000);
    await pool?.close();
    await closeSharedPythonPool();
    await closeSharedLauncher();
  }
}
