import { describe, expect, it } from "vitest";
import { caseEnv, runCase } from "../../../compiler/expr/cases";
import { ExpressionError } from "../../../compiler/expr/errors";
import { lookupFunction } from "../../../runtime/stdlib/functions/registry";
import { newDict } from "../../../runtime/stdlib/py/dict";
import { PyError, PyFloat } from "../../../runtime/stdlib/py/value";

describe("golden case environments", () => {
  const env = caseEnv({
    ctx: { st2: { user: "stanley" } },
    current_item: { name: "h1" },
    current_task: { id: "t1", route: 0, status: "failed", result: { rc: 1 } },
    task_states: { prep: "succeeded" },
    datastore: { "system.host": "h", token: "u" },
  });
  const call = (name: string, ...args: (string | null)[]) =>
    lookupFunction(name)!(env, args, newDict(), "jinja");

  it("exposes item, current task, task states and the datastore", () => {
    expect(call("item", "name")).toBe("h1");
    expect(call("result")).toEqual({ rc: 1 });
    expect(call("failed")).toBe(true);
    expect(call("task_status", "prep")).toBe("succeeded");
    expect(call("task_status", "t1")).toBe("failed");
    expect(call("task_status", "nope")).toBe("null");
    expect(call("st2kv", "system.host")).toBe("h");
    expect(call("st2kv", "token")).toBe("u");
  });
  it("has no item or current task unless the case gives them", () => {
    const bare = caseEnv({ ctx: {} });
    expect(bare.item).toBeUndefined();
    expect(bare.currentTask).toBeUndefined();
  });
});

describe("runCase", () => {
  it("converts values to the golden form", () => {
    expect(runCase({ id: "a", expr: "x" }, () => [new PyFloat(1), 2])).toEqual({
      id: "a",
      value: [1, 2],
      type: "list",
      float_paths: ["/0"],
    });
  });
  it("reports the error category", () => {
    const undefinedVar = () => {
      throw new ExpressionError("undefined_variable", "nope");
    };
    expect(runCase({ id: "b", expr: "x" }, undefinedVar)).toMatchObject({
      id: "b",
      error_type: "undefined_variable",
    });
    const pyErr = () => {
      throw new PyError("TypeError", "bad");
    };
    expect(runCase({ id: "c", expr: "x" }, pyErr)).toMatchObject({ error_type: "evaluation" });
    const bug = () => {
      throw new Error("bug");
    };
    expect(runCase({ id: "d", expr: "x" }, bug)).toMatchObject({ error_type: "internal" });
  });
});
