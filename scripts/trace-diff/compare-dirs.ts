// Compares two folders of traces in golden layout (<case>/trace.json) with the
// README's rules (test/conformance/trace-compare.ts) and prints one JSON line
// per case: {case, must, strict} (null when that tier agrees, else the first
// difference; "missing" when a side has no trace).
//
// Usage: node scripts/run-ts.mjs scripts/trace-diff/compare-dirs.ts EXPECTED_DIR ACTUAL_DIR CASE_ID...
//        (or "-" instead of the case ids: read them, one per line, from stdin)

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { compareStrictTier, compareTraces } from "../../test/conformance/trace-compare";

type Obj = { [key: string]: never };

const [expectedDir, actualDir, ...rest] = process.argv.slice(2);
if (!expectedDir || !actualDir) {
  console.error("usage: compare-dirs.ts EXPECTED_DIR ACTUAL_DIR CASE_ID... | -");
  process.exit(2);
}
const ids = rest[0] === "-" ? readFileSync(0, "utf8").split("\n").filter(Boolean) : rest;

function load(dir: string, id: string): Obj | null {
  const p = join(dir, id, "trace.json");
  return existsSync(p) ? (JSON.parse(readFileSync(p, "utf8")) as Obj) : null;
}

for (const id of ids) {
  const e = load(expectedDir, id);
  const a = load(actualDir, id);
  if (!e || !a) {
    console.log(
      JSON.stringify({ case: id, must: `missing ${e ? "actual" : "expected"} trace`, strict: null }),
    );
    continue;
  }
  if ("engine_exception" in e || "engine_exception" in a) {
    const which = "engine_exception" in e ? e : a;
    console.log(
      JSON.stringify({ case: id, must: `engine exception: ${String(which.engine_exception)}`, strict: null }),
    );
    continue;
  }
  if ("error" in a) {
    console.log(JSON.stringify({ case: id, must: `orqc error: ${String(a.error)}`, strict: null }));
    continue;
  }
  console.log(JSON.stringify({ case: id, must: compareTraces(e, a), strict: compareStrictTier(e, a) }));
}
