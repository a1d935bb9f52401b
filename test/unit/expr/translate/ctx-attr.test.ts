// `{{ ctx().name }}` is translated to a direct read of one variable; it must
// give what the evaluator gives for every kind of name: a variable, a missing
// one, a private one (__x), an underscore one, and names that are also dict
// attributes (keys, items, get), which Jinja finds before the items.

import { describe, expect, it } from "vitest";
import { renderValue } from "../../../../compiler/expr/index";
import type { PyDict, PyValue } from "../../../../runtime/stdlib/py/value";
import { translateAll } from "./harness";

const ctx: PyDict = { host: "h1", keys: "a variable named keys", _y: 5, __x: "private", n: { a: 1 } };

const EXPRS = [
  "{{ ctx().host }}",
  "{{ ctx().n.a }}",
  "{{ ctx().n }}",
  "{{ ctx().keys() | list }}",
  "method: {{ ctx().keys }}",
  "{{ ctx().get('host') }}",
  "{{ ctx().items() | list | length }}",
  "{{ ctx()._y }}",
  "{{ ctx().__x }}",
  "{{ ctx().__class__ }}",
  "{{ ctx().missing }}",
  "{{ ctx().missing is defined }}",
  "{{ ctx().missing | default('d') }}",
  "x-{{ ctx().host }}-{{ ctx().missing }}",
  "{% if ctx().host %}{{ ctx().host }}{% endif %}",
];

// YAQL reads ctx().name (and ctx().a.b, alone or inside an expression) from the context directly.
const YAQL_EXPRS = [
  "<% ctx().host %>",
  "<% ctx().n.a %>",
  "<% ctx().n %>",
  "<% ctx().keys %>",
  "<% ctx()._y %>",
  "<% ctx().__x %>",
  "<% ctx().missing %>",
  "<% ctx().n.zz %>",
  "<% ctx().n.a + 1 %>",
  "<% ctx().__x + 1 %>",
  "<% ctx().missing + 1 %>",
  "<% ctx().n.zz + 1 %>",
  "<% ctx().host + '-' + str(ctx().n.a) %>",
  "<% ctx().host.n %>",
  "x-<% ctx().host %>-<% ctx().n %>",
];

function outcome(f: () => PyValue): unknown {
  try {
    return { value: f() };
  } catch (e) {
    return { error: String(e) };
  }
}

describe("ctx().name translated", () => {
  it("reads like the evaluator for every kind of name", async () => {
    const fns = await translateAll(EXPRS);
    for (const [i, expr] of EXPRS.entries()) {
      const evaluated = outcome(() => renderValue(expr, { ctx }));
      expect(
        outcome(() => fns[i]!({ ctx })),
        expr,
      ).toEqual(evaluated);
    }
    expect(outcome(() => renderValue("{{ ctx().host }}", { ctx }))).toEqual({ value: "h1" });
    expect(outcome(() => renderValue("method: {{ ctx().keys }}", { ctx }))).not.toEqual({
      value: "method: a variable named keys",
    });
  });

  it("reads like the evaluator in YAQL", async () => {
    const fns = await translateAll(YAQL_EXPRS);
    for (const [i, expr] of YAQL_EXPRS.entries()) {
      const evaluated = outcome(() => renderValue(expr, { ctx }));
      expect(
        outcome(() => fns[i]!({ ctx })),
        expr,
      ).toEqual(evaluated);
    }
  });
});
