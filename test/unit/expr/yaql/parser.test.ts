import { describe, expect, it } from "vitest";
import type { YaqlNode } from "../../../../compiler/expr/yaql/ast";
import { tokenize } from "../../../../compiler/expr/yaql/lexer";
import { parseYaql } from "../../../../compiler/expr/yaql/parser";

/** A compact prefix rendering of a tree, to assert precedence and shapes. */
function show(n: YaqlNode): string {
  switch (n.kind) {
    case "const":
      return typeof n.value === "string" ? `'${n.value}'` : String(n.value);
    case "keyword":
      return n.name;
    case "dollar":
      return n.name;
    case "wrap":
      return show(n.expr);
    case "call":
      return `${n.name}(${n.args.map((a) => (a.kind === "mapping" ? `${show(a.key)}=>${show(a.value)}` : a.kind === "novalue" ? "_" : show(a))).join(", ")})`;
    case "binary":
      return `(${n.op} ${show(n.left)} ${show(n.right)})`;
    case "unary":
      return `(${n.op} ${show(n.operand)})`;
    case "index":
      return `(index ${show(n.target)} ${n.args.map((a) => (a.kind === "mapping" || a.kind === "novalue" ? "?" : show(a))).join(" ")})`;
    case "list":
      return `[${n.args.map((a) => (a.kind === "mapping" || a.kind === "novalue" ? "?" : show(a))).join(", ")}]`;
    case "map":
      return `{${n.args.map((a) => (a.kind === "mapping" ? `${show(a.key)}=>${show(a.value)}` : "?")).join(", ")}}`;
  }
}

function tree(src: string): string {
  const r = parseYaql(src);
  expect(r.errors).toEqual([]);
  return show(r.ast!);
}

function error(src: string) {
  const r = parseYaql(src);
  expect(r.ast).toBeNull();
  expect(r.errors).toHaveLength(1);
  return r.errors[0]!;
}

describe("YAQL lexer", () => {
  it("splits operators by longest match and keeps offsets", () => {
    const toks = tokenize("a->b=~c != d");
    expect(toks.map((t) => t.value)).toEqual(["a", "->", "b", "=~", "c", "!=", "d", ""]);
    expect(toks[1]).toMatchObject({ start: 1, end: 3 });
  });

  it("reads function names, dollars, word operators and constants", () => {
    const toks = tokenize("ctx(x) and $ or $name not null");
    expect(toks.map((t) => `${t.type}:${t.value}`)).toEqual([
      "func:ctx",
      "keyword:x",
      "punct:)",
      "op:and",
      "dollar:$",
      "op:or",
      "dollar:$name",
      "op:not",
      "const:null",
      "end:",
    ]);
  });

  it("decodes Python escapes but leaves unknown ones", () => {
    expect(tokenize("'a\\tb\\u00e9\\d'")[0]!.value).toBe("a\tb\u00e9\\d");
    expect(tokenize("`raw\\n`")[0]!.value).toBe("raw\\n");
  });
});

describe("YAQL parser", () => {
  it("applies yaql's precedence", () => {
    expect(tree("1 + 2 * 3")).toBe("(+ 1 (* 2 3))");
    expect(tree("not a = b and c")).toBe("(and (not (= a b)) c)");
    expect(tree("a or b and c")).toBe("(or a (and b c))");
    expect(tree("-x.y")).toBe("(- (. x y))");
    expect(tree("-a[0]")).toBe("(- (index a 0))");
    expect(tree("a.b[0].c")).toBe("(. (index (. a b) 0) c)");
    expect(tree("'x' =~ 'y' + 'z'")).toBe("(+ (=~ 'x' 'y') 'z')");
    expect(tree("a -> b -> c")).toBe("(-> a (-> b c))");
    expect(tree("1 - 2 - 3")).toBe("(- (- 1 2) 3)");
    expect(tree("'a' = 'a' = 'a'")).toBe("(= (= 'a' 'a') 'a')");
  });

  it("parses calls with skipped and named arguments", () => {
    expect(tree("f(1,,2)")).toBe("f(1, _, 2)");
    expect(tree("dict(a => 1, b => [2])")).toBe("dict(a=>1, b=>[2])");
    expect(tree("switch(x > 1 => 'big', true => 'small')")).toBe("switch((> x 1)=>'big', true=>'small')");
    expect(tree("x.select($ * 2)")).toBe("(. x select((* $ 2)))");
  });

  it("parses literals", () => {
    expect(tree("[1, 'a', null]")).toBe("[1, 'a', null]");
    expect(tree("{a => 1, 'b' => 2}")).toBe("{a=>1, 'b'=>2}");
    expect(tree("1.5")).toBe("1.5");
    expect(tree("007")).toBe("7");
    expect(tree("123456789012345678901234567890")).toBe("123456789012345678901234567890");
  });

  it("reports syntax errors as diagnostics with offsets", () => {
    expect(error("1 +").message).toBe("Parse error: unexpected end of statement");
    expect(error("ctx(x))")).toMatchObject({ start: 6, end: 7 });
    expect(error("1e5").message).toMatch(/^Lexical error: illegal character '1'/);
    expect(error(".5").message).toMatch(/unexpected '\.'/);
    expect(error("1 == 1").message).toMatch(/unexpected '='/);
    expect(error("a b").message).toMatch(/unexpected 'b'/);
    expect(error("f(1,)").message).toMatch(/unexpected '\)'/);
    expect(error("f(a => 1, 2)").message).toMatch(/unexpected '2'/);
    expect(error("ctx().__private").message).toMatch(/illegal character '_'/);
    expect(error("").message).toBe("Parse error: unexpected end of statement");
    expect(error("x[1:2]").message).toMatch(/illegal character ':'/);
  });
});
