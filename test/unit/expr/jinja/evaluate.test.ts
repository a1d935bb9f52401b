import { describe, expect, it } from "vitest";
import { ExpressionError } from "../../../../compiler/expr/errors";
import {
  evaluateJinjaExpressionText,
  isJinjaStrictUndefined,
  jinjaValueToText,
  renderJinjaTemplateText,
} from "../../../../compiler/expr/jinja/index";
import type { ExprEnv } from "../../../../runtime/stdlib/functions/env";
import { pyRepr } from "../../../../runtime/stdlib/py/text";
import type { PyDict, PyValue } from "../../../../runtime/stdlib/py/value";

const env = (ctx: PyDict = {}, extra: Partial<ExprEnv> = {}): ExprEnv => ({
  ctx,
  ...extra,
});

function repr(expr: string, ctx: PyDict = {}): string {
  return pyRepr(evaluateJinjaExpressionText(`{{ ${expr} }}`, env(ctx)));
}

function failure(text: string, e: ExprEnv = env()): ExpressionError {
  try {
    const v = text.includes("{%") ? renderJinjaTemplateText(text, e) : evaluateJinjaExpressionText(text, e);
    throw new Error(`expected a failure, got ${String(v)}`);
  } catch (err) {
    if (!(err instanceof ExpressionError)) throw err;
    return err;
  }
}

describe("Python value semantics", () => {
  it.each([
    ["7 / 2", "3.5"],
    ["8 / 2", "4.0"],
    ["-7 // 2", "-4"],
    ["-7 % 3", "2"],
    ["7.0 // 2", "3.0"],
    ["2 ** -1", "0.5"],
    ["2 ** 64", "18446744073709551616"],
    ["0.1 + 0.2", "0.30000000000000004"],
    ["'ab' * 2", "'abab'"],
    ["[1] + [2]", "[1, 2]"],
    ["1 < 2 < 3", "True"],
    ["1 == 1.0", "True"],
    ["0 or 'x'", "'x'"],
    ["none and 2", "None"],
    ["'x' ~ none ~ 1.0", "'xNone1.0'"],
    ["(1,)", "(1,)"],
    ["{1: 'one'}[1]", "'one'"],
    ["'%s-%05.1f' % ('a', 3.14159)", "'a-003.1'"],
    ["'{:>6}|{:.2f}'.format('ab', 2.5)", "'    ab|2.50'"],
    ["'%.0f %.1f %*d' % (2.5, 2.25, 4, 3)", "'2 2.2    3'"],
    [
      "'{:.3g}|{:e}|{:,}|{:#x}'.format(1234.5, 0, 1234567.125, 255)",
      "'1.23e+03|0.000000e+00|1,234,567.125|0xff'",
    ],
  ])("%s -> %s", (expr, expected) => {
    expect(repr(expr)).toBe(expected);
  });

  it("prefers methods to keys for `.name` and keys for `['name']`", () => {
    const ctx = { d: { items: 1, a: 2 } };
    expect(repr("ctx('d')['items']", ctx)).toBe("1");
    expect(repr("ctx('d').items() | list", ctx)).toBe("[('items', 1), ('a', 2)]");
  });

  it("mutates lists and dicts through methods, as the sandbox allows", () => {
    expect(repr("ctx('l').append(4) or ctx('l')", { l: [1] })).toBe("[1, 4]");
    expect(repr("ctx('d').pop('a')", { d: { a: 1 } })).toBe("1");
  });

  it("renders values into text with Python str()", () => {
    expect(jinjaValueToText(evaluateJinjaExpressionText("{{ {'a': none, 'b': [true, 1.0]} }}", env()))).toBe(
      "{'a': None, 'b': [True, 1.0]}",
    );
    expect(jinjaValueToText(evaluateJinjaExpressionText("{{ ctx('d').keys() }}", env({ d: { b: 1 } })))).toBe(
      "dict_keys(['b'])",
    );
  });
});

describe("filters, tests and catalogue functions", () => {
  it.each([
    ["ctx('l') | sort | join(',')", "'1,2,3'"],
    ["ctx('l') | map('string') | list", "['3', '1', '2']"],
    ["ctx('l') | select('odd') | list", "[3, 1]"],
    ["ctx('l') | batch(2) | list", "[[3, 1], [2]]"],
    ["ctx('d') | dictsort | first", "('a', 1)"],
    ["2.675 | round(2)", "2.67"],
    ["'Hello World' | wordwrap(3)", "'Hel\\nlo \\nWor\\nld'"],
    ["'well-known co-operative' | wordwrap(8)", "'well-\\nknown\\nco-opera\\ntive'"],
    ["2.5 | round", "2.0"],
    ["'3.9' | int", "3"],
    ["'abc' | float", "0.0"],
    ["ctx('s') | title", "'Hello-World'"],
    ["ctx('l') | max", "3"],
    ["ctx('d') | tojson", '\'{"a": 1, "b": 2}\''],
    ["ctx().absent is defined", "False"],
    ["ctx().zz | default('dflt')", "'dflt'"],
    ["ctx('l') is sequence and 3 is odd", "True"],
    ["ctx('l') | zip(['a'])", "[(3, 'a'), (1, None), (2, None)]"],
  ])("%s -> %s", (expr, expected) => {
    const ctx = { l: [3, 1, 2], d: { b: 2, a: 1 }, s: "hello-world" };
    expect(repr(expr, ctx)).toBe(expected);
  });

  it("keeps the first of equal keys in unique, by hash, and large inputs in linear time", () => {
    expect(repr("[1, 1.0, true, 'a', 'A', (1, 2), (1.0, 2), none, 'None'] | unique | list")).toBe(
      "[1, 'a', (1, 2), None, 'None']",
    );
    expect(repr("['a', 'A', 'b'] | unique(case_sensitive=true) | list")).toBe("['a', 'A', 'b']");
    // a linear search per item took 44 s here (the test's time limit catches that)
    expect(repr("(range(99999) | list + range(99999) | list) | unique | list | length")).toBe("99999");
  });

  it("wraps a long text in linear time", () => {
    // one word of 108,889 characters took 5 s when all of it was sliced for every line;
    // these 588,889 would take far past the test's 30 s limit
    const t = Array.from({ length: 100000 }, (_, i) => i).join(",");
    const lines = String(evaluateJinjaExpressionText("{{ ctx('t') | wordwrap(79) }}", env({ t }))).split(
      "\n",
    );
    expect(lines.length).toBe(Math.ceil(t.length / 79));
    expect(lines.join("")).toBe(t);
  });

  it("finds non-string dict keys by hash: 1, 1.0 and True are one key", () => {
    expect(renderJinjaTemplateText("{% set d = {1: 'a', true: 'b', 1.0: 'c'} %}{{ d }}", env())).toBe(
      "{1: 'c'}",
    );
    const text =
      "{% set d = {} %}{% for i in range(50000) %}{% set _ = d.update({i: i}) %}{% endfor %}{{ d[49999.0] }}";
    expect(renderJinjaTemplateText(text, env())).toBe("49999");
  });
});

describe("undefined values and errors", () => {
  it("names the run of characters a codec cannot encode, as CPython does", () => {
    // Messages recorded from CPython 3.11's str.encode.
    const encodeError = (text: string, codec: string) =>
      failure(`{{ ${JSON.stringify(text)}.encode('${codec}') }}`).message.replace(
        /^.*UnicodeEncodeError: /,
        "",
      );
    expect(encodeError("aé€", "ascii")).toBe(
      "'ascii' codec can't encode characters in position 1-2: ordinal not in range(128)",
    );
    expect(encodeError("a€€b€", "latin-1")).toBe(
      "'latin-1' codec can't encode characters in position 1-2: ordinal not in range(256)",
    );
    expect(encodeError("a😀", "latin-1")).toBe(
      "'latin-1' codec can't encode character '\\U0001f600' in position 1: ordinal not in range(256)",
    );
  });

  it("returns a strict undefined for a missing attribute instead of failing", () => {
    const v = evaluateJinjaExpressionText("{{ ctx().missing }}", env());
    expect(isJinjaStrictUndefined(v)).toBe(true);
  });

  it("raises UndefinedError with Jinja's message when an undefined value is used", () => {
    const e = failure(
      "{{ result().result.enabled == true }}",
      env({}, { currentTask: { id: "t", route: 0, result: { result: "abc" } } }),
    );
    expect(e.category).toBe("undefined_variable");
    expect(e.message).toBe(
      "JinjaEvaluationException: Unable to evaluate expression '{{ result().result.enabled == true }}'. UndefinedError: 'str object' has no attribute 'enabled'",
    );
    const m = failure(
      "{{ result() | map(attribute='result.raw') | list }}",
      env({}, { currentTask: { id: "t", route: 0, result: [null] } }),
    );
    expect(m.message).toMatch(/UndefinedError: 'None' has no attribute 'result'$/);
    expect(failure("{{ _.var1 }}").message).toMatch(/UndefinedError: '_' is undefined$/);
  });

  it("names the undefined's Python type in messages: StrictUndefined, or Undefined for an inline if", () => {
    expect(failure("{{ ctx().d | attr('missing') | round }}", env({ d: {} })).message).toMatch(
      /TypeError: type StrictUndefined doesn't define __round__ method$/,
    );
    expect(failure("{{ (1 if false) | round }}").message).toMatch(
      /TypeError: type Undefined doesn't define __round__ method$/,
    );
  });

  it("reports Python exceptions as evaluation errors", () => {
    const e = failure("{{ range(0, ctx().count) }}", env({ count: "2" }));
    expect(e.category).toBe("evaluation");
    expect(e.message).toMatch(/TypeError: 'str' object cannot be interpreted as an integer$/);
    expect(failure("{{ 1 / 0 }}").message).toMatch(/ZeroDivisionError: division by zero$/);
    expect(failure("{{ 1e308 * 10 }}").category).toBe("evaluation");
    expect(failure("{{ ctx('x') | nope }}", env({ x: 1 })).message).toMatch(/No filter named 'nope'/);
    expect(failure("{{ ctx('s').__len__() }}", env({ s: "abc" })).message).toMatch(/SecurityError/);
  });

  it("reports endless recursion with Python's words, not JavaScript's", () => {
    const e = failure("{% macro m(x) %}{{ m(x) }}{% endmacro %}{{ m(1) }}");
    expect(e.category).toBe("evaluation");
    expect(e.message).toMatch(/RecursionError: maximum recursion depth exceeded$/);
  });

  it("reports syntax errors in the syntax category", () => {
    const e = failure("{{ 1 + }}");
    expect(e.category).toBe("syntax");
    expect(e.message).toMatch(
      /^JinjaEvaluationException: Unable to evaluate expression '\{\{ 1 \+ \}\}'. TemplateSyntaxError: /,
    );
  });
});

describe("renderJinjaTemplateText", () => {
  const render = (text: string, ctx: PyDict = {}): PyValue => renderJinjaTemplateText(text, env(ctx));

  it("renders statements with loop variables and scoping", () => {
    expect(
      render(
        "{% for i in ctx('l') %}{{ loop.index }}:{{ i }}{% if not loop.last %},{% endif %}{% endfor %}",
        {
          l: ["a", "b"],
        },
      ),
    ).toBe("1:a,2:b");
    expect(
      render("{% set t = 0 %}{% for i in ctx('l') %}{% set t = t + i %}{% endfor %}{{ t }}", { l: [1, 2] }),
    ).toBe("0");
    expect(
      render(
        "{% set ns = namespace(t=0) %}{% for i in ctx('l') %}{% set ns.t = ns.t + i %}{% endfor %}{{ ns.t }}",
        {
          l: [1, 2],
        },
      ),
    ).toBe("3");
    expect(render("{% macro m(a, b=2) %}{{ a + b }}{% endmacro %}{{ m(1) }}")).toBe("3");
    expect(render("a  {{- 1 -}}  b")).toBe("a1b");
  });

  it("drops one trailing newline and the newline after a block tag", () => {
    expect(render("{% if true %}\nyes\n{% endif %}\n")).toBe("yes\n");
  });
});

describe("generator filters", () => {
  it("run only when iterated, and only once", () => {
    expect(repr("'' if ctx('s') | items else 'x'", { s: "not a mapping" })).toBe("''");
    const e = env({ l: [1, 2] });
    expect(
      renderJinjaTemplateText("{% set g = ctx('l') | map('string') %}{{ g | list }}{{ g | list }}", e),
    ).toBe("['1', '2'][]");
    expect(failure("{{ ctx('s') | items | list }}", env({ s: "x" })).message).toMatch(
      /Can only get item pairs from a mapping/,
    );
  });

  it("show the name of Jinja2's generator function in their text", () => {
    const text = (f: string) => renderJinjaTemplateText(`{{ [1] | ${f} | string }}`, env());
    expect(text("unique")).toMatch(/^<generator object do_unique at 0x[0-9a-f]+>$/);
    expect(text("map('string')")).toMatch(/^<generator object sync_do_map at /);
    expect(text("select")).toMatch(/^<generator object select_or_reject at /);
    expect(text("batch(1)")).toMatch(/^<generator object do_batch at /);
    expect(text("slice(1)")).toMatch(/^<generator object sync_do_slice at /);
  });
});

// Dates reach Jinja from from_yaml_string; values and messages are Python 3.11's.
describe("dates and datetimes", () => {
  const ctx = { t: "d: 2001-12-14\nn: 2001-12-14 21:59:43.10\nz: 2001-12-14T21:59:43Z" };
  const x = "(ctx('t') | from_yaml_string)";
  it("has Python's attributes and methods", () => {
    expect(repr(`${x}.d.year`, ctx)).toBe("2001");
    expect(repr(`${x}.n.microsecond`, ctx)).toBe("100000");
    expect(repr(`${x}.n.isoformat(' ')`, ctx)).toBe("'2001-12-14 21:59:43.100000'");
    expect(repr(`${x}.z.strftime('%Y %Z %z')`, ctx)).toBe("'2001 UTC +0000'");
    expect(repr(`${x}.d.toordinal()`, ctx)).toBe("730833");
    expect(repr(`${x}.n.date()`, ctx)).toBe("datetime.date(2001, 12, 14)");
    expect(repr(`${x}.z.timestamp()`, ctx)).toBe("1008367183.0");
    expect(repr(`${x}.d < ${x}.d`, ctx)).toBe("False");
  });
  it("raises Python's TypeErrors", () => {
    expect(failure(`{{ ${x}.n.weekday(1) }}`, env(ctx)).message).toMatch(
      /TypeError: date\.weekday\(\) takes no arguments \(1 given\)$/,
    );
    expect(failure(`{{ ${x}.n.date(1) }}`, env(ctx)).message).toMatch(
      /TypeError: datetime\.date\(\) takes no arguments \(1 given\)$/,
    );
    expect(failure(`{{ ${x}.n.isoformat(1) }}`, env(ctx)).message).toMatch(
      /TypeError: isoformat\(\) argument 1 must be a unicode character, not int$/,
    );
    expect(failure(`{{ ${x}.n < ${x}.z }}`, env(ctx)).message).toMatch(
      /TypeError: can't compare offset-naive and offset-aware datetimes$/,
    );
    expect(failure(`{{ ${x}.d < ${x}.n }}`, env(ctx)).message).toMatch(
      /TypeError: can't compare datetime\.datetime to datetime\.date$/,
    );
  });
});
