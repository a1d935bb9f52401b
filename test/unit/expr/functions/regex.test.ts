import { describe, expect, it } from "vitest";
import { PyTuple } from "../../../../runtime/stdlib/py/value";
import { call, raises } from "./helpers";

describe("regex functions (Python re semantics)", () => {
  it("regex_match anchors at the start only, regex_search anywhere", () => {
    expect(call("regex_match", ["Hello World", "Hello"])).toBe(true);
    expect(call("regex_match", ["Hello World", "World"])).toBe(false);
    expect(call("regex_search", ["Hello World", "World"])).toBe(true);
    expect(call("regex_match", ["hello", "HELLO"], { ignorecase: true })).toBe(true);
    expect(call("regex_match", [123, "\\d+$"])).toBe(true);
  });
  it("refuses what sre refuses, with its message and its position in code points", () => {
    const message = (pattern: string) => {
      try {
        call("regex_match", ["x", pattern]);
        return "nothing";
      } catch (e) {
        return e instanceof Error ? e.message : String(e);
      }
    };
    // Python 3.11's re.compile messages.
    expect(message("[z-a]")).toBe("bad character range z-a at position 1");
    expect(message("😀😀[é-a]")).toBe("bad character range é-a at position 3");
    expect(message("😀(?<=a+)")).toBe("look-behind requires fixed-width pattern");
    expect(message("😀a**")).toBe("multiple repeat at position 3");
  });
  it("translates Python-only syntax", () => {
    expect(call("regex_search", ["abc\n", "c$"])).toBe(true);
    expect(call("regex_search", ["abc\n", "c\\Z"])).toBe(false);
    expect(call("regex_match", ["ab", "(?P<x>a)(?P=x)?b"])).toBe(true);
    expect(call("regex_match", ["ABC", "(?i)abc"])).toBe(true);
    expect(call("regex_match", ["a b", "(?x) a \\  b  # comment"])).toBe(true);
    expect(call("regex_search", ["x\ny", "x.y"])).toBe(false);
    expect(call("regex_search", ["x\ny", "(?s)x.y"])).toBe(true);
    expect(call("regex_search", ["a{b", "a{b"])).toBe(true);
    expect(call("regex_match", ["é1", "\\w\\d"])).toBe(true);
  });
  it("regex_replace uses Python replacement syntax", () => {
    expect(call("regex_replace", ["Hello World", "(\\w+) (\\w+)", "\\2 \\1"])).toBe("World Hello");
    expect(call("regex_replace", ["ab", "(?P<first>a)", "[\\g<first>\\g<0>]"])).toBe("[aa]b");
    expect(call("regex_replace", ["abxd", "x*", "-"])).toBe("-a-b--d-");
    // After an empty match Python looks for a non-empty one at the same place.
    expect(call("regex_replace", ["aab", "a*?", "-"])).toBe("-----b-");
    expect(call("regex_replace", ["a.b", "\\.", "\\n"])).toBe("a\nb");
    expect(raises(() => call("regex_replace", ["a", "a", "\\q"]))).toBe("error");
    expect(raises(() => call("regex_replace", ["a", "a", "\\2"]))).toBe("error");
  });
  it("regex_substring returns findall items (tuples for several groups)", () => {
    expect(call("regex_substring", ["Hello World", "(\\w+)", 1])).toBe("World");
    expect(call("regex_substring", ["I live at 668 Infinite Dr", "([0-9]{3} \\w+ (?:Ave|St|Dr))"])).toBe(
      "668 Infinite Dr",
    );
    expect(call("regex_substring", ["a1b2", "([a-z])(\\d)", -1])).toEqual(new PyTuple(["b", "2"]));
    expect(raises(() => call("regex_substring", ["Hello", "zz"]))).toBe("IndexError");
  });
  it("reports bad patterns as re.error", () => {
    expect(raises(() => call("regex_match", ["a", "(a"]))).toBe("error");
    expect(raises(() => call("regex_match", ["a", "\\q"]))).toBe("error");
  });
});
