// Error messages as a workflow's trace shows them (the golden README's rule:
// "Unable to evaluate expression '<expr>'." up to the detail, any other
// message exactly), where orqc's differed from Orquesta's: a string result
// rendered again that fails, a strict undefined used as a key, the
// KeyError of a YAML `!!bool` that is no boolean, and Jinja's compile-time
// errors from constant folding (`'a'.nope ~ x` fails before x is read),
// use_none/zip handing an undefined argument back, and a value that renders
// itself again until the recursion limit. The
// expected results and messages were recorded from Orquesta's evaluate() by
// scripts/expr-diff/record-findings.mjs --messages; every case runs through
// the evaluator and through translated code.

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type ExpressionCase, runCase } from "../../../compiler/expr/cases";
import { renderValue } from "../../../compiler/expr/index";
import { pyJsonLoads } from "../../../runtime/stdlib/functions/py-json";
import type { PyValue } from "../../../runtime/stdlib/py/value";
import { compareCase } from "../../conformance/expressions-compare";
import { comparedMessage } from "../../conformance/trace-compare";
import { type Translated, translateAll } from "./translate/harness";

type Expected = Parameters<typeof compareCase>[0] & { readonly message?: string };

interface Finding {
  readonly expr: string;
  readonly expected: Expected;
}

const FILE = resolve(__dirname, "error-message-findings.json");
const plain = JSON.parse(readFileSync(FILE, "utf8")) as { cases: Finding[] };
const caseOf = (i: number): ExpressionCase => ({
  id: `message-${i}`,
  expr: plain.cases[i]!.expr,
  ctx: (pyJsonLoads(readFileSync(FILE, "utf8")) as unknown as { ctx: PyValue }).ctx,
});

/** Orquesta's evaluate() reports the message without its exception class; orqc's starts with it. */
const withoutClass = (m: string) => m.replace(/^\w+: /, "");

function check(i: number, got: ReturnType<typeof runCase>): void {
  const want = plain.cases[i]!.expected;
  expect(compareCase(want, got)).toBeUndefined();
  if (want.message !== undefined) {
    const message = (got as { message?: string }).message ?? "";
    expect(withoutClass(comparedMessage(message))).toBe(
      withoutClass(comparedMessage(`Exception: ${want.message}`)),
    );
  }
}

describe("error messages as Orquesta reports them", () => {
  let fns: (Translated | null)[] = [];
  beforeAll(async () => {
    fns = await translateAll(plain.cases.map((c) => c.expr));
  }, 120_000);

  it.each(plain.cases.map((c, i) => [c.expr, i] as const))("%s (evaluator)", (_expr, i) => {
    check(i, runCase(caseOf(i), renderValue));
  });

  it.each(plain.cases.map((c, i) => [c.expr, i] as const))("%s (translated)", (_expr, i) => {
    const fn = fns[i];
    expect(fn).toBeTruthy();
    check(
      i,
      runCase(caseOf(i), (_value, env) => fn!(env)),
    );
  });
});
