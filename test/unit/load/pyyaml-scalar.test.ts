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
    expect(resolvePlainScalar("-.inf").value).toBe(Number.NEGATIVE_INFINITY);
    expect(Number.isNaN(resolvePlainScalar(".NaN").value)).toBe(true);
  });

  it("resolves explicit tags", () => {
    expect(resolveTaggedScalar("tag:yaml.org,2002:str", "yes")).toEqual({ pyType: "str", value: "yes" });
    expect(resolveTaggedScalar("tag:yaml.org,2002:int", "010")).toEqual({ pyType: "int", value: 8 });
    expect(resolveTaggedScalar("tag:yaml.org,2002:int", "abc")).toBeUndefined();
  });
});
