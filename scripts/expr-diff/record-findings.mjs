// Records the expected results of a findings file (a shared `ctx` and
// `datastore`, and `cases` of `{expr}`) from Orquesta's own evaluate()
// (orquesta_evaluate.py; with ST2_SRC set, StackStorm's function source too):
// every case's `expected` is written again, in the golden form.
//
//   node scripts/expr-diff/record-findings.mjs FINDINGS.json [--messages]
//
// --messages keeps Orquesta's error message (without the exception class,
// which evaluate() does not report) in each failing case's `expected`.
//
// Needs ORQUESTA_SRC and YAQL_SRC (and ST2_SRC, SEMVER_SRC for StackStorm's functions).

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { requireOrquestaSrc } from "../lib/oracle.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const file = process.argv[2];
if (!file) {
  console.error("usage: node scripts/expr-diff/record-findings.mjs FINDINGS.json");
  process.exit(2);
}
requireOrquestaSrc();
const keepMessages = process.argv.includes("--messages");
// JSON.parse reads 3.0 as 3: a findings context holds no float with an integral value.
const doc = JSON.parse(readFileSync(file, "utf8"));
const cases = doc.cases.map((c, i) => ({
  id: `c${i}`,
  lang: "yaql",
  expr: c.expr,
  ctx: doc.ctx,
  datastore: doc.datastore,
}));
const input = join(mkdtempSync(join(tmpdir(), "orqc-record-")), "cases.json");
writeFileSync(input, JSON.stringify({ cases }));
const results = JSON.parse(
  execFileSync("/usr/bin/python3", [resolve(here, "orquesta_evaluate.py"), input], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
  }),
);
doc.cases = doc.cases.map((c, i) => {
  const { id: _id, message, ...expected } = results[i];
  if (keepMessages && message !== undefined) expected.message = message;
  if (expected.skip !== undefined) throw new Error(`case ${i} (${c.expr}) was skipped: ${expected.skip}`);
  return { expr: c.expr, expected };
});
// JSON.stringify writes -0 as 0: keep Python's -0.0 (round(-0.4) is -0.0)
const NEG_ZERO = "\u0000-0.0";
const text = JSON.stringify(doc, (_k, v) => (Object.is(v, -0) ? NEG_ZERO : v), 2).replaceAll(
  JSON.stringify(NEG_ZERO),
  "-0.0",
);
writeFileSync(file, `${text}\n`);
console.log(`${doc.cases.length} cases recorded in ${file}`);
