import { describe, expect, it } from "vitest";
import { runCase } from "../../../../compiler/expr/cases";
import { renderValue } from "../../../../compiler/expr/index";
import type { ExprEnv } from "../../../../runtime/stdlib/functions/env";
import { catalogNames, functionTakesContext } from "../../../../runtime/stdlib/functions/registry";
import { PyTuple } from "../../../../runtime/stdlib/py/value";
import { call, raises } from "./helpers";

const env: ExprEnv = {
  ctx: { a: 1, __private: 2, st2: { user: "stanley" } },
  item: { value: { host: "h1" } },
  currentTask: { id: "t1", route: 0, status: "failed", result: { out: 1 } },
  taskStatus: (id) => (id === "t0" ? "succeeded" : null),
  st2kv: (key) => ({ "system.k": "v", mine: "u" })[key],
  task: (name) => {
    if (name !== "t1") throw new Error("none");
    return { task_name: name };
  },
};

describe("Orquesta core functions", () => {
  it("registers the whole catalogue", () => {
    for (const name of [
      "ctx",
      "zip",
      "st2kv",
      "task",
      "to_json_string",
      "regex_substring",
      "version_strip_patch",
      "json_parse",
    ])
      expect(catalogNames()).toContain(name);
    expect(functionTakesContext("ctx")).toBe(true);
    expect(functionTakesContext("to_json_string")).toBe(false);
  });
  it("ctx hides private names and reports undefined ones", () => {
    expect(call("ctx", [], {}, env)).toEqual({ a: 1, st2: { user: "stanley" } });
    expect(call("ctx", ["a"], {}, env)).toBe(1);
    expect(raises(() => call("ctx", ["zz"], {}, env))).toBe("VariableUndefinedError");
    expect(raises(() => call("ctx", ["__private"], {}, env))).toBe("VariableInaccessibleError");
  });
  it("item, result and status functions", () => {
    expect(call("item", [], {}, env)).toEqual({ host: "h1" });
    expect(call("item", ["host"], {}, env)).toBe("h1");
    expect(raises(() => call("item", ["port"], {}, env))).toBe("ExpressionEvaluationException");
    expect(call("item", [], {}, { ctx: {} })).toBeNull();
    expect(raises(() => call("item", ["k"], {}, { ctx: {} }))).toBe("ExpressionEvaluationException");
    expect(call("result", [], {}, env)).toEqual({ out: 1 });
    expect(call("failed", [], {}, env)).toBe(true);
    expect(call("succeeded", [], {}, env)).toBe(false);
    expect(call("completed", [], {}, env)).toBe(true);
    expect(raises(() => call("result", [], {}, { ctx: {} }))).toBe("ExpressionEvaluationException");
    expect(call("task_status", ["t0"], {}, env)).toBe("succeeded");
    expect(call("task_status", ["t9"], {}, env)).toBe("null");
  });
  it("zip pads, treats None as empty and returns a single argument as is", () => {
    expect(
      call("zip", [
        [1, 2, 3],
        ["a", "b"],
      ]),
    ).toEqual([new PyTuple([1, "a"]), new PyTuple([2, "b"]), new PyTuple([3, null])]);
    expect(call("zip", [[1], null], { pad: 0 })).toEqual([new PyTuple([1, 0])]);
    expect(call("zip", [[1, 2]])).toEqual([1, 2]);
    expect(call("zip", [])).toEqual([]);
  });
});

describe("StackStorm runtime functions", () => {
  it("st2kv reads the datastore, with defaults and type checks", () => {
    expect(call("st2kv", ["system.k"], {}, env)).toBe("v");
    expect(call("st2kv", ["mine"], { decrypt: true }, env)).toBe("u");
    expect(call("st2kv", ["system.none"], { default: null }, env)).toBeNull();
    expect(raises(() => call("st2kv", ["system.none"], {}, env))).toBe("ExpressionEvaluationException");
    expect(raises(() => call("st2kv", [1], {}, env))).toBe("TypeError");
    expect(raises(() => call("st2kv", ["k"], { decrypt: "yes" }, env))).toBe("TypeError");
    expect(raises(() => call("st2kv", ["system.k"], {}, { ctx: {} }))).toBe("KeyError");
  });
  it("st2kv without a user fails as Python's KeyError prints (quoted), in both languages", () => {
    // Recorded from Orquesta 1.6.0 with StackStorm's st2kv (error-message-findings.json).
    const message = (expr: string) =>
      (runCase({ id: "kv", expr, ctx: {} }, renderValue) as { message?: string }).message;
    expect(message("{{ st2kv('k') }}")).toBe(
      "JinjaEvaluationException: Unable to evaluate expression '{{ st2kv('k') }}'. KeyError: 'Could not get user from context.'",
    );
    expect(message("<% st2kv('k') %>")).toBe(
      "YaqlEvaluationException: Unable to resolve key 'Could not get user from context.' in expression '<% st2kv('k') %>' from context.",
    );
  });
  it("task returns the record from the host", () => {
    expect(call("task", [], {}, env)).toEqual({ task_name: "t1" });
    expect(call("task", ["t1"], {}, env)).toEqual({ task_name: "t1" });
  });
});
