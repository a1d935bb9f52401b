// Differential fuzzing of StackStorm's expression functions: random calls
// (st2-cases.mjs) evaluated by orqc and by Orquesta's evaluate() with
// StackStorm's own function source registered (orquesta_evaluate.py with
// ST2_SRC, see st2_source_functions.py), compared by the golden rules.
//
//   node scripts/expr-diff/fuzz-st2.mjs [--seed N] [--count N] [--batches N] [--limit N]
//
// Needs a built CLI, ORQUESTA_SRC, YAQL_SRC, ST2_SRC, SEMVER_SRC (and ST2_PYLIB for orjson).

import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { requireOrquestaSrc } from "../lib/oracle.mjs";
import { generate } from "./st2-cases.mjs";

const here = dirname(fileURLToPath(import.meta.url));

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

requireOrquestaSrc();
if (!process.env.ST2_SRC || !process.env.SEMVER_SRC) {
  console.error("set ST2_SRC and SEMVER_SRC (see scripts/expr-diff/st2_source_functions.py)");
  process.exit(2);
}
const seed = option("seed", 1);
const count = option("count", 1000);
const batches = option("batches", 1);
const limit = option("limit", 40);
const dir = mkdtempSync(join(tmpdir(), "orqc-fuzz-st2-"));
let failed = false;
for (let b = 0; b < batches; b++) {
  const file = join(dir, `cases-${seed + b}.json`);
  const text = JSON.stringify({ format: "orqc-golden-expressions/1", cases: generate(seed + b, count) });
  writeFileSync(file, text.replace(/"__float:([^"]+)"/g, "$1"));
  console.log(`seed ${seed + b}: ${file}`);
  try {
    execFileSync(
      process.execPath,
      [resolve(here, "jinja-compare.mjs"), file, "--limit", String(limit), "--oracle", "orquesta"],
      { stdio: "inherit" },
    );
  } catch {
    failed = true;
  }
}
process.exitCode = failed ? 1 : 0;
