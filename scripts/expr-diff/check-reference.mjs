// Checks the Jinja2 reference (jinja_reference.py) against the golden Jinja
// cases recorded from Orquesta: every case the reference does not skip must
// give the golden result.
//
// Usage: node scripts/expr-diff/check-reference.mjs [GOLDEN_CASES.json]

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { difference } from "./jinja-compare.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const golden = process.argv[2] ?? resolve(here, "../../../shared/golden/expressions/cases.json");
const PYTHON = process.env.ORQC_JINJA_PYTHON ?? "/usr/bin/python3";

// the golden file is passed as it is: JSON.stringify would write 1.0 as 1
const all = JSON.parse(readFileSync(golden, "utf8")).cases;
const output = JSON.parse(
  execFileSync(PYTHON, [resolve(here, "jinja_reference.py"), golden], {
    encoding: "utf8",
    maxBuffer: 1 << 30,
  }),
);
const cases = all.filter((c) => c.lang === "jinja");
const results = output.filter((_r, i) => all[i].lang === "jinja");
let skipped = 0;
let wrong = 0;
results.forEach((got, i) => {
  if (got.skip !== undefined) {
    skipped++;
    return;
  }
  const diff = difference(cases[i].expected, got);
  if (diff !== undefined) {
    wrong++;
    console.log(
      `${diff}: ${JSON.stringify(cases[i].expr)} golden ${JSON.stringify(cases[i].expected)} reference ${JSON.stringify(got)}`,
    );
  }
});
console.log(
  `${cases.length} golden Jinja cases: ${cases.length - skipped - wrong} agree, ${wrong} differ, ${skipped} skipped`,
);
process.exitCode = wrong === 0 ? 0 : 1;
