// Golden conformance of the Jinja evaluator on every jinja case whose value
// is exactly one `{{ ... }}`. Ratchet: known-failures.json lists the ids that
// still fail; an unlisted failure or a listed pass fails the test.

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ExpressionError } from "../../../../compiler/expr/errors";
import {
  evaluateJinjaExpressionText,
  isJinjaStrictUndefined,
  stripJinjaDelimiter,
} from "../../../../compiler/expr/jinja/index";
import { caseEnv, isSingleExpression, loadJinjaCases, mismatch, outcomeOf } from "./golden-harness";

const KNOWN = JSON.parse(readFileSync(resolve(__dirname, "known-failures.json"), "utf8")) as Record<
  string,
  string
>;

describe("jinja golden cases (single expression)", () => {
  const cases = loadJinjaCases().filter((c) => isSingleExpression(c.expr));

  it("matches the recorded results, except the known failures", () => {
    const unexpected: string[] = [];
    const fixed: string[] = [];
    let passed = 0;
    for (const c of cases) {
      const exprText = c.expr as string;
      const got = outcomeOf(() => {
        const v = evaluateJinjaExpressionText(exprText, caseEnv(c));
        if (isJinjaStrictUndefined(v)) {
          throw new ExpressionError(
            "undefined_variable",
            `There are unresolved variables: ${stripJinjaDelimiter(exprText)}`,
          );
        }
        return v;
      });
      const diff = mismatch(c.expected, got);
      if (diff === undefined) {
        passed++;
        if (c.id in KNOWN) fixed.push(c.id);
      } else if (!(c.id in KNOWN)) unexpected.push(`${c.id} ${exprText}: ${diff}`);
    }
    console.log(`jinja single-expression golden cases: ${passed}/${cases.length} pass`);
    expect(unexpected, "unexpected failures").toEqual([]);
    expect(fixed, "listed in known-failures.json but passing now").toEqual([]);
  });
});
