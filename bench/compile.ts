// Compiler benchmark, one run, side by side:
//  1. compile time of the whole corpus (every workflow, `--all`), target < 5 s;
//  2. engine time per workflow, compiled vs interpreted: every golden trace
//     scenario run by the reference interpreter and by its compiled bundle
//     (same wave host, same scripted outcomes), as a ratio.
// Run: npx vite-node bench/compile.ts [--rounds N]
// Writes bench/results/compile.json.

import { mkdtempSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { compile } from "../compiler/compile";
import { translateExpression } from "../compiler/emit/translator";
import { compileScenarios, type ScenarioItem } from "../compiler/simulate/compile-scenarios";
import { readCases } from "../runtime/engine/cases";
import { type CompiledUnits, runScenario } from "../runtime/engine/scenario";

const SHARED = resolve(__dirname, "../../shared");
const rounds = Number(process.argv[process.argv.indexOf("--rounds") + 1]) || 3;

async function compileCorpus(): Promise<{ seconds: number; built: number; refused: number }> {
  const out = mkdtempSync(join(tmpdir(), "orqc-bench-compile-"));
  const t0 = performance.now();
  const result = await compile({
    paths: [join(SHARED, "corpus")],
    outDir: out,
    all: true,
    force: true,
    translate: translateExpression,
  });
  const seconds = (performance.now() - t0) / 1000;
  return {
    seconds,
    built: result.reports.filter((r) => r.status === "built").length,
    refused: result.reports.filter((r) => r.status === "failed").length,
  };
}

function runAll(items: readonly ScenarioItem[], units?: Map<string, CompiledUnits>): void {
  for (const it of items) {
    const compiled = units?.get(it.key);
    runScenario(it.scenario, compiled ? { root: SHARED, compiled } : { root: SHARED });
  }
}

function time(f: () => void): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

async function main(): Promise<void> {
  const corpus: Array<{ seconds: number; built: number; refused: number }> = [];
  for (let i = 0; i < rounds; i++) corpus.push(await compileCorpus());
  const best = corpus.reduce((a, b) => (a.seconds < b.seconds ? a : b));

  const items = readCases(join(SHARED, "golden/traces"));
  const compiled = await compileScenarios(items, SHARED, translateExpression);
  const runnable = items.filter((it) => compiled.has(it.key));
  // Warm both paths once (JIT, caches), then alternate rounds so noise hits both.
  runAll(runnable);
  runAll(runnable, compiled);
  let interpretedMs = Number.POSITIVE_INFINITY;
  let compiledMs = Number.POSITIVE_INFINITY;
  for (let r = 0; r < rounds; r++) {
    interpretedMs = Math.min(
      interpretedMs,
      time(() => runAll(runnable)),
    );
    compiledMs = Math.min(
      compiledMs,
      time(() => runAll(runnable, compiled)),
    );
  }
  const perInterpreted = (interpretedMs * 1000) / runnable.length;
  const perCompiled = (compiledMs * 1000) / runnable.length;
  const result = {
    machine: { cpus: cpus().length, model: cpus()[0]?.model ?? "unknown", node: process.version },
    rounds,
    corpus_compile: {
      seconds: best.seconds,
      bundles_built: best.built,
      refused_by_orquesta: best.refused,
      target_seconds: 5,
    },
    engine_per_workflow: {
      workflows: runnable.length,
      interpreted_us: perInterpreted,
      compiled_us: perCompiled,
      ratio: perInterpreted / perCompiled,
      target_ratio: 10,
    },
  };
  console.log("| measure | value |");
  console.log("|---|---|");
  console.log(
    `| corpus compile (best of ${rounds}) | ${best.seconds.toFixed(2)} s, ${best.built} bundles, ${best.refused} refused |`,
  );
  console.log(`| engine per workflow, interpreted | ${perInterpreted.toFixed(0)} µs |`);
  console.log(`| engine per workflow, compiled | ${perCompiled.toFixed(0)} µs |`);
  console.log(
    `| ratio interpreted / compiled | ${result.engine_per_workflow.ratio.toFixed(2)}x (target 10x) |`,
  );
  writeFileSync(resolve(__dirname, "results/compile.json"), `${JSON.stringify(result, null, 2)}\n`);
}

await main();
