// What the expression fuzzers that compare with jinja-compare.mjs share: for
// each of `--batches` seeds from `--seed`, a case file of `--count` generated
// cases (`__float:X` strings written as raw float literals), compared with
// the oracle; the exit code is 1 when any batch differs. `--messages` is passed
// on (error messages compared too, with Orquesta as the oracle).

import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { option } from "../lib/args.mjs";

const here = dirname(fileURLToPath(import.meta.url));

/**
 * @param name the temporary folder's prefix
 * @param generate (seed, count) => cases
 * @param oracle extra jinja-compare.mjs arguments (`["--oracle", "orquesta"]`)
 */
export function compareBatches(name, generate, oracle = [], defaultCount = 2000) {
  const seed = Number(option("seed", 1));
  const count = Number(option("count", defaultCount));
  const batches = Number(option("batches", 1));
  const limit = option("limit", "40");
  const dir = mkdtempSync(join(tmpdir(), `orqc-fuzz-${name}-`));
  let failed = false;
  for (let b = 0; b < batches; b++) {
    const file = join(dir, `cases-${seed + b}.json`);
    const text = JSON.stringify({ format: "orqc-golden-expressions/1", cases: generate(seed + b, count) });
    writeFileSync(file, text.replace(/"__float:([^"]+)"/g, "$1"));
    console.log(`seed ${seed + b}: ${file}`);
    try {
      execFileSync(
        process.execPath,
        [
          resolve(here, "jinja-compare.mjs"),
          file,
          "--limit",
          limit,
          ...oracle,
          ...(process.argv.includes("--messages") ? ["--messages"] : []),
        ],
        {
          stdio: "inherit",
        },
      );
    } catch {
      failed = true;
    }
  }
  process.exitCode = failed ? 1 : 0;
}
