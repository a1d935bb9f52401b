// Differential regression suite: expressions and templates recorded from the
// real Jinja2 3.1.6 sandbox configured as Orquesta configures it
// (jinja-reference.json; random expressions over a fixed context plus a
// hand-written list of statements and filters). Not Orquesta golden data: a
// reference for Jinja-level behaviour. Ratchet keys are "ref:<expr>".

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ExpressionError } from "../../../../compiler/expr/errors";
import {
  evaluateJinjaExpressionText,
  isJinjaStrictUndefined,
  renderJinjaTemplateText,
} from "../../../../compiler/expr/jinja/index";
import type { PyDict } from "../../../../runtime/stdlib/py/value";
import { type Expected, mismatch, outcomeOf, parsePyJson } from "./golden-harness";

interface RefCase {
  readonly expr: string;
  readonly template?: boolean;
  readonly ctx: number;
  readonly expected: Expected;
}

const REF = JSON.parse(readFileSync(resolve(__dirname, "jinja-reference.json"), "utf8")) as {
  contexts: string[];
  cases: RefCase[];
};
const KNOWN = JSON.parse(readFileSync(resolve(__dirname, "known-failures.json"), "utf8")) as Record<
  string,
  string
>;

describe("Jinja2 3.1 reference cases", () => {
  it("behave as the recorded Jinja2 sandbox, except the known failures", () => {
    const unexpected: string[] = [];
    const fixed: string[] = [];
    let passed = 0;
    for (const c of REF.cases) {
      const env = { ctx: parsePyJson(REF.contexts[c.ctx]!) as PyDict, language: "jinja" as const };
      const got = outcomeOf(() => {
        if (c.template) return renderJinjaTemplateText(c.expr, env);
        const v = evaluateJinjaExpressionText(`{{ ${c.expr} }}`, env);
        if (isJinjaStrictUndefined(v)) throw new ExpressionError("undefined_variable", "undefined result");
        return v;
      });
      const key = `ref:${c.expr}`;
      // the fixture was written with JSON.stringify, which writes -0 as 0
      const diff = mismatch(c.expected, JSON.parse(JSON.stringify(got)));
      if (diff === undefined) {
        passed++;
        if (key in KNOWN) fixed.push(key);
      } else if (!(key in KNOWN)) unexpected.push(`${JSON.stringify(c.expr)}: ${diff}`);
    }
    console.log(`jinja reference cases: ${passed}/${REF.cases.length} pass`);
    expect(unexpected, "unexpected failures").toEqual([]);
    expect(fixed, "listed in known-failures.json but passing now").toEqual([]);
  });
});
