// A benchmark worker process: startWorker on Redis (as `orqc worker` does),
// core.remote on the loopback runner, and its job count (units scheduled)
// and peak RSS reported to the parent over IPC when told to stop.
// Settings come in SEED_WORKER (JSON). Bundled and forked by redis.ts.

import { connectRedisBackend } from "../../runtime/backend/redis/index";
import { createLogger } from "../../runtime/observability/logger";
import { closeSharedLauncher, closeSharedPythonPool } from "../../runtime/runners/index";
import { startWorker } from "../../runtime/worker/worker";
import { useLoopbackRemote } from "./loopback-remote";
import { usePythonPool } from "./python-pool";

interface Settings {
  readonly url: string;
  readonly prefix: string;
  readonly concurrency: number;
  readonly packs: string[];
  readonly bundlesDir?: string;
  readonly timeScale: number;
  readonly pythonPool?: number;
}

export interface WorkerReport {
  readonly jobs: number;
  readonly maxRssKb: number;
}

async function main(): Promise<void> {
  const s = JSON.parse(process.env.SEED_WORKER ?? "{}") as Settings;
  const backend = await connectRedisBackend({ url: s.url, prefix: s.prefix });
  const worker = startWorker({
    backend,
    concurrency: s.concurrency,
    packs: s.packs,
    ...(s.bundlesDir ? { bundlesDir: s.bundlesDir } : {}),
    timeScale: s.timeScale,
    logger: createLogger({ level: "error" }),
    startLauncher: true, // as `orqc worker`
  });
  useLoopbackRemote(worker.services.runners);
  const pool = s.pythonPool ? usePythonPool(worker.services.runners, s.pythonPool) : undefined;
  process.on("message", async (msg) => {
    if (msg !== "stop") return;
    await worker.close(2000);
    await pool?.close();
    await closeSharedPythonPool();
    await closeSharedLauncher();
    await backend.close();
    const report: WorkerReport = { jobs: worker.stats().jobs, maxRssKb: process.resourceUsage().maxRSS };
    process.send?.(report, () => process.exit(0));
  });
  // The benchmark died: do not linger as an orphan holding Redis connections.
  process.on("disconnect", () => process.exit(1));
  process.send?.("ready");
}

main().catch((err: unknown) => {
  process.stderr.write(`seed worker: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
