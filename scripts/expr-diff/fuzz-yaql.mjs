// Differential fuzzing of orqc's YAQL against real yaql: generates a seeded
// batch of random cases, evaluates it with `orqc eval --cases` and with the
// Python reference (yaql_reference.py under Debian's /usr/bin/python3), and
// prints the mismatches (see docs/conformance.md).
//
//   node scripts/expr-diff/fuzz-yaql.mjs [--seed N] [--count N] [--batches N] [--out DIR] [--mutants]
//
// --mutants: instead of random expressions, variants of the golden YAQL cases
// (--count is then the number of variants per golden case).
//
// Environment: PYTHON (default /usr/bin/python3), YAQL_SRC (a yaql 3.2.0
// source tree; see yaql_reference.py).

import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { option } from "../lib/args.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const opt = option;
const seed = Number(opt("seed", 1));
const count = Number(opt("count", 500));
const batches = Number(opt("batches", 1));
const out = resolve(opt("out", join(root, ".fuzz-yaql")));
const python = process.env.PYTHON ?? "/usr/bin/python3";
const generator = process.argv.includes("--mutants") ? "gen-golden-mutants.mjs" : "gen-yaql-cases.mjs";
mkdirSync(out, { recursive: true });

const run = (cmd, args, env = process.env) =>
  execFileSync(cmd, args, {
    cwd: root,
    env,
    encoding: "utf8",
    maxBuffer: 1 << 28,
    stdio: ["ignore", "pipe", "inherit"],
  });

/** Runs the reference under three string-hash seeds; results that differ (set order, object addresses) are marked unstable. */
function reference(casesFile) {
  const once = (hashSeed) =>
    JSON.parse(
      run(python, [join(here, "yaql_reference.py"), casesFile], { ...process.env, PYTHONHASHSEED: hashSeed }),
    );
  const [a, ...others] = ["1", "2", "3"].map(once);
  const same = (r, o) => JSON.stringify(r) === JSON.stringify({ ...o, message: r.message });
  return a.map((r, i) =>
    r.error_type !== undefined || others.every((o) => same(r, o[i]))
      ? r
      : { id: r.id, error_type: "unstable", message: "result depends on Python's string hashing" },
  );
}
const runLenient = (cmd, args) => {
  try {
    return run(cmd, args);
  } catch (e) {
    if (typeof e.stdout === "string" && e.stdout.length > 0) return e.stdout;
    throw e;
  }
};

/** JSON.stringify, except that -0.0 keeps its sign (as Python's json.dumps writes it). */
function jsonText(v) {
  if (Object.is(v, -0)) return "-0.0";
  if (Array.isArray(v)) return `[${v.map(jsonText).join(",")}]`;
  if (v !== null && typeof v === "object")
    return `{${Object.entries(v)
      .filter(([, x]) => x !== undefined)
      .map(([k, x]) => `${JSON.stringify(k)}:${jsonText(x)}`)
      .join(",")}}`;
  return JSON.stringify(v);
}

let total = 0;
let failed = 0;
for (let b = 0; b < batches; b++) {
  const s = seed + b;
  const casesFile = join(out, `cases-${s}.json`);
  const orqcFile = join(out, `orqc-${s}.json`);
  const refFile = join(out, `ref-${s}.json`);
  writeFileSync(casesFile, run("node", [join(here, generator), String(s), String(count)]));
  writeFileSync(
    orqcFile,
    runLenient("node", ["bin/orqc.js", "eval", "--cases", casesFile, "--format", "json"]),
  );
  writeFileSync(refFile, jsonText(reference(casesFile)));
  const report = runLenient("node", [join(here, "compare.mjs"), casesFile, orqcFile, refFile]);
  const summary = report.trim().split("\n").at(-1) ?? "";
  const mismatches = Number(/(\d+) mismatches/.exec(summary)?.[1] ?? 0);
  total += Number(/(\d+) compared/.exec(summary)?.[1] ?? 0) + Number(/(\d+) skipped/.exec(summary)?.[1] ?? 0);
  failed += mismatches;
  writeFileSync(join(out, `report-${s}.txt`), report);
  process.stdout.write(`seed ${s}: ${summary} (report-${s}.txt)\n`);
}
process.stdout.write(`${total} cases, ${failed} mismatches; reports in ${out}\n`);
process.exitCode = failed ? 1 : 0;
