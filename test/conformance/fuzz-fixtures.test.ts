// Regression cases found by the trace fuzzer (scripts/trace-diff): each folder
// under test/fixtures/fuzz-traces holds a random workflow, its scenario and the
// trace the real Orquesta 1.6.0 engine gave (orquesta_reference.py). The built
// CLI must match both tiers of the golden README's comparison, interpreted and
// compiled.

import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runConformance } from "./run-conformance";

const CASES = join(resolve(__dirname, "../.."), "test/fixtures/fuzz-traces");
const index = JSON.parse(readFileSync(join(CASES, "INDEX.json"), "utf8")) as {
  cases: Array<{ case_id: string; why: string }>;
};

describe.each([
  ["interpreted", [] as string[]],
  ["compiled", ["--compiled"]],
])("fuzz-found traces (%s)", (_mode, extra) => {
  const results = new Map(runConformance(extra, CASES, CASES).map((r) => [r.id, r]));
  it.each(index.cases.map((c) => [c.case_id, c.why]))("%s: %s", (id) => {
    const result = results.get(id);
    expect(result, "no result").toBeDefined();
    expect(result!.diff).toBeNull();
    expect(result!.strictDiff).toBeNull();
  });
});
