// Times `orqc check` over the whole shared corpus, in process (library call) and
// through the CLI; prints a table and writes bench/results/check-corpus.json.
// Run: npx esbuild bench/check-corpus.ts --bundle --platform=node --format=esm \
//        --packages=external --outfile=dist/bench-check.mjs && node dist/bench-check.mjs

import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus } from "node:os";
import { resolve } from "node:path";
import { checkPaths } from "../compiler/inspect/check";

const CORPUS = resolve(process.env.ORQC_CORPUS ?? "../shared/corpus");
const RUNS = Number(process.env.ORQC_BENCH_RUNS ?? 5);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const inProcess: number[] = [];
const inProcessCpu: number[] = [];
let summary = { workflows: 0, actions: 0, errors: 0, warnings: 0 };
for (let i = 0; i < RUNS; i++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = checkPaths([CORPUS]);
  inProcess.push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  inProcessCpu.push((c.user + c.system) / 1000);
  summary = {
    workflows: r.load.workflows.length,
    actions: r.load.actions.size,
    errors: r.diagnostics.filter((d) => d.severity === "error").length,
    warnings: r.diagnostics.filter((d) => d.severity === "warning").length,
  };
}

const cli: number[] = [];
const cliCpu: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const t0 = performance.now();
  // `time -f` is not everywhere; the child reports its own CPU time on stderr instead.
  const child = spawnSync(
    process.execPath,
    [
      "-e",
      `process.on("exit",()=>{const c=process.cpuUsage();process.stderr.write("CPU "+(c.user+c.system)/1000+"\\n")});process.argv.splice(1,0,"orqc");await import(${JSON.stringify(resolve("bin/orqc.js"))});`,
      "--input-type=module",
      "check",
      CORPUS,
      "--format",
      "json",
    ],
    { encoding: "utf8" },
  );
  cli.push(performance.now() - t0);
  const m = /CPU ([\d.]+)/.exec(child.stderr);
  cliCpu.push(m ? Number(m[1]) : Number.NaN);
}

const rows = [
  ["first in-process run (cold JIT)", inProcess[0]!, inProcessCpu[0]!],
  ["in-process, median", median(inProcess), median(inProcessCpu)],
  ["CLI end to end (node start + load + check), median", median(cli), median(cliCpu)],
] as const;
console.log(`orqc check over ${CORPUS}: ${summary.workflows} workflows, ${summary.actions} actions`);
console.log("| measurement | wall ms | CPU ms |\n|---|---|---|");
for (const [name, ms, cpu] of rows) console.log(`| ${name} | ${ms.toFixed(0)} | ${cpu.toFixed(0)} |`);

const result = {
  corpus: CORPUS,
  runs: RUNS,
  cpus: availableParallelism(),
  cpuModel: cpus()[0]?.model ?? "",
  node: process.version,
  ...summary,
  inProcessMs: inProcess.map((x) => Math.round(x)),
  cliMs: cli.map((x) => Math.round(x)),
  inProcessCpuMs: inProcessCpu.map((x) => Math.round(x)),
  cliCpuMs: cliCpu.map((x) => Math.round(x)),
  medianInProcessMs: Math.round(median(inProcess)),
  medianCliMs: Math.round(median(cli)),
  medianCliCpuMs: Math.round(median(cliCpu)),
  targetMs: 3000,
};
mkdirSync("bench/results", { recursive: true });
writeFileSync("bench/results/check-corpus.json", `${JSON.stringify(result, null, 2)}\n`);
