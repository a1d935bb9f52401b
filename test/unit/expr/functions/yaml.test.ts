import { describe, expect, it } from "vitest";
import { PyBytes } from "../../../../compiler/expr/jinja/bytes";
import { PyFloat, PySet, PyTuple, type PyValue } from "../../../../runtime/stdlib/py/value";
import { baseEnv, call, raises } from "./helpers";

/** What from_yaml_string raises for a text, as `Type: message`. */
function loadError(text: string): string {
  try {
    call("from_yaml_string", [text]);
    return "nothing";
  } catch (e) {
    return e instanceof Error ? `${e.name}: ${e.message}` : "?";
  }
}

describe("from_yaml_string / yaml_parse (YAML 1.1)", () => {
  it("resolves plain scalars like PyYAML", () => {
    expect(call("from_yaml_string", ["a: 1\nb:\n- x\n- y\n"])).toEqual({ a: 1, b: ["x", "y"] });
    expect(call("yaml_parse", ["[yes, off, 010, 0x1f, 1e3, 1.0, ~, '1', 1_000, 1:30, .inf]"])).toEqual([
      true,
      false,
      8,
      31,
      "1e3",
      new PyFloat(1),
      null,
      "1",
      1000,
      90,
      new PyFloat(Number.POSITIVE_INFINITY),
    ]);
  });
  it("handles anchors, merge keys and explicit tags", () => {
    expect(call("from_yaml_string", ["base: &b {x: 1, y: 2}\nd:\n  <<: *b\n  y: 3\n"])).toEqual({
      base: { x: 1, y: 2 },
      d: { x: 1, y: 3 },
    });
    expect(call("from_yaml_string", ["!!str 12"])).toBe("12");
    expect(call("from_yaml_string", [""])).toBeNull();
  });
  it("raises the error PyYAML meets first: it fills collections a level at a time", () => {
    // Each expected exception is PyYAML 6.0's (yaml.safe_load) for the same text.
    expect(loadError("top: [!!int x1, {k0: !!bool maybe}]\nother: =\n")).toBe(
      "ConstructorError: could not determine a constructor for the tag 'tag:yaml.org,2002:value'",
    );
    expect(loadError("top: {k0: [!!bool maybe], k1: 2001-02-30}\n")).toBe(
      "ValueError: day is out of range for month",
    );
    expect(loadError("top: [[!!float zz]]\nother: [!!timestamp x]\n")).toBe(
      "AttributeError: 'NoneType' object has no attribute 'groupdict'",
    );
    expect(loadError("a: {b: {c: !!int x1}}\nd: [[!!bool 2]]\ne: {f: 2001-12-14 24:00:00}\n")).toBe(
      "ValueError: hour must be in 0..23",
    );
  });
  it("makes sets of !!set and (key, value) tuples of !!omap and !!pairs, as safe_load does", () => {
    // Values and exceptions recorded with PyYAML 6.0 (yaml.safe_load).
    expect(call("from_yaml_string", ["!!set {1, 2, 2}"])).toEqual(new PySet([1, 2]));
    expect(call("from_yaml_string", ["!!set {a: 1, b}"])).toEqual(new PySet(["a", "b"]));
    expect(call("from_yaml_string", ["!!set {}"])).toEqual(new PySet());
    expect(call("from_yaml_string", ["!!omap\n- a: 1\n- b: [2, 3]\n"])).toEqual([
      new PyTuple(["a", 1]),
      new PyTuple(["b", [2, 3]]),
    ]);
    expect(call("from_yaml_string", ["!!pairs [a: 1, a: 2]"])).toEqual([
      new PyTuple(["a", 1]),
      new PyTuple(["a", 2]),
    ]);
    expect(call("from_yaml_string", ["!!omap [? [1, 2] : x]"])).toEqual([new PyTuple([[1, 2], "x"])]);
    expect(call("from_yaml_string", ["- &m {a: 1}\n- !!omap [*m]"])).toEqual([
      { a: 1 },
      [new PyTuple(["a", 1])],
    ]);
    expect(call("from_yaml_string", ["x: !!set {a}\ny: !!omap []"])).toEqual({ x: new PySet(["a"]), y: [] });
    const refused: [string, string][] = [
      [
        "!!omap [[1]]",
        "ConstructorError: while constructing an ordered map: expected a mapping of length 1, but found sequence",
      ],
      [
        "!!omap [{a: 1, b: 2}]",
        "ConstructorError: while constructing an ordered map: expected a single mapping item, but found 2 items",
      ],
      [
        "!!omap [{a: 1, a: 2}]",
        "ConstructorError: while constructing an ordered map: expected a single mapping item, but found 2 items",
      ],
      [
        "!!pairs [x]",
        "ConstructorError: while constructing pairs: expected a mapping of length 1, but found scalar",
      ],
      [
        "!!omap [<<: {a: 1}]",
        "ConstructorError: could not determine a constructor for the tag 'tag:yaml.org,2002:merge'",
      ],
    ];
    for (const [text, error] of refused) expect(loadError(text), text).toBe(error);
  });
  // Values and messages recorded from yaml.safe_load (PyYAML 6.0) and, for the languages, Orquesta's evaluate().
  it("makes bytes of !!binary: Python bytes in Jinja, a tuple of ints in yaql", () => {
    const hi = call("from_yaml_string", ["a: !!binary aGk=\nb: !!binary |\n  aGVs\n  bG8=\n"]) as Record<
      string,
      PyValue
    >;
    expect(hi.a).toEqual(new PyBytes(Uint8Array.of(104, 105)));
    expect(hi.b).toEqual(new PyBytes(new TextEncoder().encode("hello")));
    // binascii's lenient decoding: other characters skipped, a completed quad of padding ends the data
    expect(call("from_yaml_string", ['!!binary "YQ==YQ=="'])).toEqual(new PyBytes(Uint8Array.of(97)));
    expect(call("from_yaml_string", ['!!binary "**"'])).toEqual(new PyBytes(new Uint8Array()));
    expect(call("from_yaml_string", ["!!binary aGk="], {}, baseEnv, "yaql")).toEqual(new PyTuple([104, 105]));
  });
  it("refuses !!binary that is not ASCII or not base64, as construct_yaml_binary does", () => {
    const refused: [string, string][] = [
      ['!!binary "aGVsbG8"', "ConstructorError: failed to decode base64 data: Incorrect padding"],
      [
        "!!binary a",
        "ConstructorError: failed to decode base64 data: Invalid base64-encoded string: number of data characters (1) cannot be 1 more than a multiple of 4",
      ],
      [
        '!!binary "é"',
        "ConstructorError: failed to convert base64 data into ascii: 'ascii' codec can't encode character '\\xe9' in position 0: ordinal not in range(128)",
      ],
      [
        '!!binary "aé€"',
        "ConstructorError: failed to convert base64 data into ascii: 'ascii' codec can't encode characters in position 1-2: ordinal not in range(128)",
      ],
      [
        '!!binary "a😀b"',
        "ConstructorError: failed to convert base64 data into ascii: 'ascii' codec can't encode character '\\U0001f600' in position 1: ordinal not in range(128)",
      ],
    ];
    for (const [text, error] of refused) expect(loadError(text), text).toBe(error);
  });
  it("fails on invalid YAML and several documents", () => {
    expect(raises(() => call("from_yaml_string", ["a: [1"]))).not.toBe("nothing");
    expect(raises(() => call("from_yaml_string", ["a\n---\nb\n"]))).toBe("ComposerError");
  });
});

describe("to_yaml_string / yaml_dump (safe_dump, block style)", () => {
  it("sorts keys, indents nested mappings, does not indent sequences under keys", () => {
    expect(call("to_yaml_string", [{ b: 1, a: [1, 2], s: 'x"y' }])).toBe('a:\n- 1\n- 2\nb: 1\ns: x"y\n');
    expect(call("to_yaml_string", [{ foo: { bar: "x" } }])).toBe("foo:\n  bar: x\n");
    expect(call("yaml_dump", [[{ b: 2, a: 1 }, { x: 3 }]])).toBe("- a: 1\n  b: 2\n- x: 3\n");
    expect(call("yaml_dump", [[[1, 2], []]])).toBe("- - 1\n  - 2\n- []\n");
  });
  it("writes bytes as represent_binary does: base64 lines tagged !!binary, literal style where allowed", () => {
    const bytes = (...b: number[]) => new PyBytes(Uint8Array.from(b));
    const hi = bytes(104, 105);
    expect(call("to_yaml_string", [hi])).toBe("!!binary |\n  aGk=\n");
    expect(call("to_yaml_string", [{ a: hi, b: [1, bytes(0, 255)] }])).toBe(
      "a: !!binary |\n  aGk=\nb:\n- 1\n- !!binary |\n  AP8=\n",
    );
    expect(call("to_yaml_string", [bytes()])).toBe('!!binary ""\n');
    // bytes met twice are written twice (ignore_aliases); 60 bytes take two base64 lines
    expect(call("to_yaml_string", [{ a: hi, b: hi }])).toBe("a: !!binary |\n  aGk=\nb: !!binary |\n  aGk=\n");
    expect(call("to_yaml_string", [{ a: { b: new PyBytes(new Uint8Array(60).fill(120)) } }])).toBe(
      `a:\n  b: !!binary |\n    ${"eHh4".repeat(19)}\n    eHh4\n`,
    );
    expect(call("to_yaml_string", [[hi, "x"]], { indent: 4 })).toBe("- !!binary |\n    aGk=\n- x\n");
  });
  it("quotes strings that would read back as something else", () => {
    expect(call("to_yaml_string", [{ a: "1", b: "yes", c: "", d: "a: b", e: "null", f: "- x" }])).toBe(
      "a: '1'\nb: 'yes'\nc: ''\nd: 'a: b'\ne: 'null'\nf: '- x'\n",
    );
    expect(call("to_yaml_string", [{ t: "a\tb" }])).toBe('t: "a\\tb"\n');
    expect(call("to_yaml_string", [{ m: "l1\nl2" }])).toBe("m: 'l1\n\n  l2'\n");
  });
  it("writes scalars and empty containers at the root", () => {
    expect(call("to_yaml_string", ["abc"])).toBe("abc\n");
    expect(call("to_yaml_string", [{}])).toBe("{}\n");
    expect(call("to_yaml_string", [[new PyFloat(1), 1e-7, null, true]])).toBe(
      "- 1.0\n- 1.0e-07\n- null\n- true\n",
    );
    expect(call("to_yaml_string", [{ u: "é" }])).toBe("u: é\n");
  });
  it("folds long plain strings at 80 columns", () => {
    const words = Array.from({ length: 30 }, (_, i) => `word${i}`).join(" ");
    const out = call("to_yaml_string", [{ k: words }]) as string;
    expect(out.split("\n")[0]!.length).toBeLessThanOrEqual(90);
    expect(out.split("\n")[1]!.startsWith("  word")).toBe(true);
  });
});
