// StackStorm's functions where orqc differed from StackStorm's own source
// (found by scripts/expr-diff/fuzz-st2.mjs): yaql's camelCase parameter names
// and types from defaults, the frozen data yaql hands to Python functions,
// jsonpath-rw's grammar, orjson, yaml.safe_load, and re stepping over astral
// characters. The expected results in st2-source-findings.json were recorded by
// scripts/expr-diff/record-findings.mjs; every case runs through the evaluator
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

interface Finding {
  readonly expr: string;
  readonly expected: Parameters<typeof compareCase>[0];
}

const FILE = resolve(__dirname, "st2-source-findings.json");
const plain = JSON.parse(readFileSync(FILE, "utf8")) as { cases: Finding[] };
/** Read again for each case: the context is Python data (2.5 stays a float) and a case may change it. */
const caseOf = (i: number): ExpressionCase => {
  const doc = pyJsonLoads(readFileSync(FILE, "utf8")) as unknown as { ctx: PyValue; datastore: PyValue };
  return { id: `st2-${i}`, expr: plain.cases[i]!.expr, ctx: doc.ctx, datastore: doc.datastore };
};

describe("StackStorm's functions as StackStorm's source computes them", () => {
  let fns: (Translated | null)[] = [];
  beforeAll(async () => {
    fns = await translateAll(plain.cases.map((c) => c.expr));
  }, 120_000);

  const names = plain.cases.map((c, i) => [c.expr, i] as const);

  it.each(names)("%s (evaluator)", (_expr, i) => {
    expect(compareCase(plain.cases[i]!.expected, runCase(caseOf(i), renderValue))).toBeUndefined();
  });

  it.each(names)("%s (translated)", (_expr, i) => {
    const fn = fns[i];
    expect(fn).toBeTruthy();
    expect(
      compareCase(
        plain.cases[i]!.expected,
        runCase(caseOf(i), (_value, env) => fn!(env)),
      ),
    ).toBeUndefined();
  });
});
