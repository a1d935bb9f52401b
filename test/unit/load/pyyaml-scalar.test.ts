import { describe, expect, it } from "vitest";
import { resolvePlainScalar, resolveTaggedScalar } from "../../../compiler/load/pyyaml-scalar";

describe("PyYAML plain scalar resolution (YAML 1.1)", () => {
  it.each([
    ["yes", "bool", true],
    ["On", "bool", true],
    ["OFF", "bool", false],
    ["n", "str", "n"],
    ["y", "str", "y"],
    ["010", "int", 8],
    ["0x1f", "int", 31],
    ["0b101", "int", 5],
    ["1_000", "int", 1000],
    ["1:30", "int", 90],
    ["-42", "int", -42],
    ["08", "str", "08"],
    ["1e3", "str", "1e3"],
    ["1.5e3", "str", "1.5e3"],
    ["1.5e+3", "float", 1500],
    ["1.0", "float", 1],
    [".5", "float", 0.5],
    ["~", "null", null],
    ["", "null", null],
    ["Null", "null", null],
    ["2020-01-01", "timestamp", "2020-01-01"],
    ["2001-12-14t21:59:43.10-05:00", "timestamp", "2001-12-14t21:59:43.10-05:00"],
    ["core.noop", "str", "core.noop"],
  ] as const)("%s -> %s", (text, pyType, value) => {
    expect(resolvePlainScalar(text)).toEqual({ pyType, value });
  });

  it("keeps integers beyond 2^53 exact as bigint", () => {
    expect(resolvePlainScalar("12345678901234567890")).toEqual({
      pyType: "int",
      value: 12345678901234567890n,
    });
  });

  it("handles infinities and NaN", () => {
    expect(resolvePlainScalar("-.inf")).toEqual({ pyType: "float", value: Number.NEGATIVE_INFINITY });
    expect(resolvePlainScalar(".NaN")).toEqual({ pyType: "float", value: Number.NaN });
  });

  it("resolves explicit tags", () => {
    expect(resolveTaggedScalar("tag:yaml.org,2002:str", "yes")).toEqual({ pyType: "str", value: "yes" });
    expect(resolveTaggedScalar("tag:yaml.org,2002:int", "010")).toEqual({ pyType: "int", value: 8 });
    expect(resolveTaggedScalar("tag:yaml.org,2002:int", "abc")).toEqual({
      error: "invalid literal for int() with base 10: 'abc'",
      type: "ValueError",
    });
  });

  // Expected values and errors from PyYAML 6.0's SafeConstructor (scripts/yaml-diff).
  it("constructs tagged scalars as PyYAML does, errors included", () => {
    const tagged = (tag: string, text: string) => resolveTaggedScalar(`tag:yaml.org,2002:${tag}`, text);
    expect(tagged("float", "-.5")).toEqual({ pyType: "float", value: -0.5 });
    expect(tagged("float", "1e3")).toEqual({ pyType: "float", value: 1000 });
    expect(tagged("float", "1:30.5")).toEqual({ pyType: "float", value: 90.5 });
    expect(tagged("float", "0x1F")).toEqual({
      error: "could not convert string to float: '0x1f'",
      type: "ValueError",
    });
    expect(tagged("float", "off")).toEqual({
      error: "could not convert string to float: 'off'",
      type: "ValueError",
    });
    expect(tagged("int", "0o17")).toEqual({ pyType: "int", value: 15 });
    expect(tagged("int", "09")).toEqual({
      error: "invalid literal for int() with base 8: '09'",
      type: "ValueError",
    });
    expect(tagged("int", "1.5E-2")).toEqual({
      error: "invalid literal for int() with base 10: '1.5E-2'",
      type: "ValueError",
    });
    expect(tagged("int", "")).toEqual({ error: "string index out of range", type: "IndexError" });
    expect(tagged("bool", "ON")).toEqual({ pyType: "bool", value: true });
    expect(tagged("bool", "maybe")).toEqual({ error: "'maybe'", type: "KeyError" });
    expect(tagged("null", "anything")).toEqual({ pyType: "null", value: null });
    expect(resolveTaggedScalar("!custom", "x")).toEqual({
      error: "could not determine a constructor for the tag '!custom'",
      type: "ConstructorError",
    });
  });
});
