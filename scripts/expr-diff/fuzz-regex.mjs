// Differential fuzzing of orqc's Python regular expressions: random patterns
// (regex-cases.mjs) through StackStorm's regex_* functions and yaql's regex()
// methods, evaluated by orqc and by Orquesta's evaluate() with StackStorm's own
// function source (orquesta_evaluate.py with ST2_SRC), compared by the golden rules.
//
//   node scripts/expr-diff/fuzz-regex.mjs [--seed N] [--count N] [--batches N] [--limit N]
//
// Needs a built CLI, ORQUESTA_SRC, YAQL_SRC, ST2_SRC, SEMVER_SRC (see st2_source_functions.py).

import { requireSt2Src } from "../lib/oracle.mjs";
import { compareBatches } from "./compare-batches.mjs";
import { generate } from "./regex-cases.mjs";

requireSt2Src();
compareBatches("regex", generate, ["--oracle", "orquesta"], 1000);
