// Checks the trace reference (orquesta_reference.py, the real Orquesta 1.6.0
// conductor under the wave schedule) against the golden traces: every case is
// run again and compared with the README's rules, must-match tier and strict
// tier. The fuzzer (fuzz-traces.mjs) trusts the reference only as far as this
// agrees.
//
//   node scripts/trace-diff/check-reference.mjs [--cases DIR] [--root DIR] [--out DIR]
//
// Environment: ORQUESTA_SRC, YAQL_SRC (see orquesta_reference.py), PYTHON
// (default /usr/bin/python3).

import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { option } from "../lib/args.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const opt = option;
const shared = resolve(opt("root", resolve(root, "../shared")));
const cases = resolve(opt("cases", join(shared, "golden/traces")));
const out = resolve(opt("out", join(tmpdir(), `orqc-check-reference-${process.pid}`)));
const python = process.env.PYTHON ?? "/usr/bin/python3";
mkdirSync(out, { recursive: true });

execFileSync(
  python,
  [join(here, "orquesta_reference.py"), "--root", shared, "--cases", cases, "--out", out],
  { stdio: ["ignore", "ignore", "inherit"], maxBuffer: 1 << 28 },
);
const ids = JSON.parse(readFileSync(join(cases, "INDEX.json"), "utf8")).cases.map((c) => c.case_id);
const report = execFileSync(
  "node",
  [join(root, "scripts/run-ts.mjs"), join(here, "compare-dirs.ts"), cases, out, "-"],
  { input: ids.join("\n"), encoding: "utf8", maxBuffer: 1 << 28 },
);
let must = 0;
let strict = 0;
for (const line of report.trim().split("\n")) {
  const r = JSON.parse(line);
  if (r.must) {
    must++;
    console.log(`MUST   ${r.case}: ${r.must.slice(0, 400)}`);
  } else if (r.strict) {
    strict++;
    console.log(`STRICT ${r.case}: ${r.strict}`);
  }
}
console.log(
  `${ids.length} golden traces: ${ids.length - must} agree on the must-match tier (${ids.length - must - strict} also on the strict tier), ${must} differ; reference traces in ${out}`,
);
process.exitCode = must === 0 ? 0 : 1;
