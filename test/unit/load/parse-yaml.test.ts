import { describe, expect, it } from "vitest";
import { parseYaml, parseYamlData } from "../../../compiler/load/parse-yaml";
import { timestampFields } from "../../../compiler/load/pyyaml-scalar";
import {
  mapGet,
  nodeAt,
  toJsonData,
  toPyValue,
  type YMap,
  type YNode,
  type YScalar,
} from "../../../compiler/load/yaml-node";
import { lineColOf } from "../../../compiler/source/source-file";
import { PyFloat } from "../../../runtime/stdlib/py/index";

/** What yaml.safe_load(text) gives, as JSON data, or the exception it raises (from_yaml_string's reading). */
function loaded(text: string): unknown {
  const data = parseYamlData(text);
  return "root" in data && data.root ? toJsonData(data.root) : data;
}

const parse = (text: string) => parseYaml({ path: "wf.yaml", text });
const data = (text: string) => {
  const r = parse(text);
  expect(r.diagnostics).toEqual([]);
  return toJsonData(r.root as YNode);
};

describe("parseYaml", () => {
  it("reads YAML 1.1 the way PyYAML does", () => {
    expect(data("a: yes\nb: 010\nc: 1e3\nd: on\ne: n\nf: 2020-01-01\n")).toEqual({
      a: true,
      b: 8,
      c: "1e3",
      d: true,
      e: "n",
      f: "2020-01-01",
    });
  });

  it("refuses what PyYAML's reader refuses: control characters, a decimal int of over 4,300 digits", () => {
    const r = parse('a: "x\u0001y"\n');
    expect(r.root).toBeNull();
    expect(r.diagnostics.map((d) => [d.code, d.message, lineColOf(r.file, d.range!.start)])).toEqual([
      [
        "ORQ1001",
        "YAML syntax error: unacceptable character #x0001: control characters are not allowed",
        { line: 1, col: 6 },
      ],
    ]);
    const long = parse(`a: ${"1".repeat(4301)}\nb: ${"1".repeat(4300)}\n`);
    expect(long.root).toBeNull();
    expect(long.diagnostics.map((d) => d.code)).toEqual(["ORQ1005"]);
    expect(data(`a: 0x${"f".repeat(5000)}\n`)).toBeTruthy();
  });

  it("refuses an anchor name used twice, as PyYAML's composer does, at the second one", () => {
    const r = parse("a: &x 1\nb: &x 2\nc: *x\n");
    expect(r.root).toBeNull();
    expect(r.diagnostics.map((d) => [d.code, d.message, lineColOf(r.file, d.range!.start)])).toEqual([
      [
        "ORQ1001",
        "YAML syntax error: found duplicate anchor; first occurrence (line 1, column 4): second occurrence",
        { line: 2, col: 4 },
      ],
    ]);
    expect(data("a: &x 1\nb: &y 2\nc: *x\n")).toEqual({ a: 1, b: 2, c: 1 });
  });

  it("refuses an alias to no anchor before it, as PyYAML's composer does, at the alias", () => {
    const refusedAt = (text: string) => {
      const r = parse(text);
      expect(r.root).toBeNull();
      return r.diagnostics.map((d) => [d.code, d.message, lineColOf(r.file, d.range!.start)]);
    };
    // A misspelt alias name, an alias before its anchor, an anchor only inside a block scalar's text.
    const undefinedAt = (line: number, col: number) => [
      ["ORQ1001", "YAML syntax error: found undefined alias", { line, col }],
    ];
    expect(refusedAt("a: &x 1\nb: *y\n")).toEqual(undefinedAt(2, 4));
    expect(refusedAt("b: *x\na: &x 1\n")).toEqual(undefinedAt(1, 4));
    expect(refusedAt("a: |\n  &x y\nb: *x\n")).toEqual(undefinedAt(3, 4));
    // Whichever the composer meets first.
    expect(refusedAt("a: *nope\nb: &b 1\nc: &b 2\n")).toEqual(undefinedAt(1, 4));
  });

  // Each checked against PyYAML 6.0 and Orquesta 1.6.0's loader (scripts/yaml-diff).
  it("refuses what PyYAML cannot construct: the whole file does not load", () => {
    const refused = (text: string) => {
      const r = parse(text);
      expect(r.root).toBeNull();
      return r.diagnostics.map((d) => `${d.code} ${d.message.replace(/ \(PyYAML.*$/, "")}`);
    };
    // The classic: an unquoted Jinja expression is a flow mapping whose key is a mapping.
    expect(refused("a:\n  b: {{ ctx().x }}\n")).toEqual([
      "ORQ1005 while constructing a mapping: found unacceptable key (unhashable type: 'dict')",
    ]);
    expect(refused("a: [1, =]\n")).toEqual([
      "ORQ1005 could not determine a constructor for the tag 'tag:yaml.org,2002:value'",
    ]);
    expect(refused("a: <<\n")).toEqual([
      "ORQ1005 could not determine a constructor for the tag 'tag:yaml.org,2002:merge'",
    ]);
    expect(refused("a: !!bool maybe\n")).toEqual(["ORQ1005 'maybe'"]);
    expect(refused("? [a]\n: 1\n")).toEqual([
      "ORQ1005 while constructing a mapping: found unacceptable key (unhashable type: 'list')",
    ]);
    // A timestamp is built by Python's date/datetime, whose range checks raise ValueError.
    expect(refused("start: 2001-02-30\n")).toEqual(["ORQ1005 day is out of range for month"]);
    expect(refused("start: 2001-12-14 21:59:60\n")).toEqual(["ORQ1005 second must be in 0..59"]);
    expect(refused("start: 0000-01-01\n")).toEqual(["ORQ1005 year 0 is out of range"]);
    expect(refused("start: 2001-12-14 1:00:00 +24\n")).toEqual([
      "ORQ1005 offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24), not datetime.timedelta(days=1).",
    ]);
    expect(refused("start: !!timestamp 2001-13-1\n")).toEqual(["ORQ1005 month must be in 1..12"]);
    // !!omap and !!pairs take lists of one-pair mappings only.
    expect(refused("a: !!omap [{x: 1, y: 2}]\n")).toEqual([
      "ORQ1005 while constructing an ordered map: expected a single mapping item, but found 2 items",
    ]);
    expect(refused("a: !!pairs [x]\n")).toEqual([
      "ORQ1005 while constructing pairs: expected a mapping of length 1, but found scalar",
    ]);
    // Tags on collections (messages from Orquesta 1.6.0's loader, 2026-11-29).
    expect(refused("k2: !!int &a\n  k3: 1\n")).toEqual(["ORQ1005 expected a scalar node, but found mapping"]);
    expect(refused("k: !!str [1]\n")).toEqual(["ORQ1005 expected a scalar node, but found sequence"]);
    expect(refused("k: !!null {}\n")).toEqual(["ORQ1005 expected a scalar node, but found mapping"]);
    expect(refused("k: !!seq {a: 1}\n")).toEqual(["ORQ1005 expected a sequence node, but found mapping"]);
    expect(refused("k: !!map [1]\n")).toEqual(["ORQ1005 expected a mapping node, but found sequence"]);
    expect(refused("k: !foo [1]\n")).toEqual([
      "ORQ1005 could not determine a constructor for the tag '!foo'",
    ]);
    expect(data("a: !!seq [1]\nb: !!map {c: 1}\nd: ! [2]\n")).toEqual({ a: [1], b: { c: 1 }, d: [2] });
    // Valid ones load, as their text (workflow data is JSON).
    expect(data("a: 2000-02-29\nb: 2001-12-14t21:59:43.10-05:00\n")).toEqual({
      a: "2000-02-29",
      b: "2001-12-14t21:59:43.10-05:00",
    });
  });

  it("records merge keys (merged, as safe_load does; Orquesta's loader refuses them)", () => {
    const r = parse("base: &b {x: 1}\nchild:\n  <<: *b\n  y: 2\n");
    expect(toJsonData(r.root as YNode)).toEqual({ base: { x: 1 }, child: { x: 1, y: 2 } });
    expect(r.mergeKeys.map((m) => lineColOf(r.file, m.start))).toEqual([{ line: 3, col: 3 }]);
  });

  it("knows a merge key by its tag, as flatten_mapping does", () => {
    // Recorded with PyYAML 6.0's C loader: a `<<` tagged `!` in any style, and any key tagged
    // !!merge, merge; a quoted or !!str `<<` is a plain key.
    const merged = (text: string) => {
      const r = parse(text);
      return [toJsonData(r.root as YNode), r.mergeKeys.length];
    };
    expect(merged("a: 1\n! <<: {b: 2}\n")).toEqual([{ a: 1, b: 2 }, 1]);
    expect(merged("a: 1\n! '<<': {b: 2}\n")).toEqual([{ a: 1, b: 2 }, 1]);
    expect(merged('a: 1\n! "<<": {b: 2}\n')).toEqual([{ a: 1, b: 2 }, 1]);
    expect(merged("a: 1\n!!merge foo: {b: 2}\n")).toEqual([{ a: 1, b: 2 }, 1]);
    expect(merged("a: 1\n'<<': {b: 2}\n")).toEqual([{ a: 1, "<<": { b: 2 } }, 0]);
    expect(merged("a: 1\n!!str <<: {b: 2}\n")).toEqual([{ a: 1, "<<": { b: 2 } }, 0]);
  });

  it("treats keys Python finds equal as duplicates (True == 1 == 1.0)", () => {
    expect(parse("1: a\ntrue: b\n").diagnostics.map((d) => d.code)).toEqual(["ORQ1002"]);
    expect(parse("0: a\n0.0: b\n").diagnostics.map((d) => d.code)).toEqual(["ORQ1002"]);
  });

  it("keeps quoted scalars as strings", () => {
    expect(data("a: 'yes'\nb: \"010\"\nc: |\n  yes\n")).toEqual({ a: "yes", b: "010", c: "yes\n" });
  });

  it("keeps the source range of every node", () => {
    const text = "version: 1.0\ntasks:\n  t1:\n    action: core.noop\n";
    const r = parse(text);
    const action = nodeAt(r.root!, ["tasks", "t1", "action"]);
    expect(action.complete).toBe(true);
    expect(text.slice(action.node.range.start, action.node.range.end)).toBe("core.noop");
    expect(lineColOf(r.file, action.node.range.start)).toEqual({ line: 4, col: 13 });
    expect(text.slice(action.key!.range.start, action.key!.range.end)).toBe("action");
  });

  it("reports duplicate keys at the second key", () => {
    const r = parse("a: 1\nb: 2\na: 3\n");
    expect(r.diagnostics.map((d) => [d.code, d.range])).toEqual([["ORQ1002", { start: 10, end: 11 }]]);
    expect(r.diagnostics[0]!.message).toContain('"a"');
  });

  it("reports syntax errors with a position and no tree", () => {
    const r = parse("a: [1, 2\nb: 3\n");
    expect(r.root).toBeNull();
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]!.code).toBe("ORQ1001");
    expect(r.diagnostics[0]!.range).toBeDefined();
  });

  it("refuses several documents in one file, like safe_load", () => {
    const r = parse("a: 1\n---\nb: 2\n");
    expect(r.diagnostics[0]!.message).toContain("expected a single document");
  });

  it("resolves anchors, aliases and merge keys", () => {
    expect(data("base: &b {x: 1, y: 2}\nd:\n  <<: *b\n  y: 3\ne: *b\n")).toEqual({
      base: { x: 1, y: 2 },
      d: { x: 1, y: 3 },
      e: { x: 1, y: 2 },
    });
  });

  it("refuses aliases that expand past the node budget (billion laughs), at the alias that passes it", () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 8; i++) {
      const prev = String.fromCharCode(96 + i);
      levels.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${prev}`).join(", ")}]`,
      );
    }
    const text = `${levels.join("\n")}\n`;
    const t0 = performance.now();
    const r = parse(text);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(r.root).toBeNull();
    expect(r.diagnostics.map((d) => d.code)).toEqual(["ORQ1007"]);
    // Line 5 ("e": ten times "d", 11,111 values each) passes 100,000 values.
    expect(lineColOf({ path: "wf.yaml", text }, r.diagnostics[0]!.range!.start).line).toBe(5);
    // Aliases that stay under the budget are expanded as before.
    const small = parse(`${levels.slice(0, 3).join("\n")}\n`);
    expect(small.diagnostics).toEqual([]);
    expect(toJsonData(mapGet(small.root as never, "c")!)).toHaveLength(10);
  });

  it("accepts under-indented continuation lines of quoted scalars, as PyYAML does", () => {
    const text = "vars:\n  - a: '{{\n        x |\n        y\n    }}'\n  - b: 1\n";
    const r = parse(text);
    expect(r.diagnostics).toEqual([]);
    expect(toJsonData(r.root!)).toEqual({ vars: [{ a: "{{ x | y }}" }, { b: 1 }] });
    const b = nodeAt(r.root!, ["vars", 1, "b"]).node;
    expect(text.slice(b.range.start, b.range.end)).toBe("1");
  });

  it("keeps integral floats as Python floats in the Python view", () => {
    const r = parse("x: 1.0\ny: 2\n");
    const v = toPyValue(r.root!) as Record<string, unknown>;
    expect(v.x).toBeInstanceOf(PyFloat);
    expect(v.y).toBe(2);
  });

  it("keeps __proto__ as a plain key", () => {
    const root = parse("__proto__: 1\n").root!;
    expect(root.kind === "map" && mapGet(root, "__proto__")).toBeTruthy();
    expect(Object.keys(toJsonData(root) as object)).toEqual(["__proto__"]);
  });

  it.each([
    ["a list", "[".repeat(30000) + "]".repeat(30000)],
    ["a mapping", "{a: ".repeat(20000) + "1" + "}".repeat(20000)],
  ])("refuses %s nested deeper than Orquesta can load (ORQ1008), as it reads the file", (_, value) => {
    const r = parse(`version: 1.0\ninput:\n  - x: ${value}\n`);
    expect(r.root).toBeNull();
    expect(r.diagnostics.map((d) => d.code)).toEqual(["ORQ1008"]);
  });

  // Orquesta's loader (a mapping constructed in one go) against PyYAML's C loader, recorded.
  it.each([
    ["a: &x\n  b: *x\n", "ORQ1005", "found unconstructable recursive node"],
    ["a: &x {*x: 1}\n", "ORQ1005", "found unconstructable recursive node"],
    ["a: &x [&y {b: {c: *y}}]\n", "ORQ1005", "found unconstructable recursive node"],
    // Through a list, PyYAML makes a list or mapping that contains itself, which Orquesta cannot walk.
    ["a: &x [1, *x]\n", "ORQ1008", "nest too deeply"],
    ["a: &x {b: [*x]}\n", "ORQ1008", "nest too deeply"],
  ])("refuses the recursive alias in %j", (text, code, words) => {
    const r = parse(text);
    expect(r.root).toBeNull();
    expect(r.diagnostics.map((d) => d.code)).toEqual([code]);
    expect(r.diagnostics[0]!.message).toContain(words);
  });

  it("gives from_yaml_string's RecursionError for a recursive alias, and reads an alias of a finished node", () => {
    for (const text of ["a: &x [1, *x]\n", "a: &x {b: *x}\n"])
      expect(parseYamlData(text)).toEqual({
        type: "RecursionError",
        error: "maximum recursion depth exceeded",
      });
    expect(loaded("a: &x {b: 1}\nc: [*x, *x]\n")).toEqual({ a: { b: 1 }, c: [{ b: 1 }, { b: 1 }] });
  });

  it("treats an empty document as no tree and no error", () => {
    expect(parse("# nothing\n")).toMatchObject({ root: null, diagnostics: [] });
  });
});

describe("line breaks libyaml reads as LF", () => {
  // Values recorded from yaml.load(text, Loader=yaml.CSafeLoader) (PyYAML 6.0, libyaml 0.2.5).
  it.each([
    ["a: 1\rb: 2\r", { a: 1, b: 2 }],
    ["a: |\r  x\r  y\rb: 1", { a: "x\ny\n", b: 1 }],
    ["a: x\r  y\r", { a: "x y" }],
    ['a: "x\r  y"', { a: "x y" }],
    ["a: 1\u0085b: 2\u0085", { a: 1, b: 2 }],
    ["a: |\u0085  x\u0085  y\u0085b: 1", { a: "x\ny\n", b: 1 }],
    ["a: >\u0085  x\u0085  y\u0085\u0085  z\u0085", { a: "x y\nz\n" }],
    ["a: x\u0085  y", { a: "x y" }],
    ['a: "x\u0085\u0085y"', { a: "x\ny" }],
    ["- a\r- b\r\r", ["a", "b"]],
    ["a: [1,\r 2]\r", { a: [1, 2] }],
  ])("reads %j as PyYAML does", (text, value) => {
    expect(loaded(text)).toEqual(value);
  });
});

describe("text libyaml reads that the yaml package complains about", () => {
  it("reads a JSON body in a quoted scalar closed at its key's indentation, as PyYAML does", () => {
    // The shape of a harvested tutorial workflow that orqc refused ("Unexpected flow-map-end token").
    const text =
      'tasks:\n  t:\n    input:\n      url: "u"\n      body: "{\n        \\"component\\": \\"<% ctx().component %>\\",\n        \\"major\\": \\"<% ctx().major %>\\"\n      }"\n';
    expect(loaded(text)).toEqual({
      tasks: {
        t: {
          input: { url: "u", body: '{ "component": "<% ctx().component %>", "major": "<% ctx().major %>" }' },
        },
      },
    });
  });

  it("reads a quoted scalar closed at its key's indentation below a tab, as PyYAML does", () => {
    // Reduced from a harvested workflow (a JSON body over several lines) with a tab put after a key.
    const text =
      'description:\t  \n  check_bash_major_version:\n    input:\n      publish:\n      body: "{\n        \\"minor\\": \\"<% ctx().minor %>\\"\n      }"';
    expect(loaded(text)).toEqual({
      description: {
        check_bash_major_version: { input: { publish: null, body: '{ "minor": "<% ctx().minor %>" }' } },
      },
    });
  });
});

describe("a block scalar ending the text with no line break", () => {
  // Values recorded from yaml.load(text, Loader=yaml.CSafeLoader): libyaml gives the last line no
  // break when the text has none after it; the yaml package added one.
  it.each([
    ["k: |\n x", { k: "x" }],
    ["k: >\n x\n\n y", { k: "x\ny" }],
    ["k: |+\n x", { k: "x" }],
    ["k: |-\n x", { k: "x" }],
    ["k: |\n x\n ", { k: "x\n" }],
    ["k: |+\n x\n ", { k: "x\n" }],
    ["k: |\n x\n   ", { k: "x\n  " }],
    ["k: >\n text\n\n \t", { k: "text\n\n\t" }],
    ["k: |2\n   x", { k: " x" }],
    ["k: &a |\n x", { k: "x" }],
    ["k: !!str |\n x", { k: "x" }],
    ["a: |\n  x\nb: |\n  y", { a: "x\n", b: "y" }],
    ["- |\n  x", ["x"]],
  ])("reads %j as PyYAML does", (text, value) => {
    expect(loaded(text)).toEqual(value);
  });

  it("gives a workflow's last command no line break the file does not have", () => {
    const text =
      "version: 1.0\ntasks:\n  t:\n    action: core.local\n    input:\n      cmd: |\n        echo hi";
    const parsed = parseYaml({ path: "wf.yaml", text });
    expect(toJsonData(parsed.root!)).toMatchObject({ tasks: { t: { input: { cmd: "echo hi" } } } });
  });
});

describe("tokens libyaml ends where the yaml package reads on", () => {
  // Values recorded from yaml.load(text, Loader=yaml.CSafeLoader) (PyYAML 6.0, libyaml 0.2.5).
  it.each([
    [
      "&description: simple\nk: 1\n",
      [
        [null, "simple"],
        ["k", 1],
      ],
    ],
    ["k: &a:b\n", [["k", ":b"]]],
    [
      "&a0: No\nk1: 1.0\n",
      [
        [null, false],
        ["k1", 1],
      ],
    ],
    ["k: {?4: 1, a: 2}\n", [["k", { 4: 1, a: 2 }]]],
    ["k: [?4]\n", [["k", [{ 4: null }]]]],
    ["k: [&a: b]\n", [["k", [{ None: "b" }]]]], // toJsonData names a None key as str() does
    ["k0:\n|\n\n  b\n", [["k0", "\nb\n"]]],
    ["a:\n  b:\n  |\n   x\n", [["a", { b: "x\n" }]]],
    ['k0: [0x1F,&1:3"\t00, x#y]\n', [["k0", [31, { None: '3"\t00' }, "x#y"]]]],
    ['k: {"a":b}\n', [["k", { a: "b" }]]],
    ["k: [&a :b]\n", [["k", [{ None: "b" }]]]],
    ["k0: !!null%007 \n", [["k0", null]]], // libyaml's tag is a C string: it ends at the NUL
    [
      "k0: x\nk1:\n|\n x\n",
      [
        ["k0", "x"],
        ["k1", "x\n"],
      ],
    ],
  ])("reads %j as PyYAML does", (text, pairs) => {
    const data = parseYamlData(text);
    expect("root" in data && data.root?.kind === "map").toBe(true);
    if (!("root" in data) || data.root?.kind !== "map") return;
    const got = data.root.pairs.map((p) => [toPyValue(p.key), toJsonData(p.value)]);
    expect(got).toEqual(pairs);
  });
});

describe("the non-specific tag !", () => {
  // Values recorded from yaml.load(text, Loader=yaml.CSafeLoader): libyaml marks a scalar tagged `!` plain-implicit.
  it.each([
    ["a: ! 12\n", 12],
    ["a: ! '12'\n", 12],
    ['a: ! "yes"\n', true],
    ["a: ! ''\n", null],
    ["a: ! ~\n", null],
    // Block scalars too; Python's `$` matches before a final line break.
    ["a: ! |\n  12\n", 12],
    ["a: ! |-\n  12\n", 12],
    ["a: ! |\n  1.5\n", 1.5],
    ["a: ! |\n  null\n", null],
    ["a: ! >\n  1:30\n", 90],
    ["a: ! |-\n  0x1f\n", 31],
    ["a: ! |\n  x\n", "x\n"],
    ["a: ! |+\n  12\n\n", "12\n\n"],
    ['a: ! "12\\n"\n', 12],
    ['a: ! "12\\n\\n"\n', "12\n\n"],
    ['a: ! "\\n"\n', "\n"],
    ["a: ! 1.5\n", 1.5],
    ["a: ! 0o17\n", "0o17"],
    ["a: !\n", ""],
    ["a: ! \n", ""],
  ])("reads %j as PyYAML does", (text, value) => {
    expect(loaded(text)).toEqual({ a: value });
  });

  it.each([
    ["a: ! >\n  true\n", { type: "KeyError", error: "'true\\n'" }],
    ['a: ! ".inf\\n"\n', { type: "ValueError", error: "could not convert string to float: '.inf\\n'" }],
    ['a: !!int "1x\\n"\n', { type: "ValueError", error: "invalid literal for int() with base 10: '1x\\n'" }],
    ['a: !!float "1\'x"\n', { type: "ValueError", error: 'could not convert string to float: "1\'x"' }],
  ])("refuses %j as PyYAML does, in its words", (text, error) => {
    expect(parseYamlData(text)).toEqual(error);
  });

  it("reads a date tagged `!` or `!!timestamp` with a final line break, as PyYAML does", () => {
    for (const text of ["a: ! >\n  2001-12-14\n", 'a: !!timestamp "2001-12-14\\n"\n']) {
      const r = parse(text);
      expect(r.diagnostics).toEqual([]);
      const value = (r.root as YMap).pairs[0]!.value as YScalar;
      expect(timestampFields(String(value.value))).toEqual({ year: 2001, month: 12, day: 14 });
    }
  });

  it("refuses `! =` as PyYAML does (the value tag)", () => {
    expect(parseYamlData("a: ! =\n")).toEqual({
      type: "ConstructorError",
      error: "could not determine a constructor for the tag 'tag:yaml.org,2002:value'",
    });
  });
});

describe("tokens libyaml reads that the yaml package reads otherwise", () => {
  // Recorded from PyYAML's C loader: libyaml reads a `-` followed at once by a
  // flow indicator as a plain scalar, where YAML 1.2 starts a block sequence.
  it.each([
    ["a: [a, -]\n", { a: ["a", "-"] }],
    ["a: [-]\n", { a: ["-"] }],
    ["a: [-,]\n", { a: ["-"] }],
    ["a: [[-]]\n", { a: [["-"]] }],
    ["a: {a: -, b: -}\n", { a: { a: "-", b: "-" } }],
    ["a: [&x -, *x]\n", { a: ["-", "-"] }],
    ["a: [!!null -]\n", { a: [null] }],
    ["a: [-: 1]\n", { a: [{ "-": 1 }] }],
    ["a: [\n-,\n-]\n", { a: ["-", "-"] }],
    // An anchored empty key below a mapping anchored on the line before.
    ["k: &a\n  &b: 1\n  c: 2\n", { k: { None: 1, c: 2 } }],
    ["k: &a\n  &b : &c\n  x: *c\n", { k: { None: null, x: null } }],
    ["k: &a\n  &b !!str : 1\n", { k: { "": 1 } }],
    ["k: &a\n  !!null &b : 1\n", { k: { None: 1 } }],
    ["k: &a\n  &b ! : 1\n", { k: { "": 1 } }],
    ["k: &a\n  &b !<tag:yaml.org,2002:str> : 1\n", { k: { "": 1 } }],
    // A comment right after a token.
    ["a: [b,#c\n  d]#e\nf: 1\n", { a: ["b", "d"], f: 1 }],
    ['a: "v"#c\n', { a: "v" }],
    ["a: |#c\n  x\n", { a: "x\n" }],
    ["a: {b: c,#x\n  }\n", { a: { b: "c" } }],
    // LS and PS are line breaks for libyaml; between tokens, nothing else.
    ["a:\u2028  b\n", { a: "b" }],
    ["a: x\u2028\nb: 1\n", { a: "x", b: 1 }],
    ["k: v\u2028k2: v2\n", { k: "v", k2: "v2" }],
    ["k: v\u2029k2: [a,\u2029b]\n", { k: "v", k2: ["a", "b"] }],
    ["a: |\u2028  x\n", { a: "x\n" }],
    ["a: 1 # c\u2028b: 2\n", { a: 1, b: 2 }],
    ["a: 'x\u2028y'\n", { a: "x\u2028y" }],
    // Inside a scalar libyaml keeps them, and takes the indentation after them away.
    ["a: x\u2028  y\n", { a: "x\u2028y" }],
    ["a: 'x\u2028   y'\n", { a: "x\u2028y" }],
    ["a: >\n  x\u2028  y\n", { a: "x\u2028y\n" }],
    ["a: |\n  x\u2028  y\u2029\n", { a: "x\u2028y\u2029" }],
    ["a: x\n\u2028\n  y\n", { a: "x\u2028\ny" }],
  ])("reads %j as PyYAML does", (text, value) => {
    expect(loaded(text)).toEqual(value);
    expect(data(text)).toEqual(value);
  });

  it.each([
    ["a: [- ]\n", "while parsing a flow node: did not find expected node content", { line: 1, col: 5 }],
    [
      "a: [-{]\n",
      "while parsing a flow sequence (line 1, column 4): did not find expected ',' or ']'",
      { line: 1, col: 6 },
    ],
  ])("refuses %j as PyYAML does", (text, message, at) => {
    const r = parse(text);
    expect(r.diagnostics.map((d) => [d.message, lineColOf(r.file, d.range!.start)])).toEqual([
      [`YAML syntax error: ${message}`, at],
    ]);
  });
});
