// Differences from Jinja2 found by the differential fuzzer (scripts/expr-diff,
// `npm run fuzz:jinja`), each fixed in the evaluator: the expected results in
// jinja2-findings.json were recorded with Debian's python3-jinja2 3.1.2 by
// scripts/expr-diff/jinja_reference.py. Every case runs through the evaluator
// and through translated code, compared by the golden README's rules.

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type ExpressionCase, runCase } from "../../../../compiler/expr/cases";
import { renderValue } from "../../../../compiler/expr/index";
import { pyJsonLoads } from "../../../../runtime/stdlib/functions/py-json";
import type { PyValue } from "../../../../runtime/stdlib/py/value";
import { compareCase } from "../../../conformance/expressions-compare";
import { type Translated, translateAll } from "../translate/harness";

type Expected = Parameters<typeof compareCase>[0];

interface Finding {
  /** A string, or an object/array rendered recursively (render-structure). */
  readonly expr: PyValue;
  readonly expected: Expected;
}

const FILE = resolve(__dirname, "jinja2-findings.json");
const plain = JSON.parse(readFileSync(FILE, "utf8")) as { cases: Finding[] };
/** Read again for each side: the context is Python data (2.5 stays a float) and a case may mutate it. */
const load = () => pyJsonLoads(readFileSync(FILE, "utf8")) as unknown as { ctx: PyValue };

const caseOf = (i: number): ExpressionCase => ({
  id: `finding-${i}`,
  expr: plain.cases[i]!.expr,
  ctx: load().ctx,
});

describe("Jinja2 3.1.2 behaviour found by the differential fuzzer", () => {
  let fns: (Translated | null)[] = [];
  beforeAll(async () => {
    fns = await translateAll(plain.cases.map((c) => c.expr));
  }, 120_000);

  it.each(plain.cases.map((c, i) => [JSON.stringify(c.expr), i] as const))("%s (evaluator)", (_expr, i) => {
    const got = runCase(caseOf(i), renderValue);
    expect(compareCase(plain.cases[i]!.expected, got)).toBeUndefined();
  });

  it.each(plain.cases.map((c, i) => [JSON.stringify(c.expr), i] as const))("%s (translated)", (_expr, i) => {
    const fn = fns[i];
    expect(fn).toBeTruthy();
    const got = runCase(caseOf(i), (_value, env) => fn!(env));
    expect(compareCase(plain.cases[i]!.expected, got)).toBeUndefined();
  });
});
