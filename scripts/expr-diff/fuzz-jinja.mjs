// Differential fuzzing of orqc's Jinja against Jinja2 3.1 (Debian's
// python3-jinja2): writes a batch of random cases, then compares
// `orqc eval --cases` with scripts/expr-diff/jinja_reference.py.
//
// Usage: node scripts/expr-diff/fuzz-jinja.mjs [--seed N] [--count N] [--batches N] [--limit N]
//   [--oracle orquesta] (npm run fuzz:jinja -- --seed 7). Needs npm run build first. With
// --oracle orquesta the reference is Orquesta's own evaluate() (orquesta_evaluate.py).

import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { generate } from "./jinja-cases.mjs";

const here = dirname(fileURLToPath(import.meta.url));

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

const seed = option("seed", 1);
const count = option("count", 2000);
const batches = option("batches", 1);
const limit = option("limit", 40);
const dir = mkdtempSync(join(tmpdir(), "orqc-fuzz-jinja-"));
let failed = false;
for (let b = 0; b < batches; b++) {
  const file = join(dir, `cases-${seed + b}.json`);
  // "__float:1.0" in the context stands for the JSON number 1.0 (JSON.stringify would write 1)
  const text = JSON.stringify({ format: "orqc-golden-expressions/1", cases: generate(seed + b, count) });
  writeFileSync(file, text.replace(/"__float:([^"]+)"/g, "$1"));
  console.log(`seed ${seed + b}: ${file}`);
  try {
    const oracle = process.argv.includes("--oracle")
      ? ["--oracle", process.argv[process.argv.indexOf("--oracle") + 1]]
      : [];
    execFileSync(
      process.execPath,
      [resolve(here, "jinja-compare.mjs"), file, "--limit", String(limit), ...oracle],
      {
        stdio: "inherit",
      },
    );
  } catch {
    failed = true;
  }
}
process.exitCode = failed ? 1 : 0;
