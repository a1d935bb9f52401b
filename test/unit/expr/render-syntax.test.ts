import { describe, expect, it } from "vitest";
import { checkExpressionSyntax, MULTIPLE_TYPES_MESSAGE } from "../../../compiler/expr/syntax";

describe("checkExpressionSyntax", () => {
  it("accepts valid expressions and plain text", () => {
    expect(checkExpressionSyntax("<% ctx(x) + 1 %>")).toEqual([]);
    expect(checkExpressionSyntax("a {{ ctx('x') | int }} b")).toEqual([]);
    expect(checkExpressionSyntax("{% for x in ctx('l') %}{{ x }}{% endfor %}")).toEqual([]);
    expect(checkExpressionSyntax("no expression")).toEqual([]);
  });
  it("refuses a mix of languages", () => {
    expect(checkExpressionSyntax("<% 1 %> {{ 2 }}")).toEqual([
      { message: MULTIPLE_TYPES_MESSAGE, start: 0, end: 15, language: null, expression: "<% 1 %> {{ 2 }}" },
    ]);
  });
  it("reports YAQL errors per expression, with offsets in the text", () => {
    const errors = checkExpressionSyntax("a <% ctx(x) + %> <% 1 %>");
    expect(errors).toHaveLength(1);
    expect(errors[0]!.language).toBe("yaql");
    expect(errors[0]!.expression).toBe("<% ctx(x) + %>");
    expect(errors[0]!.start).toBeGreaterThanOrEqual(5);
    expect(errors[0]!.end).toBeLessThanOrEqual(16);
  });
  it("reports Jinja template errors once for a sole expression", () => {
    const errors = checkExpressionSyntax("{{ ctx( }}");
    expect(errors).toHaveLength(1);
    expect(errors[0]!.language).toBe("jinja");
    expect(checkExpressionSyntax("{% if x %}no end")).toHaveLength(1);
  });
});
