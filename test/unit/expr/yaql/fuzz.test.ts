import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ExpressionError } from "../../../../compiler/expr/errors";
import { evaluateYaqlExpression, parseYaql } from "../../../../compiler/expr/yaql/index";

const pieces = fc.constantFrom(
  "ctx(",
  "x",
  ")",
  "(",
  "[",
  "]",
  "{",
  "}",
  ",",
  " ",
  "=>",
  "->",
  ".",
  "?.",
  "$",
  "$1",
  "1",
  "2.5",
  "'s'",
  "+",
  "-",
  "*",
  "/",
  "mod",
  "=",
  "!=",
  "<",
  "and",
  "or",
  "not",
  "in",
  "select(",
  "where(",
  "len(",
  "null",
  "true",
  "let(",
  "range(",
  "str(",
  "'",
  "\\",
  "é",
  "`",
  '"',
  "1e5",
  "%",
  "@",
);

describe("YAQL robustness", () => {
  it("reports nesting past the stack as Python's recursion error, not a JavaScript one", () => {
    for (const text of [
      "[".repeat(50_000) + "]".repeat(50_000),
      `${"(".repeat(50_000)}1${")".repeat(50_000)}`,
    ]) {
      const { ast, errors } = parseYaql(text);
      expect(ast).toBeNull();
      expect(errors[0]!.message).toBe("maximum recursion depth exceeded (the expression nests too deeply)");
    }
  });

  it("parseYaql never throws on random text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (s) => {
        const r = parseYaql(s);
        expect(r.ast === null).toBe(r.errors.length > 0);
      }),
      { numRuns: 2000 },
    );
  });

  it("parseYaql never throws on random token soup", () => {
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 25 }), (parts) => {
        const r = parseYaql(parts.join(""));
        for (const e of r.errors) expect(e.start).toBeLessThanOrEqual(e.end);
      }),
      { numRuns: 2000 },
    );
  });

  it("evaluation fails only with ExpressionError", () => {
    const env = { ctx: { x: [1, 2, 3], s: "abc", d: { a: 1 } } };
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 20 }), (parts) => {
        try {
          evaluateYaqlExpression(`<% ${parts.join("")} %>`, env);
        } catch (e) {
          expect(e).toBeInstanceOf(ExpressionError);
        }
      }),
      { numRuns: 1500 },
    );
  });
});
