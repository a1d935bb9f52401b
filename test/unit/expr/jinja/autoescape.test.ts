// `{% autoescape %}` blocks against Jinja2 3.1.2 (autoescape-cases.json,
// recorded by scripts/expr-diff/jinja_reference.py): outputs, `~`, the filters
// that read the eval context, set and filter blocks, macros and callers, with
// a constant and with a run-time value. The translator leaves such templates
// to the evaluator (a bundle's fallback list names them).

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { type ExpressionCase, runCase } from "../../../../compiler/expr/cases";
import { renderValue } from "../../../../compiler/expr/index";
import type { PyValue } from "../../../../runtime/stdlib/py/value";
import { compareCase } from "../../../conformance/expressions-compare";
import { translateAll } from "../translate/harness";

type Expected = Parameters<typeof compareCase>[0];
const FILE = resolve(__dirname, "autoescape-cases.json");
const data = JSON.parse(readFileSync(FILE, "utf8")) as {
  ctx: PyValue;
  cases: { expr: string; expected: Expected }[];
};
const caseOf = (i: number): ExpressionCase => ({
  id: `autoescape-${i}`,
  expr: data.cases[i]!.expr,
  ctx: (JSON.parse(readFileSync(FILE, "utf8")) as { ctx: PyValue }).ctx,
});

describe("{% autoescape %} as Jinja2 renders it", () => {
  it.each(data.cases.map((c, i) => [c.expr, i] as const))("%s", (_expr, i) => {
    expect(compareCase(data.cases[i]!.expected, runCase(caseOf(i), renderValue))).toBeUndefined();
  });

  it("is left to the evaluator by the translator (unless constant), templates without it are not", async () => {
    const [withBlock, without] = await translateAll([
      "{% autoescape true %}{{ ctx('s') }}{% endautoescape %}",
      "{% if true %}{{ ctx('s') }}{% endif %}",
    ]);
    expect(withBlock).toBeNull();
    expect(without).toBeTruthy();
  });
});
