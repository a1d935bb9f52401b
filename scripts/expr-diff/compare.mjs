// Compares two lists of golden-form results ({id, value, type[, float_paths]}
// or {id, error_type}) with the rules of golden/expressions/README.md: errors by
// category, values by deep equality plus type and float paths.
//
//   node compare.mjs CASES.json GOT.json [WANT.json] [--json]
//
// Without WANT.json the cases' own `expected` fields are the reference.
// Prints one block per mismatch and a summary; --json prints the mismatches
// as JSON instead. Reference cases that timed out or are unstable are skipped.

import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";

const args = process.argv.slice(2).filter((a) => a !== "--json");
const asJson = process.argv.includes("--json");
const [casesFile, gotFile, wantFile] = args;
if (!casesFile || !gotFile) {
  process.stderr.write("usage: node compare.mjs CASES.json GOT.json [WANT.json] [--json]\n");
  process.exit(2);
}

const readJson = (f) => JSON.parse(readFileSync(f, "utf8"));
const doc = readJson(casesFile);
const cases = (Array.isArray(doc) ? doc : doc.cases).filter((c) => (c.lang ?? "yaql") === "yaql");
const byId = (list) => new Map(list.map((r) => [r.id, r]));
const got = byId(readJson(gotFile));
const want = wantFile
  ? byId(readJson(wantFile))
  : new Map(cases.map((c) => [c.id, { id: c.id, ...c.expected }]));

// A set of mixed types has no ascending order, so sets compare as multisets.
const setItems = (r) =>
  r.type === "set" && Array.isArray(r.value) ? r.value.map((v) => JSON.stringify(v)).sort() : r.value;

export function sameResult(a, b) {
  if (a.error_type !== undefined || b.error_type !== undefined) return a.error_type === b.error_type;
  const floats = (r) => (r.type === "set" ? [] : [...(r.float_paths ?? [])].sort());
  return (
    isDeepStrictEqual(setItems(a), setItems(b)) &&
    a.type === b.type &&
    isDeepStrictEqual(floats(a), floats(b))
  );
}

const show = (r) =>
  r === undefined
    ? "(missing)"
    : r.error_type !== undefined
      ? `error ${r.error_type}${r.message ? `: ${r.message}` : ""}`
      : `${JSON.stringify(r.value)} (${r.type}${r.float_paths?.length ? ` floats ${r.float_paths.join(",")}` : ""})`;

const mismatches = [];
let compared = 0;
let skipped = 0;
for (const c of cases) {
  const w = want.get(c.id);
  const g = got.get(c.id);
  if (w === undefined || ["timeout", "unstable", "unsupported"].includes(w.error_type)) {
    skipped++;
    continue;
  }
  compared++;
  if (g === undefined || !sameResult(g, w))
    mismatches.push({ id: c.id, expr: c.expr, ctx: c.ctx, want: w, got: g });
}

if (asJson) process.stdout.write(`${JSON.stringify(mismatches, null, 1)}\n`);
else {
  for (const m of mismatches) {
    process.stdout.write(`${m.id}\n  expr: ${JSON.stringify(m.expr)}\n`);
    if (m.ctx && Object.keys(m.ctx).length) process.stdout.write(`  ctx:  ${JSON.stringify(m.ctx)}\n`);
    process.stdout.write(`  want: ${show(m.want)}\n  got:  ${show(m.got)}\n`);
  }
  process.stdout.write(`\n${compared} compared, ${skipped} skipped, ${mismatches.length} mismatches\n`);
}
process.exitCode = mismatches.length ? 1 : 0;
