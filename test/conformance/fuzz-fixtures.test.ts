// Regression cases found by the trace fuzzer (scripts/trace-diff): each folder
// under test/fixtures/fuzz-traces holds a random workflow, its scenario and the
// trace the real Orquesta 1.6.0 engine gave (orquesta_reference.py). The built
// CLI must match both tiers of the golden README's comparison, interpreted and
// compiled.

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { compareStrictTier, compareTraces } from "./trace-compare";

type Obj = { [key: string]: never };

const project = resolve(__dirname, "../..");
const CASES = join(project, "test/fixtures/fuzz-traces");
const index = JSON.parse(readFileSync(join(CASES, "INDEX.json"), "utf8")) as {
  cases: Array<{ case_id: string; why: string }>;
};

function simulate(extra: string[]): Record<string, Obj> {
  const out = execFileSync(
    "node",
    [
      join(project, "bin/orqc.js"),
      "simulate",
      "--cases",
      CASES,
      "--root",
      CASES,
      "--format",
      "json",
      ...extra,
    ],
    { maxBuffer: 1 << 28, encoding: "utf8" },
  );
  return JSON.parse(out) as Record<string, Obj>;
}

describe.each([
  ["interpreted", [] as string[]],
  ["compiled", ["--compiled"]],
])("fuzz-found traces (%s)", (_mode, extra) => {
  const actual = simulate(extra);
  it.each(index.cases.map((c) => [c.case_id, c.why]))("%s: %s", (id) => {
    const expected = JSON.parse(readFileSync(join(CASES, id, "trace.json"), "utf8")) as Obj;
    const got = actual[id];
    expect(got, "no trace produced").toBeDefined();
    expect(compareTraces(expected, got!)).toBeNull();
    expect(compareStrictTier(expected, got!)).toBeNull();
  });
});
