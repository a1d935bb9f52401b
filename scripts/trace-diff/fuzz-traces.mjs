// Differential fuzzing of orqc's workflow engine against the real Orquesta
// 1.6.0 conductor: generates seeded random workflows and scenarios
// (gen-cases.mjs) in golden layout, records the reference traces
// (orquesta_reference.py, checked against every golden trace by
// check-reference.mjs), runs `orqc simulate --cases` interpreted and
// --compiled, and compares with the golden README's rules (must-match tier;
// strict-tier differences are reported separately). See docs/conformance.md.
//
//   node scripts/trace-diff/fuzz-traces.mjs [--seed N] [--count N] [--batches N] [--out DIR] [--no-compiled] [--corpus]
//
// --corpus: instead of random workflows, the corpus workflows of the golden
// traces under mutated action outcomes (gen-corpus-mutants.mjs; paths relative
// to ../shared, or --root DIR).
// --packs DIR: every Orquesta workflow of the packs under DIR, a happy run and
// --count runs with random failures each (gen-pack-scenarios.mjs; action
// results shaped by what the workflow reads, or with --placeholder-results
// the earlier placeholders). How far the runs got is printed at the end
// (trace-depth.mjs).
//
// Environment: ORQUESTA_SRC, YAQL_SRC (see orquesta_reference.py), PYTHON
// (default /usr/bin/python3). Cases where Orquesta itself raises (an engine
// exception; StackStorm would leave such a run stuck) are skipped.

import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { option } from "../lib/args.mjs";
import { genCases } from "./gen-cases.mjs";
import { genCorpusMutants } from "./gen-corpus-mutants.mjs";
import { genPackScenarios } from "./gen-pack-scenarios.mjs";
import { depthStats, formatDepth } from "./trace-depth.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const opt = option;
const seed = Number(opt("seed", 1));
const count = Number(opt("count", 200));
const batches = Number(opt("batches", 1));
const out = resolve(opt("out", join(root, ".fuzz-traces")));
const compiledToo = !process.argv.includes("--no-compiled");
const corpus = process.argv.includes("--corpus");
const packs = process.argv.includes("--packs") ? resolve(opt("packs", ".")) : undefined;
const placeholders = process.argv.includes("--placeholder-results");
const depths = [];
const shared = resolve(opt("root", resolve(root, "../shared")));
const python = process.env.PYTHON ?? "/usr/bin/python3";

const run = (cmd, args, input) =>
  execFileSync(cmd, args, {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 1 << 30,
    input,
    stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
  });
const lenient = (cmd, args) => {
  try {
    return run(cmd, args);
  } catch (e) {
    if (typeof e.stdout === "string" && e.stdout.length > 0) return e.stdout;
    throw e;
  }
};

/** Writes orqc's {case: trace} map as <dir>/<case>/trace.json. */
function writeTraces(dir, map) {
  for (const [id, trace] of Object.entries(map)) {
    mkdirSync(join(dir, id), { recursive: true });
    writeFileSync(join(dir, id, "trace.json"), JSON.stringify(trace));
  }
}

/** Size of a case: its workflow files' bytes (to list the smallest failures first). */
function caseSize(dir, id, wfRoot) {
  const scenario = JSON.parse(readFileSync(join(dir, id, "scenario.json"), "utf8"));
  let size = 0;
  const walk = (entry) => {
    size += statSync(join(wfRoot, entry.workflow)).size;
    for (const sub of Object.values(entry.subworkflows ?? {})) walk(sub);
  };
  walk(scenario);
  return size;
}

const totals = { cases: 0, skipped: 0 };
const features = {};
const ENGINE = new Set(["continue", "noop", "fail", "retry"]);
/** What a reference trace exercises (counted over the compared cases). */
function tally(trace) {
  const seen = new Set([`status:${trace.status}`]);
  const walk = (t) => {
    if (t.inspection) seen.add("inspection_error");
    for (const task of t.tasks ?? []) {
      if (task.items_count !== undefined) seen.add("with_items");
      if (task.concurrency !== undefined && task.concurrency !== null) seen.add("concurrency");
      if (task.attempt > 1) seen.add("retried");
      if (task.delay !== undefined) seen.add("delay");
      if (task.route > 0) seen.add("split");
    }
    const passes = new Map();
    for (const e of t.sequence ?? []) {
      if (ENGINE.has(e.id)) seen.add(`engine_${e.id}`);
      const k = `${e.id}/${e.route}`;
      passes.set(k, (passes.get(k) ?? 0) + 1);
    }
    if ([...passes.entries()].some(([k, n]) => n > 1 && !ENGINE.has(k.split("/")[0]))) seen.add("cycle");
    for (const e of t.errors ?? []) {
      if (/Unable to evaluate|unresolved|Unable to resolve/.test(e.message ?? ""))
        seen.add("expression_error");
      if (/UnreachableJoinError/.test(e.message ?? "")) seen.add("unreachable_join");
      if (e.message === "Execution failed. See result for details.") seen.add("action_failure");
    }
    for (const x of t.executions ?? []) {
      if (x.subworkflow) {
        seen.add("subworkflow");
        walk(x.subworkflow);
      }
    }
  };
  walk(trace);
  for (const f of seen) features[f] = (features[f] ?? 0) + 1;
}
const failures = { interpreted: [], compiled: [] };
const strict = { interpreted: 0, compiled: 0 };
for (let b = 0; b < batches; b++) {
  const s = seed + b;
  const dir = join(out, `seed-${s}`);
  rmSync(dir, { recursive: true, force: true });
  const cases = packs
    ? genPackScenarios(packs, join(dir, "cases"), s, count, { placeholders })
    : corpus
      ? genCorpusMutants(join(dir, "cases"), s, count, join(shared, "golden/traces"))
      : genCases(join(dir, "cases"), s, count);
  const wfRoot = packs ?? (corpus ? shared : join(dir, "cases"));
  const ids = cases.map((c) => c.case_id);
  run(python, [join(here, "orquesta_reference.py"), "--root", wfRoot, "--cases", join(dir, "cases")]);
  if (packs) depths.push(depthStats(join(dir, "cases"), wfRoot));
  const modes = compiledToo ? ["interpreted", "compiled"] : ["interpreted"];
  for (const mode of modes) {
    const args = ["bin/orqc.js", "simulate", "--cases", join(dir, "cases"), "--root", wfRoot];
    if (mode === "compiled") args.push("--compiled");
    args.push("--format", "json");
    let map = {};
    try {
      map = JSON.parse(lenient("node", args));
    } catch (e) {
      console.error(`orqc simulate (${mode}) failed: ${String(e.message).slice(0, 500)}`);
    }
    writeTraces(join(dir, mode), map);
    const report = run(
      "node",
      [
        join(root, "scripts/run-ts.mjs"),
        join(here, "compare-dirs.ts"),
        join(dir, "cases"),
        join(dir, mode),
        "-",
      ],
      ids.join("\n"),
    );
    const lines = [];
    for (const line of report.trim().split("\n")) {
      const r = JSON.parse(line);
      if (r.must?.startsWith("engine exception")) {
        if (mode === "interpreted") totals.skipped++;
        continue;
      }
      if (mode === "interpreted") {
        totals.cases++;
        tally(JSON.parse(readFileSync(join(dir, "cases", r.case, "trace.json"), "utf8")));
      }
      if (r.must) {
        failures[mode].push({
          ...r,
          dir: join(dir, "cases"),
          size: caseSize(join(dir, "cases"), r.case, wfRoot),
        });
        lines.push(`MUST   ${r.case}: ${r.must}`);
      } else if (r.strict) {
        strict[mode]++;
        lines.push(`STRICT ${r.case}: ${r.strict}`);
      }
    }
    writeFileSync(join(dir, `report-${mode}.txt`), `${lines.join("\n")}\n`);
  }
  process.stdout.write(
    `seed ${s}: ${ids.length} cases; must-match differences: interpreted ${failures.interpreted.filter((f) => f.dir.includes(`seed-${s}/`)).length}` +
      (compiledToo
        ? `, compiled ${failures.compiled.filter((f) => f.dir.includes(`seed-${s}/`)).length}`
        : "") +
      ` (reports in ${dir})\n`,
  );
}

for (const mode of Object.keys(failures)) {
  const list = failures[mode].sort((a, b) => a.size - b.size);
  if (list.length === 0) continue;
  console.log(`\nsmallest ${mode} failures:`);
  for (const f of list.slice(0, 8))
    console.log(`  ${join(f.dir, f.case)} (${f.size} B): ${f.must.slice(0, 300)}`);
}
console.log(
  `\nwhat the compared cases exercise (cases per feature): ${Object.entries(features)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v}`)
    .join(", ")}`,
);
if (depths.length > 0) {
  // runs of every batch together: means weighted by modelled runs
  const sum = {};
  for (const d of depths)
    for (const [k, v] of Object.entries(d)) {
      const t = (sum[k] ??= {
        runs: 0,
        modelled: 0,
        meanTasks: 0,
        succeeded: 0,
        expressionErrors: 0,
        reached: 0,
      });
      t.runs += v.runs;
      for (const f of ["meanTasks", "succeeded", "expressionErrors", "reached"]) t[f] += v[f] * v.modelled;
      t.modelled += v.modelled;
    }
  for (const t of Object.values(sum))
    for (const f of ["meanTasks", "succeeded", "expressionErrors", "reached"])
      t[f] = t.modelled ? t[f] / t.modelled : 0;
  console.log(`\nhow far the runs got (Orquesta's traces):\n${formatDepth(sum)}`);
}
console.log(
  `\n${totals.cases} cases compared (${totals.skipped} skipped: Orquesta engine exception, or a refused execution the golden format does not model); ` +
    `must-match differences: interpreted ${failures.interpreted.length}` +
    (compiledToo ? `, compiled ${failures.compiled.length}` : "") +
    `; strict-tier only: interpreted ${strict.interpreted}` +
    (compiledToo ? `, compiled ${strict.compiled}` : ""),
);
process.exitCode = failures.interpreted.length + failures.compiled.length > 0 ? 1 : 0;
