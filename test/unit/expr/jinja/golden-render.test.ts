// Golden conformance of the template renderer and the inline evaluator on
// the jinja cases that are not a single `{{ ... }}` (text around expressions,
// several expressions, {% %} blocks, raw blocks), driven through a test-only
// copy of Orquesta's evaluate() (golden-harness.ts). Same ratchet as
// golden.test.ts.

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import {
  caseEnv,
  isSingleExpression,
  loadJinjaCases,
  mismatch,
  orquestaRender,
  outcomeOf,
} from "./golden-harness";

const KNOWN = JSON.parse(readFileSync(resolve(__dirname, "known-failures.json"), "utf8")) as Record<
  string,
  string
>;

describe("jinja golden cases (text and templates)", () => {
  const cases = loadJinjaCases().filter((c) => typeof c.expr === "string" && !isSingleExpression(c.expr));

  it("matches the recorded results, except the known failures", () => {
    const unexpected: string[] = [];
    const fixed: string[] = [];
    let passed = 0;
    for (const c of cases) {
      const got = outcomeOf(() => orquestaRender(c.expr as string, caseEnv(c)));
      const diff = mismatch(c.expected, got);
      if (diff === undefined) {
        passed++;
        if (c.id in KNOWN) fixed.push(c.id);
      } else if (!(c.id in KNOWN)) unexpected.push(`${c.id} ${JSON.stringify(c.expr)}: ${diff}`);
    }
    console.log(`jinja text/template golden cases: ${passed}/${cases.length} pass`);
    expect(unexpected, "unexpected failures").toEqual([]);
    expect(fixed, "listed in known-failures.json but passing now").toEqual([]);
  });
});
