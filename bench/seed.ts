// The seed benchmark (issue 7): N parallel monitoring.host_check runs over the
// 50-host mix, nested-interpreted vs compiled-flattened, embedded vs Redis with
// 1/2/4 worker processes. Per row: makespan, ratio to the critical path (the
// longest simulated waiting of one run at the time scale), units scheduled,
// CPU, peak RSS, and checks of every run's output, ITSM calls and SQL rows.
//
//   npx vite-node bench/seed.ts [--quick] [--workflows 1,50,100] [--redis URL]
//     [--modes compiled,interpreted] [--backends embedded,redis] [--python-pool N]
//     [--out FILE] [--append] [--with-1000-all]
//   ORQC_TIME_SCALE (default 0.01) scales every wait.
// Writes bench/results/seed.json (see docs/performance.md, "Seed benchmark").

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compile } from "../compiler/compile";
import { translateExpression } from "../compiler/emit/translator";
import { type CpuSplit, cpuSnapshot, cpuSplit } from "./seed/cpu-split";
import { runEmbedded } from "./seed/embedded";
import { startItsmService } from "./seed/itsm-service";
import { examplesDir, repoRoot } from "./seed/paths";
import { cpuSeconds, sampleRss } from "./seed/proc-stats";
import { usePlainPython } from "./seed/python-env";
import { cleanupWorkerBundle, redisServerCpuSeconds, runRedis } from "./seed/redis";
import type { RowRun, RowSpec } from "./seed/row";
import { cpuSplitLines, formatTable, modeRatios, type SeedRow } from "./seed/table";
import {
  checkItsmCalls,
  checkOutputs,
  checkSqlRows,
  criticalPathSeconds,
  planRuns,
  sqliteCounts,
} from "./seed/workload";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const quick = process.argv.includes("--quick");
const timeScale = Number(process.env.ORQC_TIME_SCALE ?? "0.01");
const redisUrl = arg("--redis") ?? process.env.ORQC_SEED_REDIS ?? "redis://127.0.0.1:6379";
const redisPort = new URL(redisUrl).port || "6379";
const counts = (arg("--workflows") ?? (quick ? "100" : "1,50,100,1000")).split(",").map(Number);
const pythonPool = arg("--python-pool") ? Number(arg("--python-pool")) : undefined;
const outFile = arg("--out") ?? join(repoRoot, "bench/results/seed.json");

const all1000 = process.argv.includes("--with-1000-all");
const modes = (arg("--modes") ?? "compiled,interpreted").split(",");
const backends = (arg("--backends") ?? "embedded,redis").split(",");

/** Every combination; 1,000 runs only compiled, embedded and Redis x4, unless --with-1000-all (hours). */
function specs(): RowSpec[] {
  const rows: RowSpec[] = [];
  for (const workflows of counts)
    for (const mode of ["compiled", "interpreted"] as const) {
      const big = workflows >= 1000 && !all1000;
      if ((big && mode === "interpreted") || !modes.includes(mode)) continue;
      if (backends.includes("embedded")) rows.push({ workflows, mode, backend: "embedded", workers: 1 });
      if (!backends.includes("redis")) continue;
      for (const workers of quick ? [2] : big ? [4] : [1, 2, 4])
        rows.push({ workflows, mode, backend: "redis", workers });
    }
  return rows;
}

async function main(): Promise<void> {
  process.env.ORQC_TIME_SCALE = String(timeScale); // the example's scripts read it
  const work = mkdtempSync(join(tmpdir(), "orqc-seed-"));
  usePlainPython(work);
  const bundlesDir = join(work, "bundles");
  const built = await compile({
    paths: [examplesDir],
    outDir: bundlesDir,
    force: true,
    translate: translateExpression,
  });
  if (!built.manifest.some((m) => m.ref === "monitoring.host_check"))
    throw new Error("compiling examples/ gave no monitoring.host_check bundle");
  const itsm = await startItsmService();
  process.env.ITSM_SERVICE_URL = itsm.url;
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.once(signal, () => {
      void itsm.stop().finally(() => {
        cleanupWorkerBundle();
        rmSync(work, { recursive: true, force: true });
        process.exit(130);
      });
    });
  const rows: SeedRow[] = [];
  try {
    let n = 0;
    for (const spec of specs()) {
      n += 1;
      const dbFile = join(work, `row-${n}.sqlite`);
      const runs = planRuns(spec.workflows, dbFile);
      await itsm.reset();
      const rss = sampleRss();
      const cpu0 = cpuSeconds() + cpuSeconds(itsm.pid);
      const split0 = cpuSnapshot(itsm.pid);
      const snapshot = () => cpuSnapshot(itsm.pid);
      const redisCpu0 = spec.backend === "redis" ? redisServerCpuSeconds(redisPort) : 0;
      const timeoutMs = 120_000 + spec.workflows * 1000;
      let run: RowRun;
      let workerRssMb = 0;
      try {
        if (spec.backend === "embedded") {
          run = await runEmbedded(runs, {
            ...(spec.mode === "compiled" ? { bundlesDir } : {}),
            timeScale,
            concurrency: Math.max(64, spec.workflows * 4),
            timeoutMs,
            ...(pythonPool ? { pythonPool } : {}),
            snapshot,
          });
        } else {
          const r = await runRedis(runs, {
            url: redisUrl,
            prefix: `orqc-seed-${process.pid}-${n}`,
            workers: spec.workers,
            concurrency: Math.max(64, Math.ceil((spec.workflows * 4) / spec.workers)),
            ...(spec.mode === "compiled" ? { bundlesDir } : {}),
            timeScale,
            timeoutMs,
            ...(pythonPool ? { pythonPool } : {}),
            snapshot,
          });
          run = r;
          workerRssMb = r.workerRssMb;
        }
      } catch (err) {
        run = { firstSubmitAt: 0, lastDoneAt: 0, finished: [], unitsScheduled: 0 };
        runs.length = 0;
        process.stderr.write(`row ${n} failed: ${err instanceof Error ? err.message : String(err)}\n`);
      }
      const peak = rss.stop();
      const cpu = cpuSeconds() + cpuSeconds(itsm.pid) - cpu0;
      const problems = [
        ...checkOutputs(runs, run.finished),
        ...checkItsmCalls(runs, await itsm.calls()),
        ...(runs.length > 0 ? checkSqlRows(runs, sqliteCounts(dbFile)) : ["row failed to run"]),
      ];
      const makespan = (run.lastDoneAt - run.firstSubmitAt) / 1000;
      const critical = criticalPathSeconds(planRuns(spec.workflows, dbFile), timeScale);
      const row: SeedRow = {
        ...spec,
        time_scale: timeScale,
        python_pool: pythonPool ?? "default",
        makespan_s: round(makespan, 3),
        critical_path_s: round(critical, 3),
        ratio: round(makespan / critical, 3),
        units_scheduled: run.unitsScheduled,
        // Worker processes report their own peak (they exit before the last sample).
        peak_rss_mb: round(Math.max(peak, workerRssMb), 1),
        cpu_s: round(cpu, 2),
        ...(run.cpuAfter ? { cpu_split_s: roundSplit(cpuSplit(split0, run.cpuAfter)) } : {}),
        ...(spec.backend === "redis"
          ? { cpu_redis_s: round(redisServerCpuSeconds(redisPort) - redisCpu0, 2) }
          : {}),
        succeeded: run.finished.filter((f) => f.status === "succeeded").length,
        problems: problems
          .slice(0, 20)
          .concat(problems.length > 20 ? [`... ${problems.length - 20} more`] : []),
      };
      rows.push(row);
      saveRows(rows);
      process.stdout.write(`${formatTable([row]).split("\n")[2]}\n`);
      for (const p of row.problems.slice(0, 5)) process.stdout.write(`    ! ${p}\n`);
    }
  } finally {
    await itsm.stop();
    cleanupWorkerBundle();
    rmSync(work, { recursive: true, force: true });
  }
  process.stdout.write(`\n${formatTable(rows)}\n\n${modeRatios(rows).join("\n")}\n`);
  process.stdout.write(`\nCPU by process kind (seconds):\n${cpuSplitLines(rows).join("\n")}\n`);
  saveRows(rows);
  process.stdout.write(`\nwrote ${outFile}\n`);
  if (rows.some((r) => r.problems.length > 0)) process.exitCode = 1;
}

const rowKey = (r: SeedRow) =>
  `${r.workflows}/${r.mode}/${r.backend}/${r.workers}/${r.python_pool}/${r.time_scale}`;

/** Writes the rows (after each one, so an interrupted run keeps them); --append merges into the file. */
function saveRows(rows: readonly SeedRow[]): void {
  let out = [...rows];
  if (process.argv.includes("--append") && existsSync(outFile)) {
    const fresh = new Set(rows.map(rowKey));
    const old = (JSON.parse(readFileSync(outFile, "utf8")) as SeedRow[]).filter((r) => !fresh.has(rowKey(r)));
    out = [...old, ...rows];
  }
  mkdirSync(join(outFile, ".."), { recursive: true });
  writeFileSync(outFile, `${JSON.stringify(out, null, 2)}\n`);
}

function roundSplit(split: CpuSplit): CpuSplit {
  const out = { ...split };
  for (const k of Object.keys(out) as (keyof CpuSplit)[]) out[k] = round(out[k], 2);
  return out;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

main().catch((err: unknown) => {
  process.stderr.write(`bench/seed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
