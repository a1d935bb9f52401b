import { describe, expect, it } from "vitest";
import {
  floatRepr,
  hashKey,
  mkFloat,
  PyFloat,
  PySet,
  PyTuple,
  pyCompare,
  pyEquals,
  pyRepr,
  pyStr,
  pyTypeName,
  toGolden,
  truthy,
} from "../../../runtime/stdlib/py/index";

describe("python value model", () => {
  it("tells int from float", () => {
    expect(pyTypeName(1)).toBe("int");
    expect(pyTypeName(1.5)).toBe("float");
    expect(pyTypeName(mkFloat(2))).toBe("float");
    expect(pyTypeName(10n ** 30n)).toBe("int");
  });

  it("quotes and escapes a str as Python's repr does", () => {
    // Recorded with CPython 3.11: repr(s) for each s.
    const recorded: [string, string][] = [
      ["", "''"],
      ["ok", "'ok'"],
      ["a b~", "'a b~'"],
      ["it's", `"it's"`],
      ['say "hi"', `'say "hi"'`],
      [`both ' and "`, `'both \\' and "'`],
      ["back\\slash", "'back\\\\slash'"],
      ["tab\there", "'tab\\there'"],
      ["nl\n", "'nl\\n'"],
      ["\u007f", "'\\x7f'"],
      ["\u0000", "'\\x00'"],
      ["caf\u00e9", "'caf\u00e9'"],
      ["\u00a0", "'\\xa0'"],
      ["\u2028", "'\\u2028'"],
      ["emoji \u{1f600}", "'emoji \u{1f600}'"],
      ["\ud7ff", "'\\ud7ff'"],
      ["\u{e0001}", "'\\U000e0001'"],
    ];
    for (const [s, repr] of recorded) expect(pyRepr(s)).toBe(repr);
  });

  it("formats floats as Python's repr does", () => {
    expect(floatRepr(1)).toBe("1.0");
    expect(floatRepr(1e-7)).toBe("1e-07");
    expect(floatRepr(1e20)).toBe("1e+20");
    expect(floatRepr(1e16)).toBe("1e+16");
    expect(floatRepr(1e15)).toBe("1000000000000000.0");
    expect(floatRepr(0.1 + 0.2)).toBe("0.30000000000000004");
    expect(floatRepr(0.0001)).toBe("0.0001");
    expect(floatRepr(-2.5)).toBe("-2.5");
    expect(floatRepr(123.456)).toBe("123.456");
  });

  it("renders containers like str()", () => {
    expect(pyStr([1, "a", null, true, new PyFloat(1)])).toBe("[1, 'a', None, True, 1.0]");
    expect(pyStr({ k: null, "it's": "x" })).toBe(`{'k': None, "it's": 'x'}`);
    expect(pyStr(new PyTuple([1]))).toBe("(1,)");
    expect(pyStr(new PySet())).toBe("set()");
    expect(pyRepr("a\nb")).toBe("'a\\nb'");
  });

  it("follows Python equality and truthiness", () => {
    expect(pyEquals(1, true)).toBe(true);
    expect(pyEquals(1, new PyFloat(1))).toBe(true);
    expect(pyEquals([1], new PyTuple([1]))).toBe(false);
    expect(pyEquals({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(truthy([])).toBe(false);
    expect(truthy({})).toBe(false);
    expect(truthy("")).toBe(false);
    expect(truthy(new PyFloat(0))).toBe(false);
    expect(hashKey(1)).toBe(hashKey(true));
    expect(hashKey(new PyFloat(1))).toBe(hashKey(1));
  });

  it("refuses to order unrelated types", () => {
    expect(() => pyCompare("a", 1)).toThrow("'<' not supported between instances of 'str' and 'int'");
    expect(pyCompare([1, 2], [1, 3])).toBe(-1);
    expect(pyCompare("é", "z")).toBe(1);
  });

  it("converts to the golden JSON form", () => {
    expect(toGolden([new PyFloat(1), 2])).toEqual({ value: [1, 2], type: "list", float_paths: ["/0"] });
    expect(toGolden(new PySet([3, 1]))).toEqual({ value: [1, 3], type: "set" });
    expect(toGolden(2n ** 64n)).toEqual({ value: { $bigint: "18446744073709551616" }, type: "int" });
  });
});
