// Conformance against the golden traces recorded from the real Orquesta engine.
// Runs the BUILT CLI once (`npm run build` first) and compares every case by the
// README's "must match exactly" rules. Ratchet: traces-known-failures.json lists
// the failing cases with a reason; an unlisted failure or a listed pass fails.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type CaseResult, runConformance } from "./run-conformance";

const KNOWN = join(__dirname, "traces-known-failures.json");

describe("golden traces", () => {
  let results: CaseResult[] = [];

  it("runs every case through `orqc simulate --cases`", () => {
    results = runConformance();
    const pass = results.filter((r) => !r.diff).length;
    const pct = ((100 * pass) / results.length).toFixed(1);
    const strict = results.filter((r) => !r.diff && !r.strictDiff).length;
    console.log(`golden traces: ${pass}/${results.length} cases match (${pct}%); strict tier too: ${strict}`);
    const shifted = results.filter((r) => r.clockShifted).map((r) => `${r.id} (${r.clockShifted})`);
    if (shifted.length > 0)
      console.log(`matched with the recording day for today's date: ${shifted.join(", ")}`);
    expect(results.length).toBeGreaterThan(0);
  }, 300_000);

  it("matches the known-failures ratchet", () => {
    const known = JSON.parse(readFileSync(KNOWN, "utf8")) as Record<string, string>;
    const unexpected = results
      .filter((r) => r.diff && !Object.hasOwn(known, r.id))
      .map((r) => `${r.id}: ${r.diff}`);
    const fixed = results.filter((r) => !r.diff && Object.hasOwn(known, r.id)).map((r) => r.id);
    expect(unexpected, "cases failing that are not in traces-known-failures.json").toEqual([]);
    expect(fixed, "cases now passing: remove them from traces-known-failures.json").toEqual([]);
  });

  it("mirrors Orquesta's conductor state (strict tier) on every passing case", () => {
    const strictOnly = results.filter((r) => !r.diff && r.strictDiff).map((r) => `${r.id}: ${r.strictDiff}`);
    expect(strictOnly).toEqual([]);
  });
});
