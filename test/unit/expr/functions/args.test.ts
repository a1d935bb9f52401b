// Argument binding of catalogue functions: values in parameter order, defaults
// filled, and CPython's TypeError wording for each kind of mistake.

import { describe, expect, it } from "vitest";
import { bindArgs, type Param } from "../../../../runtime/stdlib/functions/args";
import { PyError } from "../../../../runtime/stdlib/py/value";

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
