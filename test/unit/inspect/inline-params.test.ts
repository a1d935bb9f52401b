import { describe, expect, it } from "vitest";
import { parseInlineParams } from "../../../compiler/ir/inline-params";
import { PyFloat } from "../../../runtime/stdlib/py/index";

const parse = (s: string) => Object.fromEntries(parseInlineParams(s));

describe("Orquesta inline parameters", () => {
  it.each([
    ["x=1 y=2.5 z=true w=null", { x: 1, y: 2.5, z: true, w: null }],
    ['v="hello world" u=<% ctx(a) %>', { v: "hello world", u: "<% ctx(a) %>" }],
    ["a=True b=FALSE", { a: true, b: false }],
    ["a=[1, 2]", { a: [1, 2] }],
    ["a='{\"k\": 1}'", { a: { k: 1 } }],
    ["b=.5", { b: ".5" }],
    ['a="1"', { a: "1" }],
    ["who=a cwd=/tmp k=v1,k2=v2", {}],
    ['b={"k": 1}', {}],
    ["x={{ ctx().a }}", { x: "{{ ctx().a }}" }],
    // Python's \w and \d are Unicode (checked against Orquesta 1.6.0's parse_inline_params).
    ['日本=1 x="a b"', { 日本: 1, x: "a b" }],
    ["ключ=true", { ключ: true }],
  ])("%s", (text, expected) => {
    expect(parse(text)).toEqual(expected);
  });

  it("keeps 1.0 a float", () => {
    expect(parse("x=1.0").x).toBeInstanceOf(PyFloat);
  });

  it("returns nothing for non-strings and strings without pairs", () => {
    expect(parseInlineParams(null)).toEqual([]);
    expect(parseInlineParams("core.noop")).toEqual([]);
  });
});
