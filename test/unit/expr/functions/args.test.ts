// Argument binding of catalogue functions: values in parameter order, defaults
// filled, and CPython's TypeError wording for each kind of mistake.

import { describe, expect, it } from "vitest";
import { bindArgs, type Param } from "../../../../runtime/stdlib/functions/args";
import { PyError } from "../../../../runtime/stdlib/py/value";
import { baseEnv, call } from "./helpers";

const PARAMS: Param[] = [
  { name: "a" },
  { name: "b" },
  { name: "c", default: 3 },
  { name: "d", default: null },
];

function message(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(PyError);
    return `${(e as PyError).pyType}: ${(e as PyError).message}`;
  }
  throw new Error("no error");
}

describe("bindArgs", () => {
  it("binds positional and keyword arguments in parameter order, defaults after", () => {
    expect(bindArgs("f", PARAMS, [1, 2], {})).toEqual([1, 2, 3, null]);
    expect(bindArgs("f", PARAMS, [1], { d: "x", b: 2 })).toEqual([1, 2, 3, "x"]);
    expect(bindArgs("f", PARAMS, [1, 2, 30, 40], {})).toEqual([1, 2, 30, 40]);
    expect(bindArgs("f", [], [], {})).toEqual([]);
  });

  it("words each mistake as CPython does", () => {
    expect(message(() => bindArgs("f", PARAMS, [1, 2, 3, 4, 5], {}))).toBe(
      "TypeError: f() takes from 2 to 4 positional arguments but 5 were given",
    );
    expect(message(() => bindArgs("g", [{ name: "x" }], [1, 2], {}))).toBe(
      "TypeError: g() takes 1 positional argument but 2 were given",
    );
    expect(message(() => bindArgs("f", PARAMS, [1, 2], { zz: 1 }))).toBe(
      "TypeError: f() got an unexpected keyword argument 'zz'",
    );
    expect(message(() => bindArgs("f", PARAMS, [1, 2], { a: 1 }))).toBe(
      "TypeError: f() got multiple values for argument 'a'",
    );
    expect(message(() => bindArgs("f", PARAMS, [], { c: 1 }))).toBe(
      "TypeError: f() missing 2 required positional arguments: 'a' and 'b'",
    );
    expect(message(() => bindArgs("f", PARAMS, [1], {}))).toBe(
      "TypeError: f() missing 1 required positional argument: 'b'",
    );
  });
});

describe("argument mistakes in catalogue calls, per language", () => {
  // Found by the trace fuzzer (a sub-workflow's error result carries the
  // message verbatim): real yaql finds no matching function, and Jinja calls
  // the Python function bound to the context when it takes one.
  const text = (f: () => unknown) => message(f);

  it("is NoMatchingFunctionException in YAQL", () => {
    expect(text(() => call("st2kv", ["system.k", "x"], {}, baseEnv, "yaql"))).toBe(
      'NoMatchingFunctionException: No function "st2kv" matches supplied arguments',
    );
    expect(text(() => call("json_escape", ["a", "b"], {}, baseEnv, "yaql"))).toBe(
      'NoMatchingFunctionException: No function "json_escape" matches supplied arguments',
    );
    expect(text(() => call("task_status", [], {}, baseEnv, "yaql"))).toBe(
      'NoMatchingFunctionException: No function "task_status" matches supplied arguments',
    );
  });

  it("counts the context argument in Jinja for functions that take it", () => {
    expect(text(() => call("ctx", ["a", "b"], {}, baseEnv, "jinja"))).toBe(
      "TypeError: ctx_() takes from 1 to 2 positional arguments but 3 were given",
    );
    expect(text(() => call("json_escape", ["a", "b"], {}, baseEnv, "jinja"))).toBe(
      "TypeError: json_escape() takes 1 positional argument but 2 were given",
    );
    expect(text(() => call("task_status", [], {}, baseEnv, "jinja"))).toBe(
      "TypeError: task_status_() missing 1 required positional argument: 'task_id'",
    );
  });
});
