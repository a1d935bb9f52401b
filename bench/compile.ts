// Compiler benchmark, one run, side by side:
//  1. compile time of the whole corpus (every workflow, `--all`), target < 5 s;
//  2. engine time per workflow, compiled vs interpreted: every golden trace
//     scenario run by the reference interpreter and by its compiled bundle
//     (same wave host, same scripted outcomes), as a ratio. The interpreter is
//     measured twice: loading, inspecting and composing each workflow at each
//     execution (as Orquesta does for every workflow and sub-workflow
//     execution), and with definitions kept across runs (as orqc's daemon does).
// Run: npm run bench:compile [-- --rounds N] (node scripts/run-ts.mjs bench/compile.ts: one
// esbuild bundle, so both paths run as the same kind of module code).
// Writes bench/results/compile.json.

import { mkdtempSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { compile } from "../compiler/compile";
import { translateExpression } from "../compiler/emit/translator";
import { compileScenarios, type ScenarioItem } from "../compiler/simulate/compile-scenarios";
import { readCases } from "../runtime/engine/cases";
import { type CompiledUnits, type LoadedWorkflow, runScenario } from "../runtime/engine/scenario";
import { REPO } from "../test/unit/expr/translate/harness";

const SHARED = resolve(REPO, "../shared");
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

type Mode = "compiled" | "interpreted" | "interpreted-cached";

function runAll(
  items: readonly ScenarioItem[],
  mode: Mode,
  units: Map<string, CompiledUnits>,
  definitions: Map<string, LoadedWorkflow>,
): void {
  for (const it of items) {
    const compiled = units.get(it.key);
    runScenario(
      it.scenario,
      mode === "compiled" && compiled
        ? { root: SHARED, compiled }
        : mode === "interpreted-cached"
          ? { root: SHARED, definitions }
          : { root: SHARED },
    );
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
  const definitions = new Map<string, LoadedWorkflow>();
  const modes: Mode[] = ["interpreted", "interpreted-cached", "compiled"];
  // Warm every path once (JIT, caches), then alternate rounds so noise hits all.
  for (const m of modes) runAll(runnable, m, compiled, definitions);
  const best3: Record<Mode, number> = {
    compiled: Number.POSITIVE_INFINITY,
    interpreted: Number.POSITIVE_INFINITY,
    "interpreted-cached": Number.POSITIVE_INFINITY,
  };
  for (let r = 0; r < rounds; r++)
    for (const m of modes)
      best3[m] = Math.min(
        best3[m],
        time(() => runAll(runnable, m, compiled, definitions)),
      );
  const us = (ms: number) => (ms * 1000) / runnable.length;
  const perInterpreted = us(best3.interpreted);
  const perCached = us(best3["interpreted-cached"]);
  const perCompiled = us(best3.compiled);
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
      interpreted_cached_definitions_us: perCached,
      compiled_us: perCompiled,
      ratio: perInterpreted / perCompiled,
      ratio_cached_definitions: perCached / perCompiled,
      target_ratio: 10,
    },
  };
  console.log("| measure | value |");
  console.log("|---|---|");
  console.log(
    `| corpus compile (best of ${rounds}) | ${best.seconds.toFixed(2)} s, ${best.built} bundles, ${best.refused} refused |`,
  );
  console.log(
    `| engine per workflow, interpreted (each execution loads its definition, as Orquesta) | ${perInterpreted.toFixed(0)} µs |`,
  );
  console.log(
    `| engine per workflow, interpreted (definitions kept across runs, as orqc's daemon) | ${perCached.toFixed(0)} µs |`,
  );
  console.log(`| engine per workflow, compiled | ${perCompiled.toFixed(0)} µs |`);
  console.log(
    `| ratio interpreted / compiled, definitions loaded per execution | ${result.engine_per_workflow.ratio.toFixed(2)}x (target 10x) |`,
  );
  console.log(
    `| ratio interpreted / compiled, definitions kept | ${result.engine_per_workflow.ratio_cached_definitions.toFixed(2)}x (target 10x) |`,
  );
  writeFileSync(resolve(REPO, "bench/results/compile.json"), `${JSON.stringify(result, null, 2)}\n`);
}

await main();
