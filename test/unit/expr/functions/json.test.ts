import { describe, expect, it } from "vitest";
import { renderValue } from "../../../../compiler/expr/index";
import { pyJsonDumps, pyJsonLoads } from "../../../../runtime/stdlib/functions/py-json";
import { type PyDict, PyFloat, PyTuple } from "../../../../runtime/stdlib/py/value";
import { call, raises } from "./helpers";

describe("to_json_string / json_dump", () => {
  const obj = { b: 1, a: [1, 2], s: 'x"y' };
  it("uses StackStorm's default separators (',', ': ') and keeps key order", () => {
    expect(call("to_json_string", [obj])).toBe('{"b": 1,"a": [1,2],"s": "x\\"y"}');
    expect(call("json_dump", [[3, 1, 2]])).toBe("[3,1,2]");
  });
  it("sorts keys, indents and takes separators", () => {
    expect(call("to_json_string", [obj], { sort_keys: true })).toBe('{"a": [1,2],"b": 1,"s": "x\\"y"}');
    expect(call("to_json_string", [{ a: [1] }], { indent: 2 })).toBe('{\n  "a": [\n    1\n  ]\n}');
    expect(call("to_json_string", [{ a: 1, b: 2 }], { separators: [", ", "="] })).toBe('{"a"=1, "b"=2}');
  });
  it("escapes non-ASCII and control characters like ensure_ascii", () => {
    expect(call("to_json_string", ["é\u0001\u{1F600}\x7f"])).toBe('"\\u00e9\\u0001\\ud83d\\ude00\\u007f"');
  });
  it("writes floats as Python does", () => {
    expect(
      pyJsonDumps([new PyFloat(1), 0.1, new PyFloat(1e20), new PyFloat(Number.NaN), new PyFloat(-Infinity)]),
    ).toBe("[1.0, 0.1, 1e+20, NaN, -Infinity]");
    expect(pyJsonDumps(new PyTuple([1, null, true]))).toBe("[1, null, true]");
  });
});

describe("json parsing", () => {
  it("keeps int vs float and big ints", () => {
    expect(pyJsonLoads("1.0")).toEqual(new PyFloat(1));
    expect(pyJsonLoads("12345678901234567890")).toBe(12345678901234567890n);
    expect(pyJsonLoads('{"a": [true, null, 1e2]}')).toEqual({ a: [true, null, new PyFloat(100)] });
  });
  it("rejects bad JSON with a ValueError-like error", () => {
    expect(raises(() => pyJsonLoads("{'a': 1}"))).toBe("JSONDecodeError");
    expect(raises(() => pyJsonLoads("[1] x"))).toBe("JSONDecodeError");
  });
  it("from_json_string parses str() of its argument and refuses NaN", () => {
    expect(call("from_json_string", ['{"a": 1}'])).toEqual({ a: 1 });
    expect(call("json_parse", [5])).toBe(5);
    expect(raises(() => call("from_json_string", ["NaN"]))).toBe("JSONDecodeError");
  });
  it("json() returns mappings from Jinja, refuses them in YAQL and non-strings", () => {
    expect(call("json", [{ a: 1 }], {}, { ctx: {} }, "jinja")).toEqual({ a: 1 });
    expect(raises(() => call("json", [{ a: 1 }], {}, { ctx: {} }, "yaql"))).toBe("TypeError");
    expect(raises(() => call("json", [3]))).toBe("TypeError");
    expect(call("json", ["NaN"])).toEqual(new PyFloat(Number.NaN));
  });
});

describe("json_escape", () => {
  it("strips the quotes json.dumps adds", () => {
    expect(call("json_escape", ['x"y'])).toBe('x\\"y');
    expect(call("json_escape", ["a\nb"])).toBe("a\\nb");
    expect(call("json_escape", [{ a: 1 }])).toBe('{"a": 1}');
  });
});

describe("jsonpath_query", () => {
  const doc = { foo: { bar: "foobar" }, a: [1, 2, { b: 3 }], c: { d: { b: 4 } } };
  it("finds fields, indexes, slices and descendants", () => {
    expect(call("jsonpath_query", [doc, "$.foo.bar"])).toEqual(["foobar"]);
    expect(call("jsonpath_query", [doc, "a[*]"])).toEqual([1, 2, { b: 3 }]);
    expect(call("jsonpath_query", [doc, "a[0:2]"])).toEqual([1, 2]);
    expect(call("jsonpath_query", [doc, "a[-1].b"])).toEqual([3]);
    expect(call("jsonpath_query", [doc, "$..b"])).toEqual([3, 4]);
    expect(call("jsonpath_query", [doc, "foo.*"])).toEqual(["foobar"]);
  });
  it("reads YAQL's frozen data (tuples) and wraps scalars for [*] like jsonpath-rw", () => {
    expect(call("jsonpath_query", [{ a: new PyTuple([1, 2]) }, "a[*]"])).toEqual([1, 2]);
    expect(call("jsonpath_query", [{ a: new PyTuple([1, 2]) }, "a[1]"])).toEqual([2]);
    expect(call("jsonpath_query", [{ a: "xyz" }, "a[*]"])).toEqual(["xyz"]);
    expect(raises(() => call("jsonpath_query", [{ a: null }, "a[*]"]))).toBe("TypeError");
  });
  it("returns None when nothing matches", () => {
    expect(call("jsonpath_query", [doc, "zz"])).toBeNull();
  });
});

describe("from_json_string / from_yaml_string under YAQL", () => {
  // StackStorm parses str(value) (orjson.loads(six.text_type(value))), and YAQL hands
  // Orquesta's functions its frozen values: a list is a tuple there, whose text is no JSON.
  const ctx = pyJsonLoads('{"l": [1, 2], "e": [], "d": {}, "s": "[1]"}') as PyDict;
  const run = (expr: string) => renderValue(expr, { ctx });
  it("reads the text of a tuple, not the list", () => {
    expect(raises(() => run("<% from_json_string(ctx(l)) %>"))).toBe("ExpressionError");
    expect(run("<% from_yaml_string(ctx(l)) %>")).toBe("(1, 2)");
    expect(run("<% yaml_parse(ctx(e)) %>")).toBe("()");
    expect(run("<% json_parse(ctx(d)) %>")).toEqual({});
    expect(run("<% from_json_string(ctx(s)) %>")).toEqual([1]);
  });
  it("reads Jinja's lists as Python lists", () => {
    expect(run("{{ from_json_string(ctx('l')) }}")).toEqual([1, 2]);
    expect(run("{{ ctx('l') | from_yaml_string }}")).toEqual([1, 2]);
  });
});
