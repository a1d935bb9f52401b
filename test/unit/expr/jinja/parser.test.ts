import { describe, expect, it } from "vitest";
import { parseJinjaExpression, parseJinjaTemplate } from "../../../../compiler/expr/jinja/index";

describe("parseJinjaExpression", () => {
  it("builds nodes with source offsets", () => {
    const { ast, errors } = parseJinjaExpression("ctx('x') + 1");
    expect(errors).toEqual([]);
    expect(ast).toMatchObject({ kind: "binop", op: "+", start: 0, end: 12 });
    if (ast?.kind !== "binop") throw new Error("expected a binop");
    expect(ast.left).toMatchObject({ kind: "call", start: 0, end: 8 });
    expect(ast.right).toMatchObject({ kind: "const", value: 1, start: 11, end: 12 });
  });

  it("follows Jinja's precedence: ** is left associative and looser than unary minus", () => {
    const pow = parseJinjaExpression("2 ** 3 ** 2").ast;
    expect(pow).toMatchObject({ kind: "binop", op: "**", left: { kind: "binop", op: "**" } });
    const neg = parseJinjaExpression("-2 ** 2").ast;
    expect(neg).toMatchObject({ kind: "binop", op: "**", left: { kind: "unary", op: "-" } });
  });

  it("binds filters and tests tighter than arithmetic", () => {
    const ast = parseJinjaExpression("l | length / 2").ast;
    expect(ast).toMatchObject({ kind: "binop", op: "/", left: { kind: "filter", name: "length" } });
    const test = parseJinjaExpression("x is not divisibleby 3").ast;
    expect(test).toMatchObject({ kind: "unary", op: "not", node: { kind: "test", name: "divisibleby" } });
  });

  it("parses literals, slices, kwargs and inline if", () => {
    expect(parseJinjaExpression("(1,)").ast).toMatchObject({ kind: "tuple" });
    expect(parseJinjaExpression("'a' 'b'").ast).toMatchObject({ kind: "const", value: "ab" });
    expect(parseJinjaExpression("s[::-1]").ast).toMatchObject({ kind: "getitem", arg: { kind: "slice" } });
    expect(parseJinjaExpression("f(1, k=2)").ast).toMatchObject({ kind: "call", kwargs: [{ key: "k" }] });
    expect(parseJinjaExpression("'a' if c").ast).toMatchObject({ kind: "condexpr", expr2: undefined });
    expect(parseJinjaExpression("{'a': {'b': 1}}").errors).toEqual([]);
  });

  it("reports syntax errors as diagnostics with offsets", () => {
    const r = parseJinjaExpression("ctx('x'))");
    expect(r.ast).toBeNull();
    expect(r.errors[0]).toEqual({ message: "unexpected ')'", start: 8, end: 9 });
    for (const bad of [
      "1 +",
      "",
      "a b",
      "1 = 1",
      "1 === 1",
      "007",
      "'abc",
      "[x for x in l]",
      "lambda: 1",
      "x is",
    ]) {
      const res = parseJinjaExpression(bad);
      expect(res.ast, bad).toBeNull();
      expect(res.errors.length, bad).toBe(1);
    }
  });
});

describe("parseJinjaTemplate", () => {
  it("parses statements with their bodies", () => {
    const { ast, errors } = parseJinjaTemplate("{% for i in l if i %}{{ i }}{% else %}none{% endfor %}");
    expect(errors).toEqual([]);
    expect(ast?.body[0]).toMatchObject({
      kind: "for",
      target: { kind: "name", name: "i" },
      else_: [{ kind: "data" }],
    });
  });

  it("applies trim_blocks and lstrip_blocks", () => {
    const { ast } = parseJinjaTemplate("  {% if t %}\n    x\n  {% endif %}\ndone");
    expect(ast?.body).toMatchObject([
      { kind: "if", body: [{ kind: "data", text: "    x\n" }] },
      { kind: "data", text: "done" },
    ]);
  });

  it("reports unknown and unclosed tags", () => {
    expect(parseJinjaTemplate("{% endif %}").errors[0]?.message).toBe("Encountered unknown tag 'endif'.");
    expect(parseJinjaTemplate("{% if x %}a").errors[0]?.message).toMatch(/^Unexpected end of template/);
    expect(parseJinjaTemplate("{% for i in l %}{% break %}{% endfor %}").errors[0]?.message).toMatch(
      /unknown tag 'break'/,
    );
    expect(parseJinjaTemplate("{# open").errors[0]?.message).toBe("Missing end of comment tag");
  });

  it("keeps `}}` inside braces from closing an expression", () => {
    const { ast, errors } = parseJinjaTemplate("{{ {'a': {'b': 1}} }}");
    expect(errors).toEqual([]);
    expect(ast?.body[0]).toMatchObject({ kind: "output", expr: { kind: "dict" } });
  });
});
