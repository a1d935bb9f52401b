import { join, resolve } from "node:path";
import { translateExpression } from "../compiler/emit/translator";
import { compileScenarios } from "../compiler/simulate/compile-scenarios";
import { readCases } from "../runtime/engine/cases";
import { type LoadedWorkflow, runScenario } from "../runtime/engine/scenario";
import { REPO } from "../test/unit/expr/translate/harness";
const SHARED = resolve(REPO, "../shared");
const mode = process.argv[2] ?? "compiled";
const items = readCases(join(SHARED, "golden/traces"));
const compiled = await compileScenarios(items, SHARED, translateExpression);
const runnable = items.filter((it) => compiled.has(it.key));
const definitions = new Map<string, LoadedWorkflow>();
const t0 = performance.now();
for (let r = 0; r < 30; r++)
  for (const it of runnable) {
    const c = compiled.get(it.key)!;
    runScenario(it.scenario, mode === "compiled" ? { root: SHARED, compiled: c } : { root: SHARED, definitions });
  }
console.log(mode, (((performance.now() - t0) * 1000) / runnable.length / 30).toFixed(0), "us");
