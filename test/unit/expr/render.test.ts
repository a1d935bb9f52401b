// renderWith() over stub evaluators: the rendering rules alone.
import { describe, expect, it } from "vitest";
import { ExpressionError } from "../../../compiler/expr/errors";
import { stripDelimiter } from "../../../compiler/expr/find";
import { type ExpressionLanguages, renderWith, replaceAll } from "../../../compiler/expr/render";
import type { ExprEnv } from "../../../runtime/stdlib/functions/env";
import { PyError, PyFloat, type PyValue } from "../../../runtime/stdlib/py/value";

const values: Record<string, PyValue> = {
  n: 1,
  f: new PyFloat(1),
  none: null,
  t: true,
  l: [1, "a", null],
  d: { a: 1, b: [1, 2] },
  s: "str",
  nested: "<% n %>",
  jnested: "{{ n }}",
  data: "hello {{ x }}",
  key: "k",
};
const seen: string[] = [];
const seenEnvs: ExprEnv[] = [];

const stub: ExpressionLanguages = {
  evaluateYaql(expr, env) {
    seen.push("yaql");
    seenEnvs.push(env);
    const name = stripDelimiter(expr, "yaql").inner;
    if (name === "boom") throw new PyError("ZeroDivisionError", "division by zero");
    if (!(name in values)) throw new ExpressionError("undefined_variable", `no ${name}`);
    return values[name]!;
  },
  evaluateJinja(expr, env) {
    seen.push("jinja");
    seenEnvs.push(env);
    const name = stripDelimiter(expr, "jinja").inner;
    return name in values ? { value: values[name]! } : null;
  },
  renderJinjaTemplate(text) {
    return text.replace(/\{%[^\n]*?%\}/g, "").replace("{% raw %}", "");
  },
};

const env: ExprEnv = { ctx: {} };
const render = (v: PyValue) => renderWith(stub, v, env);

describe("renderWith", () => {
  it("returns a sole expression's native value", () => {
    expect(render("<% n %>")).toBe(1);
    expect(render("<% f %>")).toEqual(new PyFloat(1));
    expect(render("{{ l }}")).toEqual([1, "a", null]);
    expect(render("<% none %>")).toBeNull();
  });
  it("interpolates Python str() when there is text around", () => {
    expect(render(" <% n %>")).toBe(" 1");
    expect(render("v=<% f %>,<% none %>,<% t %>")).toBe("v=1.0,None,True");
    expect(render("{{ d }}!")).toBe("{'a': 1, 'b': [1, 2]}!");
    expect(render("<% l %><% s %>")).toBe("[1, 'a', None]str");
  });
  it("leaves text without expressions, multi-line expressions and non-strings alone", () => {
    expect(render("plain")).toBe("plain");
    expect(render("<% n\n %>")).toBe("<% n\n %>");
    expect(render(5)).toBe(5);
    expect(render(null)).toBeNull();
  });
  it("renders string results again in the same language only", () => {
    expect(render("<% nested %>")).toBe(1);
    expect(render("{{ jnested }}")).toBe(1);
    expect(render("x <% jnested %>")).toBe("x {{ n }}");
  });
  it("checks Jinja first and leaves YAQL text in mixed strings", () => {
    expect(render("{{ n }} <% n %>")).toBe("1 <% n %>");
  });
  it("reports unresolved Jinja variables, also from data", () => {
    const err = (() => {
      try {
        render("{{ missing }}");
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ExpressionError);
    expect((err as ExpressionError).message).toContain("There are unresolved variables: missing");
    expect(() => render("{{ data }}")).toThrow(/unresolved variables: x/);
  });
  it("renders strings with tags as a whole template, and restores raw blocks", () => {
    expect(render("{% if x %}a{% endif %}")).toBe("a");
    // The stub template renderer drops tags, as Jinja drops raw/endraw.
    expect(render("{% raw %}{{ n }}{% endraw %}")).toBe("{{ n }}");
  });
  it("recurses into lists and dicts, keys included", () => {
    expect(render({ "<% key %>": ["<% n %>", "x"], "{{ n }}": "{{ s }}" })).toEqual({
      k: [1, "x"],
      "1": "str",
    });
  });
  it("hands the evaluators the env it was given", () => {
    seen.length = 0;
    seenEnvs.length = 0;
    render(["<% n %>", "{{ n }}"]);
    expect(seen).toEqual(["yaql", "jinja"]);
    expect(seenEnvs).toHaveLength(2);
    for (const e of seenEnvs) expect(e).toBe(env);
  });
  it("turns a PyError escaping an evaluator into an ExpressionError", () => {
    expect(() => render("<% boom %>")).toThrow(ExpressionError);
    expect(() => render("<% boom %>")).toThrow(/ZeroDivisionError: division by zero/);
  });
});

describe("replaceAll (Python's str.replace)", () => {
  it("replaces every non-overlapping occurrence, left to right", () => {
    expect(replaceAll("x-{{ a }}", "{{ a }}", "1")).toBe("x-1");
    expect(replaceAll("{{ a }}{{ a }}-{{ a }}", "{{ a }}", "1")).toBe("11-1");
    expect(replaceAll("aaa", "aa", "b")).toBe("ba");
    expect(replaceAll("abc", "z", "y")).toBe("abc");
    expect(replaceAll("a$&b", "$&", "$1")).toBe("a$1b");
  });
});
