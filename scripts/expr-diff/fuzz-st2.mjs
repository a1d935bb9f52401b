// Differential fuzzing of StackStorm's expression functions: random calls
// (st2-cases.mjs) evaluated by orqc and by Orquesta's evaluate() with
// StackStorm's own function source registered (orquesta_evaluate.py with
// ST2_SRC, see st2_source_functions.py), compared by the golden rules.
//
//   node scripts/expr-diff/fuzz-st2.mjs [--seed N] [--count N] [--batches N] [--limit N]
//
// Needs a built CLI, ORQUESTA_SRC, YAQL_SRC, ST2_SRC, SEMVER_SRC (and ST2_PYLIB for orjson).

import { requireOrquestaSrc } from "../lib/oracle.mjs";
import { compareBatches } from "./compare-batches.mjs";
import { generate } from "./st2-cases.mjs";

requireOrquestaSrc();
if (!process.env.ST2_SRC || !process.env.SEMVER_SRC) {
  console.error("set ST2_SRC and SEMVER_SRC (see scripts/expr-diff/st2_source_functions.py)");
  process.exit(2);
}
compareBatches("st2", generate, ["--oracle", "orquesta"], 1000);
