// Equivalence of compiled bundles: every golden trace case runs again with
// `orqc simulate --cases --compiled` (the workflow compiled by the same passes
// and emitter as `orqc compile`, sub-workflows inlined into the bundle,
// expressions from the bundle's table) and must match the golden trace by the
// same rules as the interpreter, strict tier included.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CASES, type CaseResult, runConformance } from "./run-conformance";

describe("golden traces through compiled bundles", () => {
  let results: CaseResult[] = [];

  it("runs every case through `orqc simulate --cases --compiled`", () => {
    results = runConformance(["--compiled"]);
    const index = JSON.parse(readFileSync(join(CASES, "INDEX.json"), "utf8")) as { cases: unknown[] };
    const pass = results.filter((r) => !r.diff).length;
    const refused = results.filter((r) => r.features.includes("inspection_error")).length;
    console.log(
      `compiled bundles: ${pass}/${results.length} golden cases match (${refused} cases run workflows Orquesta refuses; orqc refuses to compile those too)`,
    );
    expect(results.length).toBe(index.cases.length);
  }, 600_000);

  it("matches every case, strict tier included", () => {
    expect(results.filter((r) => r.diff).map((r) => `${r.id}: ${r.diff}`)).toEqual([]);
    expect(results.filter((r) => r.strictDiff).map((r) => `${r.id}: ${r.strictDiff}`)).toEqual([]);
  });
});
