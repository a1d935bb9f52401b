// Golden conformance for the YAQL evaluator: every YAQL case of
// golden/expressions/cases.json whose value is exactly one `<% ... %>`.
// known-failures.json is a ratchet: a case not listed must pass, and a listed
// case that passes must be removed from the list.

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSingleExpressionCases, runCase } from "./golden-harness";

const KNOWN = JSON.parse(readFileSync(resolve(__dirname, "known-failures.json"), "utf8")) as Record<
  string,
  string
>;

describe("YAQL golden expressions (single <% %> values)", () => {
  const cases = loadSingleExpressionCases();

  it("has the cases", () => {
    expect(cases.length).toBeGreaterThan(1000);
  });

  it("passes every case not listed in known-failures.json, and no listed one", () => {
    const unexpected: string[] = [];
    const fixed: string[] = [];
    let passed = 0;
    for (const c of cases) {
      const diff = runCase(c);
      if (diff === undefined) {
        passed++;
        if (c.id in KNOWN) fixed.push(c.id);
      } else if (!(c.id in KNOWN)) unexpected.push(`${c.id}: ${c.expr} -> ${diff}`);
    }
    console.log(`YAQL golden: ${passed}/${cases.length} single-expression cases pass`);
    expect(unexpected, "cases that fail and are not in known-failures.json").toEqual([]);
    expect(fixed, "cases that now pass: remove them from known-failures.json").toEqual([]);
  });

  it("lists only real case ids as known failures", () => {
    const ids = new Set(cases.map((c) => c.id));
    expect(Object.keys(KNOWN).filter((id) => !ids.has(id))).toEqual([]);
  });
});
