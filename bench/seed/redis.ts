// A Redis row: K forked worker processes (worker-main.ts, bundled once with
// esbuild) on a private key prefix, executions submitted from this process,
// every key under the prefix deleted afterwards.

import { type ChildProcess, fork } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { connectRedisBackend } from "../../runtime/backend/redis/index";
import { createHostServices } from "../../runtime/host/services";
import { submitExecution } from "../../runtime/host/submit";
import { createLogger } from "../../runtime/observability/logger";
import { bundleForNode } from "../../scripts/bundle-for-node";
import type { CpuSnapshot } from "./cpu-split";
import { examplesDir, HOST_CHECK, repoRoot } from "./paths";
import { procStat } from "./proc-stats";
import { Completion, type RowRun } from "./row";
import type { WorkerReport } from "./worker-main";
import type { PlannedRun } from "./workload";

export interface RedisOptions {
  readonly url: string;
  readonly prefix: string;
  readonly workers: number;
  readonly concurrency: number;
  readonly bundlesDir?: string;
  readonly timeScale: number;
  readonly timeoutMs: number;
  readonly pythonPool?: number;
  /** Called once every run has ended, before the workers stop. */
  readonly snapshot?: () => CpuSnapshot;
}

let bundled: string | undefined;

/** Bundles worker-main.ts next to dist/ (so node_modules resolve); removed by cleanupWorkerBundle. */
export async function workerBundle(): Promise<string> {
  if (bundled) return bundled;
  const out = join(repoRoot, "dist", `.seed-worker-${process.pid}.mjs`);
  await bundleForNode(join(repoRoot, "bench/seed/worker-main.ts"), out);
  bundled = out;
  return out;
}

export function cleanupWorkerBundle(): void {
  if (bundled) rmSync(bundled, { force: true });
  bundled = undefined;
}

function startWorkerProcess(file: string, settings: object): Promise<ChildProcess> {
  const child = fork(file, [], {
    env: { ...process.env, SEED_WORKER: JSON.stringify(settings), ORQC_LOG_LEVEL: "error" },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((ok, fail) => {
    child.once("message", (m) => (m === "ready" ? ok(child) : fail(new Error(`worker said ${String(m)}`))));
    child.once("exit", (code) => fail(new Error(`seed worker exited early (${code})`)));
  });
}

function stopWorkerProcess(child: ChildProcess): Promise<WorkerReport> {
  return new Promise((ok) => {
    let report: WorkerReport = { jobs: Number.NaN, maxRssKb: 0 };
    child.on("message", (m) => {
      if (m && typeof m === "object") report = m as WorkerReport;
    });
    child.once("exit", () => ok(report));
    child.send("stop");
  });
}

export async function runRedis(
  runs: readonly PlannedRun[],
  opts: RedisOptions,
): Promise<RowRun & { workerRssMb: number }> {
  const file = await workerBundle();
  const backend = await connectRedisBackend({ url: opts.url, prefix: opts.prefix });
  const settings = {
    url: opts.url,
    prefix: opts.prefix,
    concurrency: opts.concurrency,
    packs: [examplesDir],
    ...(opts.bundlesDir ? { bundlesDir: opts.bundlesDir } : {}),
    timeScale: opts.timeScale,
    ...(opts.pythonPool ? { pythonPool: opts.pythonPool } : {}),
  };
  const children = await Promise.all(
    Array.from({ length: opts.workers }, () => startWorkerProcess(file, settings)),
  );
  try {
    const services = createHostServices({
      backend,
      packs: [examplesDir],
      ...(opts.bundlesDir ? { bundlesDir: opts.bundlesDir } : {}),
      logger: createLogger({ level: "error" }),
    });
    const ids: string[] = [];
    const firstSubmitAt = Date.now();
    for (const run of runs) {
      const out = await submitExecution(services, { target: HOST_CHECK, input: run.input });
      if (!out.ok) throw new Error(`submit failed: ${out.error}`);
      ids.push(out.record.id);
    }
    // No job events from other processes: sweep the pending records every 250 ms, less often
    // for big rows. The makespan comes from the records' updatedAt, not from when the sweep
    // saw them, and a faster sweep took CPU from the workers (100 runs: 124 reads per run).
    const { finished, lastDoneAt } = await new Completion(backend, ids).wait(
      opts.timeoutMs,
      Math.max(250, 2 * runs.length),
    );
    const cpuAfter = opts.snapshot?.();
    const reports = await Promise.all(children.map(stopWorkerProcess));
    return {
      firstSubmitAt,
      lastDoneAt,
      finished,
      ...(cpuAfter ? { cpuAfter } : {}),
      unitsScheduled: reports.reduce((n, r) => n + r.jobs, 0),
      workerRssMb: reports.reduce((n, r) => n + r.maxRssKb, 0) / 1024,
    };
  } finally {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
    await backend.purge();
    await backend.close();
  }
}

/** CPU seconds used so far by the redis-server listening on `port` (it is not our child). */
export function redisServerCpuSeconds(port: string): number {
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/comm`, "utf8").trim() !== "redis-server") continue;
      const cmd = readFileSync(`/proc/${name}/cmdline`, "utf8").replace(/\0/g, " ");
      if (!cmd.includes(`:${port}`) && !cmd.includes(`--port ${port}`)) continue;
      return procStat(Number(name))?.selfCpu ?? 0;
    } catch {}
  }
  return 0;
}
