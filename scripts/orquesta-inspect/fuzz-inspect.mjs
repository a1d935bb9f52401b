#!/usr/bin/env node
// Differential fuzzing of orqc's reimplementation of Orquesta's inspector
// (compiler/inspect) against the real Orquesta 1.6.0: seeded random workflows,
// valid and broken in every way the inspector looks at (schema, semantics,
// expression syntax, variables used before assignment across branches, joins,
// cycles, with-items, retry, publish, output), inspected by both; the
// entries are compared the way the golden traces are (messages of syntax and
// expression entries are informational).
// Usage: ORQUESTA_SRC=DIR [YAQL_SRC=DIR] node scripts/orquesta-inspect/fuzz-inspect.mjs [N=400] [SEED=1] [--corpus]
// --corpus: damaged copies of the corpus workflows (corpus-mutants.mjs) instead of random ones;
// --corpus=DIR: of the workflows under DIR (any folder of packs) instead of ../shared/corpus.
// Prints a summary and the smallest differing workflows; exit 1 when any differ.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { requireOrquestaSrc, runJson } from "../lib/oracle.mjs";
import { corpusWorkflows, mutateWorkflow } from "./corpus-mutants.mjs";
import { randomWorkflow } from "./random-workflow.mjs";

const positional = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const corpusFlag = process.argv.find((a) => a === "--corpus" || a.startsWith("--corpus="));
const N = Number(positional[0] ?? 400);
const SEED = Number(positional[1] ?? 1);
const fromCorpus = corpusFlag !== undefined;
const root = resolve(import.meta.dirname, "../..");
const corpusDir = corpusFlag?.startsWith("--corpus=")
  ? resolve(corpusFlag.slice(9))
  : resolve(root, "../shared/corpus");
const corpus = fromCorpus ? corpusWorkflows(corpusDir) : [];

/** The i-th workflow text of this run. */
function workflowText(i) {
  if (!fromCorpus) return randomWorkflow(SEED * 100_003 + i);
  for (let k = 0; ; k++) {
    const seed = SEED * 100_003 + i * 31 + k;
    const text = mutateWorkflow(corpus[seed % corpus.length], seed);
    if (text !== null) return text;
  }
}
requireOrquestaSrc();

/** The fields compared per category (the golden traces' rules). */
function comparable(category, e) {
  const base = { spec_path: e.spec_path, schema_path: e.schema_path };
  if (category === "syntax") return base;
  if (category === "semantics") return { ...base, message: e.message };
  if (category === "expressions") return { ...base, expression: e.expression, type: e.type };
  return { ...base, expression: e.expression, type: e.type, message: e.message };
}

function normalise(verdict) {
  if (!verdict) return { missing: true };
  if (verdict.load) return { load: true };
  const out = {};
  for (const [category, entries] of Object.entries(verdict.errors).sort(([x], [y]) => x.localeCompare(y))) {
    if (entries.length === 0) continue;
    const list = entries.map((e) => comparable(category, e));
    // Orquesta orders the variables of one expression by name through a set: YAQL and Jinja
    // references to the same name come in per-process hash order. Compare context entries as a multiset.
    if (category === "context") list.sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
    out[category] = list;
  }
  return out;
}

const dir = mkdtempSync(join(tmpdir(), "orqc-fuzz-inspect-"));
try {
  const files = [];
  const texts = new Map();
  for (let i = 0; i < N; i++) {
    const text = workflowText(i);
    const file = join(dir, `wf${i}.yaml`);
    writeFileSync(file, text);
    files.push(file);
    texts.set(file, text);
  }
  const real = runJson("/usr/bin/python3", [
    join(import.meta.dirname, "inspect_workflows.py"),
    "--raw",
    ...files,
  ]);
  const ours = runJson(process.execPath, [
    join(root, "scripts/run-ts.mjs"),
    join(import.meta.dirname, "orqc-inspect.ts"),
    ...files,
  ]);

  const differing = [];
  const tally = { refusedByBoth: 0, acceptedByBoth: 0, crashed: 0 };
  for (const file of files) {
    // Orquesta itself failing with an internal error is left out, as in the golden traces.
    if (real[file]?.errors?.exception) {
      tally.crashed++;
      continue;
    }
    const a = normalise(real[file]);
    const b = normalise(ours[file]);
    if (JSON.stringify(a) !== JSON.stringify(b)) differing.push({ file, real: a, ours: b });
    else if (Object.keys(a).length > 0) tally.refusedByBoth++;
    else tally.acceptedByBoth++;
  }
  console.log(
    `${N} ${fromCorpus ? "damaged corpus" : "random"} workflows (seed ${SEED}): ${tally.refusedByBoth + tally.acceptedByBoth} inspected alike ` +
      `(${tally.refusedByBoth} refused, ${tally.acceptedByBoth} accepted by both), ${differing.length} differ, ` +
      `${tally.crashed} left out (Orquesta's inspector raised an exception)`,
  );
  differing.sort((x, y) => texts.get(x.file).length - texts.get(y.file).length);
  for (const d of differing.slice(0, Number(process.env.SHOW ?? 5))) {
    console.log(`\n--- ${d.file}\n${texts.get(d.file)}`);
    console.log(`Orquesta: ${JSON.stringify(d.real, null, 1)}`);
    console.log(`orqc:     ${JSON.stringify(d.ours, null, 1)}`);
  }
  if (differing.length > 0) process.exitCode = 1;
} finally {
  if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true });
}
