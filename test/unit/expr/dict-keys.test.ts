// Python keeps 1 and '1' (and True and 'True', None and 'None') as different
// dict keys, while 1, 1.0 and True are one key. The shared value model stores
// every key as text, so a key whose text another key holds is displaced to a
// free text (runtime/stdlib/py/key-index.ts). Expected values were recorded
// with Orquesta 1.6.0's evaluate() (scripts/expr-diff/orquesta_evaluate.py).

import { describe, expect, it } from "vitest";
import { renderValue } from "../../../compiler/expr/index";
import { parseValue, stringifyValue } from "../../../runtime/backend/value-json";
import { deepCopy } from "../../../runtime/engine/context";
import { pyJsonLoads } from "../../../runtime/stdlib/functions/py-json";
import { toGolden } from "../../../runtime/stdlib/py/golden-json";
import {
  displacedNames,
  findKeyText,
  KeyIndex,
  keySlot,
  REMEMBERED_KEYS,
} from "../../../runtime/stdlib/py/key-index";
import type { PyDict, PyValue } from "../../../runtime/stdlib/py/value";
import { translateAll } from "./translate/harness";

const CASES: [PyValue, PyValue][] = [
  ["{{ {1: 'a', '1': 'b'} | length }}", 2],
  ["{{ {1: 'a', '1': 'b'} | string }}", "{1: 'a', '1': 'b'}"],
  ["{{ {1: 'a', '1': 'b'}.keys() | list }}", [1, "1"]],
  ["{{ {1: 'a', '1': 'b'}.values() | list }}", ["a", "b"]],
  ["{{ {1: 'a', '1': 'b'}[1] ~ {1: 'a', '1': 'b'}['1'] }}", "ab"],
  ["{{ {1: 'a', '1': 'b'}.get(1.0) }}", "a"],
  ["{{ '1' in {1: 'a'} }}", false],
  ["{{ {'1': 'a', 1: 'b', True: 'c', 1.0: 'd', 'True': 'e'} | string }}", "{'1': 'a', 1: 'd', 'True': 'e'}"],
  ["{{ {'1': 'a', 1: 'b'} | to_json_string }}", '{"1": "a","1": "b"}'],
  ["{{ {1: 'a', '1': 'b'} | to_yaml_string }}", "1: a\n'1': b\n"],
  ["{{ {1: 'one', '1': 'uno'} | urlencode }}", "1=one&1=uno"],
  // json's sort_keys orders keys as Python does (9 before 10)
  ["{{ to_json_string({10: 'a', 9: 'b'}, none, true) }}", '{"9": "b","10": "a"}'],
  ["<% to_json_string({10 => a, 9 => b, 1.5 => c}, null, true) %>", '{"1.5": "c","9": "b","10": "a"}'],
  ["{% set d = {'1': 'a'} %}{% set _ = d.update({1: 'b'}) %}{{ d | string }}", "{'1': 'a', 1: 'b'}"],
  ["{% set d = {1: 'a', '1': 'b'} %}{% set _ = d.pop(1) %}{{ d | string }} {{ d['1'] }}", "{'1': 'b'} b"],
  ["{% set d = {1: 'a', '1': 'b'} %}{% set _ = d.pop('1') %}{{ d | string }} {{ d[1] }}", "{1: 'a'} a"],
  [
    "{% set d = {1: 'a'} %}{% set _ = d.pop(1) %}{% set _ = d.setdefault('1', 'z') %}{{ d | string }}",
    "{'1': 'z'}",
  ],
  ["{% set d = {'1': 'a'} %}{% set _ = d.setdefault(1, 'z') %}{{ d | string }}", "{'1': 'a', 1: 'z'}"],
  ["{{ {None: 1, 'None': 2} | string }}", "{None: 1, 'None': 2}"],
  ["{{ {(1, 2): 'x', '(1, 2)': 'y'} | string }}", "{(1, 2): 'x', '(1, 2)': 'y'}"],
  ["{{ {'1\\x001': 'a', '1': 'b', 1: 'c'} | string }}", "{'1\\x001': 'a', '1': 'b', 1: 'c'}"],
  ["{% for k, v in {'1': 'a', 1: 'b'}.items() %}{{ k is string }}{{ v }}{% endfor %}", "TrueaFalseb"],
  ["<% {1 => a, '1' => b}.len() %>", 2],
  ["<% {1 => a, '1' => b}['1'] + {1 => a, '1' => b}[1] %>", "ba"],
  ["<% {1 => a}.containsKey('1') %>", false],
  ["<% str({'1' => a}.set(1, b)) %>", "{'1': 'a', 1: 'b'}"],
  ["<% str({'1' => a, 1 => b}.delete(1)) %>", "{'1': 'a'}"],
  ["<% str(dict(list([1, a], ['1', b]))) %>", "{1: 'a', '1': 'b'}"],
  ["<% str(list(1, '1').toDict($, $)) %>", "{1: 1, '1': '1'}"],
  ["<% str({'1' => a}.mergeWith({1 => b})) %>", "{'1': 'a', 1: 'b'}"],
  ["<% to_json_string({'1' => a, 1 => b}) %>", '{"1": "a","1": "b"}'],
  [
    "<% str({'1' => a, 1 => b, true => c, 'True' => d, null => e, 'None' => f}) %>",
    "{'1': 'a', 1: 'c', 'True': 'd', None: 'e', 'None': 'f'}",
  ],
  ["<% {'1' => a, 1 => b}.keys().select(isString($)) %>", [true, false]],
  // equality looks keys up as Python does
  ["{{ {1: 'a'} == {'1': 'a'} }}", false],
  ["{{ {1: 'a'} == {true: 'a'} }}", true],
  ["{{ {1: 'a'} in [{'1': 'a'}] }}", false],
  ["{{ {1: 'a', '1': 'b'} == {'1': 'b', 1: 'a'} }}", true],
  ["<% {1 => a} = {'1' => a} %>", false],
  ["<% {1 => a} = {1.0 => a} %>", true],
  ["<% {'1' => a, 1 => b} != {'1' => b, 1 => a} %>", true],
  // A result leaves the engine as its JSON text reads back: the first key's place, the last one's value.
  ["{{ {1: 'a', '1': 'b'} }}", { "1": "b" }],
  ["<% [{'1' => a, 1 => b}] %>", [{ "1": "b" }]],
  ["<% {x => {'1' => a, 1 => b}} %>", { x: { "1": "b" } }],
  // inside text, str() shows both keys
  ["v=<% {1 => 'one', '1' => 'uno'} %>", "v={1: 'one', '1': 'uno'}"],
  ["v={{ {1: 'one', '1': 'uno'} }}", "v={1: 'one', '1': 'uno'}"],
  ["<% 1 %> <% {1 => 'one', '1' => 'uno'} %>", "1 {1: 'one', '1': 'uno'}"],
  ["{{ 1 }} {{ {1: 'one', '1': 'uno'} }}", "1 {1: 'one', '1': 'uno'}"],
  // (parsed, not a literal: JavaScript would list "1" first)
  [pyJsonLoads('{"<% 1 %>": "a", "1": "b"}'), { "1": "b" }],
];

/** A result as `orqc eval --cases` writes it (JSON: one text per key). */
const asJson = (v: PyValue) => toGolden(v).value;

describe("dict keys that share a text", () => {
  it("keeps 1 and '1' apart, evaluated and translated alike", async () => {
    const fns = await translateAll(CASES.map(([expr]) => expr));
    for (const [i, [expr, expected]] of CASES.entries()) {
      const label = JSON.stringify(expr);
      expect(asJson(renderValue(expr, { ctx: {} })), label).toEqual(expected);
      expect(asJson(fns[i]!({ ctx: {} })), `translated ${label}`).toEqual(expected);
    }
  });

  it("fails json's sort_keys over 1 and '1' as Python does", () => {
    expect(() =>
      renderValue("{{ to_json_string({1: 'one', '1': 'uno'}, none, true) }}", { ctx: {} }),
    ).toThrow("TypeError: '<' not supported between instances of 'str' and 'int'");
  });

  it("places a key whose text is taken under a free one, and finds each key by Python's equality", () => {
    const d: PyDict = {};
    for (const [key, value] of [
      ["1", "a"],
      [1, "b"],
      ["1\u00001", "c"],
      [true, "x"],
    ] as [PyValue, PyValue][]) {
      d[keySlot(d, key)] = value;
    }
    expect(Object.keys(d)).toEqual(["1", "1\u00001", "1\u00001\u00001"]);
    expect(findKeyText(d, "1")).toBe("1");
    expect(findKeyText(d, 1)).toBe("1\u00001");
    expect(findKeyText(d, "1\u00001")).toBe("1\u00001\u00001");
    expect(d["1\u00001"]).toBe("x");
    expect(displacedNames(d)).toEqual(
      new Map([
        ["1\u00001", "1"],
        ["1\u00001\u00001", "1\u00001"],
      ]),
    );
    // JSON has one text per key: the first one's place, the last value, as json.loads reads json.dumps
    expect(asJson([d])).toEqual([{ "1": "x", "1\u00001": "c" }]);
    expect(parseValue(stringifyValue(d))).toEqual({ "1": "x", "1\u00001": "c" });
    expect(deepCopy(d)).toEqual({ "1": "x", "1\u00001": "c" });
  });

  it("names no key of a dict without displaced keys", () => {
    const table = REMEMBERED_KEYS;
    const d: PyDict = { a: 1 };
    const index = new KeyIndex();
    index.set("2", 2);
    table.set(d, index);
    expect(displacedNames(d)).toBeUndefined();
  });
});
