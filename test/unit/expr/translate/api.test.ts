// The translator's API as the compiler uses it: any entity name as the runtime
// namespace, structures, and results equal to renderValue's.

import { ts } from "ts-morph";
import { describe, expect, it } from "vitest";
import { caseEnv, renderValue } from "../../../../compiler/expr/index";
import { translateValue, translateValueString } from "../../../../compiler/expr/translate/index";
import { PyFloat } from "../../../../runtime/stdlib/py/value";
import { buildModule, loadModule } from "./harness";

const print = (e: ts.Expression) =>
  ts
    .createPrinter()
    .printNode(ts.EmitHint.Expression, e, ts.createSourceFile("x.ts", "", ts.ScriptTarget.ES2022));

describe("translateValueString", () => {
  it("uses the given runtime namespace expression, e.g. $rt.ops", () => {
    const rt = ts.factory.createPropertyAccessExpression(ts.factory.createIdentifier("$rt"), "ops");
    const code = print(translateValueString("<% ctx(x) + 1 %>", rt)!);
    expect(code).toContain("$rt.ops.y.op(");
    expect(code).toContain("Parameters<typeof $rt.ops.r.yaql>[0]");
    expect(code).not.toMatch(/\beval\(|new Function/);
  });

  it("returns a constant function for text without expressions", () => {
    const code = print(translateValueString("plain <text>", ts.factory.createIdentifier("$rt"))!);
    expect(code).toBe('(env: Parameters<typeof $rt.r.yaql>[0]) => "plain <text>"');
  });

  it("renders structures (keys too) and keeps native types", async () => {
    const value = { "<% ctx(k) %>": ["{{ ctx('f') }}", 2, "a-<% ctx(f) %>", null], n: new PyFloat(1) };
    const [fn] = await loadModule(buildModule([value]).source);
    const env = () => caseEnv({ ctx: { k: "key", f: new PyFloat(1.0) } });
    expect(fn!(env())).toEqual(renderValue(value, env()));
    expect(translateValue(value, ts.factory.createIdentifier("$rt"))).not.toBeNull();
  });

  it("fails with the evaluator's ExpressionError, message included", async () => {
    const texts = [
      "<% 1 / 0 %>",
      "x {{ ctx('missing') }}",
      "<% ctx( %>",
      "{% for %}",
      "{{ 1 | nosuchfilter }}",
    ];
    const fns = await loadModule(buildModule(texts).source);
    texts.forEach((t, i) => {
      const err = (f: () => unknown) => {
        try {
          f();
        } catch (e) {
          return e;
        }
        return null;
      };
      const mine = err(() => fns[i]!(caseEnv({ ctx: {} })));
      const theirs = err(() => renderValue(t, caseEnv({ ctx: {} })));
      expect(mine).toBeInstanceOf(Error);
      expect(mine).toEqual(theirs);
      expect((mine as Error).message).toBe((theirs as Error).message);
    });
  });
});
