// Differential fuzzing: random YAQL and Jinja values (expressions built from a
// small grammar, templates with every statement kind, plus token soup) give
// exactly the same result, or the same error and message, translated as
// through the evaluator.

import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { runCase } from "../../../../compiler/expr/cases";
import { renderValue } from "../../../../compiler/expr/index";
import { buildModule, loadModule } from "./harness";

const CTX = () => ({
  x: 3,
  s: "a,b",
  f: 2.5,
  l: [3, 1, 2],
  d: { a: 1, b: [1, 2], "c d": null },
  e: [],
  n: null,
  t: true,
});

const yaqlAtom = fc.constantFrom(
  "1",
  "0",
  "-2",
  "2.5",
  "'s'",
  "'a,b'",
  "null",
  "true",
  "false",
  "$",
  "$x",
  "ctx(x)",
  "ctx(l)",
  "ctx(d)",
  "ctx().s",
  "ctx(missing)",
  "ctx(d).a",
  "ctx(d).zz",
  "[1, 2]",
  "{a => 1}",
  "[]",
  "ctx(e)",
  "ctx(f)",
  "range(3)",
  "dict(a => 1)",
  "list(1, 'b')",
  "set(1, 2)",
  "ctx()",
);
const yaqlMethod = fc.constantFrom(
  "len()",
  "select($ + 1)",
  "where($ > 1)",
  "first()",
  "orderBy($)",
  "keys()",
  "sum()",
  "join(',')",
  "toUpper()",
  "split(',')",
  "distinct()",
  "reverse()",
  "get(a, 0)",
  "items()",
  "count()",
  "any()",
  "select([$, $])",
  "aggregate($1 + $2)",
  "sequence()",
  "isEmpty()",
  "last()",
  "skip(1)",
  "take(1)",
  "groupBy($ mod 2)",
  "min()",
  "max()",
  "toList()",
  "flatten()",
  "contains(1)",
  "values()",
);
const yaqlExpr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    yaqlAtom,
    fc
      .tuple(
        tie("e"),
        fc.constantFrom("+", "-", "*", "/", "mod", "=", "!=", "<", ">=", "and", "or", "in", "=~"),
        tie("e"),
      )
      .map(([a, op, b]) => `${a} ${op} ${b}`),
    fc.tuple(tie("e"), yaqlMethod).map(([a, m]) => `(${a}).${m}`),
    fc.tuple(tie("e"), fc.constantFrom(".", "?.")).map(([a, op]) => `(${a})${op}a`),
    fc.tuple(tie("e"), tie("e")).map(([a, i]) => `(${a})[${i}]`),
    tie("e").map((a) => `not ${a}`),
    tie("e").map((a) => `-(${a})`),
    fc.tuple(tie("e"), tie("e")).map(([a, b]) => `let(v => ${a}) -> [$v, ${b}]`),
    fc.tuple(tie("e"), tie("e")).map(([a, b]) => `def(f, $1 + ${a}) -> f(${b})`),
    fc.tuple(tie("e"), tie("e")).map(([a, b]) => `coalesce(${a}, ${b})`),
    fc.tuple(tie("e"), tie("e")).map(([a, b]) => `switch(${a} => ${b}, true => 0)`),
    fc.tuple(tie("e"), tie("e")).map(([a, b]) => `[${a}, ${b}]`),
    fc.tuple(tie("e"), tie("e")).map(([a, b]) => `{${a} => ${b}}`),
    tie("e").map((a) => `str(${a})`),
  ),
})).e;

const jinjaAtom = fc.constantFrom(
  "1",
  "0",
  "2.5",
  "'s'",
  "none",
  "true",
  "x",
  "ctx('x')",
  "ctx('l')",
  "ctx('d')",
  "ctx().s",
  "ctx('missing')",
  "ctx('d').a",
  "ctx('d').zz",
  "[1, 2]",
  "{'a': 1}",
  "(1, 'b')",
  "ctx('e')",
  "ctx('f')",
  "range(3)",
  "loop",
  "ctx('d')['b']",
  "undefined_name",
  "1e300 * 1e300",
);
const jinjaFilter = fc.constantFrom(
  "length",
  "first",
  "last",
  "sort",
  "list",
  "join(',')",
  "upper",
  "string",
  "int",
  "float",
  "abs",
  "unique",
  "reverse",
  "sum",
  "default('z')",
  "tojson",
  "map('string')",
  "select('odd')",
  "dictsort",
  "items",
  "min",
  "max",
  "round(1)",
  "trim",
  "replace('a', 'b')",
  "batch(2) | list",
  "nosuch",
);
const jinjaTest = fc.constantFrom(
  "defined",
  "none",
  "string",
  "number",
  "odd",
  "iterable",
  "mapping",
  "sameas 1",
  "in [1]",
);
const jinjaExpr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    jinjaAtom,
    fc
      .tuple(
        tie("e"),
        fc.constantFrom(
          "+",
          "-",
          "*",
          "/",
          "//",
          "%",
          "**",
          "~",
          "==",
          "!=",
          "<",
          ">=",
          "and",
          "or",
          "in",
          "not in",
        ),
        tie("e"),
      )
      .map(([a, op, b]) => `${a} ${op} ${b}`),
    fc.tuple(tie("e"), jinjaFilter).map(([a, f]) => `(${a}) | ${f}`),
    fc.tuple(tie("e"), jinjaTest).map(([a, t]) => `(${a}) is ${t}`),
    fc
      .tuple(tie("e"), tie("e"), fc.option(tie("e")))
      .map(([a, b, c]) => `(${a} if ${b}${c === null ? "" : ` else ${c}`})`),
    fc.tuple(tie("e"), tie("e")).map(([a, i]) => `(${a})[${i}]`),
    fc.tuple(tie("e"), tie("e")).map(([a, i]) => `(${a})[${i}:]`),
    tie("e").map((a) => `(${a}).items()`),
    tie("e").map((a) => `not ${a}`),
    tie("e").map((a) => `-(${a})`),
    fc.tuple(tie("e"), tie("e")).map(([a, b]) => `[${a}, ${b}]`),
    fc.tuple(tie("e"), tie("e")).map(([a, b]) => `{${a}: ${b}}`),
    fc.tuple(tie("e"), tie("e")).map(([a, b]) => `dict(k=${a}, **{'j': ${b}})`),
    tie("e").map((a) => `'{}-{}'.format(${a}, *[1])`),
  ),
})).e;

// Expressions that usually evaluate, so that templates get rendered past their first tag.
const safeJinja = fc.oneof(
  {
    arbitrary: fc.constantFrom(
      "ctx('l')",
      "[1, 2]",
      "range(3)",
      "ctx('d').items()",
      "x",
      "ctx('s')",
      "ctx('x') > 1",
      "ctx('d')",
      "(x or 0) + 1",
      "none",
    ),
    weight: 4,
  },
  { arbitrary: jinjaExpr, weight: 1 },
);

const template: fc.Arbitrary<string> = fc.letrec<{ t: string }>((tie) => ({
  t: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    safeJinja.map((e) => `{{ ${e} }}`),
    fc.constantFrom("text ", "-", "{% raw %}{{ x }}{% endraw %}", "{# c #}"),
    fc
      .tuple(safeJinja, tie("t"), tie("t"))
      .map(([c, a, b]) => `{% if ${c} %}${a}{% elif ${c} == 1 %}e{% else %}${b}{% endif %}`),
    fc
      .tuple(safeJinja, tie("t"), fc.boolean())
      .map(
        ([i, b, test]) =>
          `{% for x in ${i}${test ? " if x" : ""} %}${b}{{ loop.index }}{% else %}none{% endfor %}`,
      ),
    fc.tuple(safeJinja, tie("t")).map(([v, b]) => `{% set x = ${v} %}${b}`),
    fc.tuple(tie("t"), tie("t")).map(([v, b]) => `{% set y %}${v}{% endset %}${b}{{ y }}`),
    fc.tuple(safeJinja, tie("t")).map(([v, b]) => `{% with x = ${v} %}${b}{% endwith %}`),
    tie("t").map((b) => `{% filter upper %}${b}{% endfilter %}`),
    fc
      .tuple(tie("t"), safeJinja)
      .map(([b, a]) => `{% macro m(x, y=2) %}${b}{{ y }}{% endmacro %}{{ m(${a}) }}`),
    fc.tuple(tie("t"), tie("t")).map(([a, b]) => `${a}${b}`),
    fc.constantFrom(
      "{%- if true -%} x {%- endif %}",
      "{% set ns = namespace(a=1) %}{% set ns.a = 2 %}{{ ns.a }}",
      "{% include 'x' %}",
    ),
  ),
})).t;

const soup = fc
  .array(
    fc.constantFrom(
      "<%",
      "%>",
      "{{",
      "}}",
      "{%",
      "%}",
      "ctx(x)",
      " ",
      "'",
      "|",
      "(",
      ")",
      "1",
      "+",
      "$",
      "\n",
      "if",
      "for",
    ),
    { maxLength: 12 },
  )
  .map((p) => p.join(""));

const value = fc.oneof(
  yaqlExpr.map((e) => `<% ${e} %>`),
  yaqlExpr.map((e) => `v=<% ${e} %>;`),
  jinjaExpr.map((e) => `{{ ${e} }}`),
  jinjaExpr.map((e) => `v={{ ${e} }} {{ ${e} }}`),
  template,
  soup,
);

describe("translated vs evaluated on random values", () => {
  const values = fc.sample(value, {
    numRuns: Number(process.env.ORQC_FUZZ_RUNS ?? 1500),
    seed: Number(process.env.ORQC_FUZZ_SEED ?? 42),
  });
  let fns: Awaited<ReturnType<typeof loadModule>> = [];

  beforeAll(async () => {
    fns = await loadModule(buildModule(values).source);
  }, 120_000);

  it("gives the evaluator's result (or error and message) on every value", () => {
    const differ: string[] = [];
    let values_ = 0;
    const rendered = { for: 0, macro: 0, yaqlLambda: 0 };
    values.forEach((v, i) => {
      const fn = fns[i];
      if (!fn) {
        differ.push(`not translated: ${v}`);
        return;
      }
      const mine = runCase({ id: "", expr: v, ctx: CTX(), current_item: 1 }, (_x, env) => fn(env));
      const theirs = runCase({ id: "", expr: v, ctx: CTX(), current_item: 1 }, renderValue);
      if (!("error_type" in mine)) {
        values_++;
        if (v.includes("{% for")) rendered.for++;
        if (v.includes("{% macro")) rendered.macro++;
        if (v.includes("select(") || v.includes("let(")) rendered.yaqlLambda++;
      }
      if (JSON.stringify(mine) !== JSON.stringify(theirs))
        differ.push(
          `${JSON.stringify(v)}\n  translated ${JSON.stringify(mine)}\n  evaluator  ${JSON.stringify(theirs)}`,
        );
    });
    // The grammar is meant to reach values, not only errors, templates included.
    expect(values_).toBeGreaterThan(values.length / 5);
    expect(rendered.for).toBeGreaterThan(5);
    expect(rendered.macro).toBeGreaterThan(0);
    expect(rendered.yaqlLambda).toBeGreaterThan(5);
    expect(differ.slice(0, 10)).toEqual([]);
  });
});
