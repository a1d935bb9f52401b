// Differential fuzzing of orqc's Jinja against Jinja2 3.1 (Debian's
// python3-jinja2): writes a batch of random cases, then compares
// `orqc eval --cases` with scripts/expr-diff/jinja_reference.py.
//
// Usage: node scripts/expr-diff/fuzz-jinja.mjs [--seed N] [--count N] [--batches N] [--limit N]
//   [--oracle orquesta] (npm run fuzz:jinja -- --seed 7). Needs npm run build first. With
// --oracle orquesta the reference is Orquesta's own evaluate() (orquesta_evaluate.py).

import { compareBatches } from "./compare-batches.mjs";
import { generate } from "./jinja-cases.mjs";

const at = process.argv.indexOf("--oracle");
compareBatches("jinja", generate, at > 0 ? ["--oracle", process.argv[at + 1]] : []);
