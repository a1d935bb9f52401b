// Jinja's `self` (a TemplateReference): blocks called again by name, its
// str() and identity. Expected results recorded from Orquesta 1.6.0's own
// evaluator (scripts/expr-diff/orquesta_evaluate.py). Templates naming `self`
// run on the evaluator in compiled bundles: the translator leaves them.

import { describe, expect, it } from "vitest";
import { runCase } from "../../../../compiler/expr/cases";
import { renderValue } from "../../../../compiler/expr/index";
import { compareCase } from "../../../conformance/expressions-compare";
import { translateAll } from "../translate/harness";

type Expected = Parameters<typeof compareCase>[0];

const CASES: ReadonlyArray<readonly [string, Expected]> = [
  ["x{{ self }}", { value: "x<TemplateReference None>", type: "str" }],
  ["{{ self | string }}", { value: "<TemplateReference None>", type: "str" }],
  ["{{ self == self }}", { value: true, type: "bool" }],
  ["{{ self is defined }}", { value: true, type: "bool" }],
  ["{{ self.nope }}", { error_type: "undefined_variable" }],
  ["{{ self.nope is defined }}", { value: false, type: "bool" }],
  ["{% block b %}x{% endblock %}{{ self.b() }}", { value: "xx", type: "str" }],
  ["{% block b %}x{% endblock %}|{{ self.b() }}", { value: "x|x", type: "str" }],
  ["{{ self | length }}", { error_type: "evaluation" }],
  ["{{ self ~ 1 }}", { value: "<TemplateReference None>1", type: "str" }],
  ["{{ self | tojson }}", { error_type: "evaluation" }],
  ["{% if self %}y{% endif %}", { value: "y", type: "str" }],
  ["{{ [self] | length }}", { value: 1, type: "int" }],
  ["{{ self.b }}", { error_type: "undefined_variable" }],
  ["{% block b %}{{ 1 + 1 }}{% endblock %}", { value: "2", type: "str" }],
  ["{% block b scoped %}x{% endblock %}", { value: "x", type: "str" }],
  ["{% set self = 1 %}{{ self }}", { value: "1", type: "str" }],
  ["{{ self() }}", { error_type: "evaluation" }],
  ["{{ self | list }}", { error_type: "evaluation" }],
  ["{{ self is none }}", { value: false, type: "bool" }],
  ["{{ self | pprint }}", { value: "<TemplateReference None>", type: "str" }],
  ["{% block a %}A{% endblock %}{% block a %}B{% endblock %}", { error_type: "evaluation" }],
  ["{{ super() }}", { error_type: "undefined_variable" }],
  ["{% block b %}{{ super() }}{% endblock %}", { error_type: "undefined_variable" }],
  ["{{ self['b'] }}", { error_type: "undefined_variable" }],
  ["{% block b %}z{% endblock %}{{ self['b']() }}", { value: "zz", type: "str" }],
  ["{{ self.__class__ }}", { error_type: "undefined_variable" }],
];

describe("Jinja self", () => {
  it.each(CASES)("%s", (expr, expected) => {
    const got = runCase({ id: "self", expr, ctx: { l: [1] } }, renderValue);
    expect(compareCase(expected, got)).toBeUndefined();
  });

  it("is left to the evaluator by the translator when it reads the run", async () => {
    const [reads, constant] = await translateAll(["{{ ctx('l') ~ self }}", "x{{ self }}"]);
    expect(reads).toBeNull();
    // A template that reads nothing from the run is rendered once at translation, `self` or not.
    expect(constant?.({ ctx: {} })).toBe("x<TemplateReference None>");
  }, 60_000);
});
