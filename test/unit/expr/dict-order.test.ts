// Python keeps a dict's insertion order; a JavaScript object lists
// integer-like keys first. Every way a dict is made, copied, rendered and
// iterated must keep Python's order, through the evaluator and translated code.

import { describe, expect, it } from "vitest";
import { renderValue } from "../../../compiler/expr/index";
import { deepCopy, mergeDicts } from "../../../runtime/engine/context";
import { pyJsonLoads } from "../../../runtime/stdlib/functions/py-json";
import { dictDelete, dictKeys, dictSet, isIndexKey, newDict } from "../../../runtime/stdlib/py/dict";
import { pyStr } from "../../../runtime/stdlib/py/text";
import type { PyDict, PyValue } from "../../../runtime/stdlib/py/value";
import { translateAll } from "./translate/harness";

const ctx = pyJsonLoads('{"d": {"b": 1, "10": 2, "2": 3}, "l": [3, 1, 2]}') as PyDict;

/** Python's results for these expressions over ctx. */
const CASES: [string, PyValue][] = [
  ["v=<% ctx(d) %>", "v={'b': 1, '10': 2, '2': 3}"],
  ["v=<% ctx().d %>", "v={'b': 1, '10': 2, '2': 3}"],
  ["v=<% ctx(l).toDict($) %>", "v={3: 3, 1: 1, 2: 2}"],
  ["v=<% {b => 1, '1' => 2} %>", "v={'b': 1, '1': 2}"],
  ["v=<% dict(ctx(d).items().where($[1] > 1)) %>", "v={'10': 2, '2': 3}"],
  ["<% ctx(d).keys().join(',') %>", "b,10,2"],
  ["v={{ ctx('d') }}", "v={'b': 1, '10': 2, '2': 3}"],
  ["v={{ {'b': 1, '1': 2} }}", "v={'b': 1, '1': 2}"],
  ["v={{ {'b': 1, 1: 2} }}", "v={'b': 1, 1: 2}"],
  ["{{ ctx('d') | to_json_string }}", '{"b": 1,"10": 2,"2": 3}'],
  ["{{ ctx('d').keys() | join(',') }}", "b,10,2"],
  ["{% for k, v in ctx('d').items() %}{{ k }}{% endfor %}", "b102"],
  // A key popped and set again goes to the end, as in Python.
  [
    "{% set d = {'b': 1, '10': 2, '2': 3} %}{% set _ = d.pop('10') %}{% set _ = d.update({'10': 4}) %}{{ d }}",
    "{'b': 1, '2': 3, '10': 4}",
  ],
  ["v=<% dict(b => 1, '10' => 2, '2' => 3).delete('10').set('10', 4) %>", "v={'b': 1, '2': 3, '10': 4}"],
];

describe("dict insertion order", () => {
  it("knows which keys JavaScript would reorder", () => {
    expect(["0", "7", "42", "4294967294"].map(isIndexKey)).toEqual([true, true, true, true]);
    expect(["", "07", "-1", "1.5", "a1", "4294967295"].map(isIndexKey)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it("keeps insertion order through dictSet, copies, merges and deletes", () => {
    const d: PyDict = {};
    dictSet(d, "b", 1);
    dictSet(d, "10", 2);
    dictSet(d, "2", 3);
    expect(dictKeys(d)).toEqual(["b", "10", "2"]);
    expect(dictKeys(deepCopy(d))).toEqual(["b", "10", "2"]);
    expect(dictKeys(mergeDicts(newDict([["z", 0]]), d))).toEqual(["z", "b", "10", "2"]);
    dictDelete(d, "10");
    dictSet(d, "10", 4);
    expect(dictKeys(d)).toEqual(["b", "2", "10"]);
    expect(pyStr(d)).toBe("{'b': 1, '2': 3, '10': 4}");
  });

  it("never loses a key set around dictSet", () => {
    const d: PyDict = {};
    dictSet(d, "5", 1);
    d.a = 2;
    expect(dictKeys(d).sort()).toEqual(["5", "a"]);
  });

  it("renders and iterates dicts in Python's order, evaluated and translated alike", async () => {
    const fns = await translateAll(CASES.map(([expr]) => expr));
    for (const [i, [expr, expected]] of CASES.entries()) {
      expect(renderValue(expr, { ctx }), expr).toEqual(expected);
      expect(fns[i]!({ ctx }), `translated ${expr}`).toEqual(expected);
    }
  });
});
