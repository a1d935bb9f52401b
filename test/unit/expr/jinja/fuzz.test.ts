import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ExpressionError } from "../../../../compiler/expr/errors";
import {
  evaluateJinjaExpressionText,
  parseJinjaExpression,
  parseJinjaTemplate,
  renderJinjaTemplateText,
} from "../../../../compiler/expr/jinja/index";

const PIECES = [
  "ctx('l')",
  "ctx().d",
  "ctx('s')",
  "1",
  "2.5",
  "'a'",
  "none",
  "true",
  "x",
  "(",
  ")",
  "[",
  "]",
  "{",
  "}",
  ",",
  ":",
  ".",
  "|",
  "+",
  "-",
  "*",
  "/",
  "//",
  "%",
  "**",
  "~",
  "==",
  "<",
  "and",
  "or",
  "not",
  "in",
  "is",
  "if",
  "else",
  "length",
  "map",
  "join",
  "sort",
  "first",
  "upper",
  "default",
  "defined",
  "items",
  "keys",
  "'{}'",
  "format",
  "{{",
  "}}",
  "{%",
  "%}",
  "{#",
  "#}",
  "for",
  "endfor",
  "set",
  "=",
  "endif",
  "raw",
  "endraw",
  " ",
  "\n",
  "-",
];

const tokens = fc.array(fc.constantFrom(...PIECES), { maxLength: 14 }).map((parts) => parts.join(" "));
const text = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: "binary", maxLength: 20 }), tokens);
const env = () => ({ ctx: { l: [3, 1, 2], d: { a: 1 }, s: "Hello" }, language: "jinja" as const });

describe("parsers never throw", () => {
  it("report nesting past the stack as Python's recursion error, not a JavaScript one", () => {
    const deep = `${"(".repeat(50_000)}1${")".repeat(50_000)}`;
    for (const { ast, errors } of [
      parseJinjaExpression(deep),
      parseJinjaTemplate(`{{ ${deep} }}`),
      parseJinjaTemplate(`${"{% if 1 %}".repeat(20_000)}x${"{% endif %}".repeat(20_000)}`),
    ]) {
      expect(ast).toBeNull();
      expect(errors[0]!.message).toBe("maximum recursion depth exceeded (the expression nests too deeply)");
    }
  });

  it("parseJinjaExpression and parseJinjaTemplate return diagnostics for any input", () => {
    fc.assert(
      fc.property(text, (src) => {
        for (const r of [parseJinjaExpression(src), parseJinjaTemplate(src)]) {
          expect((r.ast === null) !== (r.errors.length === 0)).toBe(true);
          for (const d of r.errors) expect(d.start <= d.end).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("evaluation fails only with ExpressionError", () => {
    fc.assert(
      fc.property(tokens, (src) => {
        for (const run of [
          () => evaluateJinjaExpressionText(`{{ ${src} }}`, env()),
          () => renderJinjaTemplateText(src, env()),
        ]) {
          try {
            run();
          } catch (e) {
            expect(e).toBeInstanceOf(ExpressionError);
            expect((e as Error).message).not.toMatch(/InternalError/);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });
});
