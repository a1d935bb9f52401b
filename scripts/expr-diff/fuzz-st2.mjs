// Differential fuzzing of StackStorm's expression functions: random calls
// (st2-cases.mjs) evaluated by orqc and by Orquesta's evaluate() with
// StackStorm's own function source registered (orquesta_evaluate.py with
// ST2_SRC, see st2_source_functions.py), compared by the golden rules.
//
//   node scripts/expr-diff/fuzz-st2.mjs [--seed N] [--count N] [--batches N] [--limit N]
//
// Needs a built CLI, ORQUESTA_SRC, YAQL_SRC, ST2_SRC, SEMVER_SRC (and ST2_PYLIB for orjson).

import { requireSt2Src } from "../lib/oracle.mjs";
import { compareBatches } from "./compare-batches.mjs";
import { generate } from "./st2-cases.mjs";

requireSt2Src();
compareBatches("st2", generate, ["--oracle", "orquesta"], 1000);
