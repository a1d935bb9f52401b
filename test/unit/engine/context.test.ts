// deepCopy and mergeDicts take plain-assignment fast paths; they must give the
// same keys, in the same Python order, as setting every key through dictSet.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderValue } from "../../../compiler/expr/index";
import { deepCopy, mergeDicts } from "../../../runtime/engine/context";
import { dictKeys, dictSet } from "../../../runtime/stdlib/py/dict";
import { pyStr } from "../../../runtime/stdlib/py/text";
import { type PyDict, PySet, PyTuple, type PyValue } from "../../../runtime/stdlib/py/value";

const key = fc.oneof(
  fc.constantFrom("a", "b", "zz", "0", "7", "10", "07", "-1", "__proto__", "constructor"),
  fc.string({ maxLength: 3 }),
);

/** [key, value] lists: a dict is built from them in order, so its insertion order is known. */
const entries: fc.Arbitrary<[string, PyValue][]> = fc.letrec<{ list: [string, PyValue][] }>((tie) => ({
  list: fc.array(
    fc.tuple(
      key,
      fc.oneof(
        { depthSize: "small" },
        fc.integer(),
        fc.string({ maxLength: 2 }),
        tie("list").map((l) => build(l as [string, PyValue][])),
      ),
    ),
    { maxLength: 6 },
  ),
})).list;

function build(list: readonly [string, PyValue][]): PyDict {
  const d: PyDict = {};
  for (const [k, v] of list) dictSet(d, k, v);
  return d;
}

/** What Python prints, nested key order included. */
const shown = (d: PyDict): string => pyStr(d);

describe("context helpers", () => {
  it("deepCopy keeps every key, in insertion order, at every depth, and shares nothing", () => {
    fc.assert(
      fc.property(entries, (list) => {
        const d = build(list);
        const copy = deepCopy(d);
        expect(shown(copy)).toBe(shown(d));
        expect(dictKeys(copy)).toEqual(dictKeys(d));
        for (const k of dictKeys(d)) if (typeof d[k] === "object") expect(copy[k]).not.toBe(d[k]);
      }),
    );
  });

  it("mergeDicts adds right's keys after left's, in order, merging nested dicts", () => {
    fc.assert(
      fc.property(entries, entries, (l, r) => {
        const left = build(l);
        const right = build(r);
        // The reference: Orquesta's merge_dicts, key by key through dictSet.
        const expected = deepCopy(left);
        const refMerge = (a: PyDict, b: PyDict): void => {
          for (const k of dictKeys(b)) {
            const av = Object.hasOwn(a, k) ? a[k] : undefined;
            const bv = b[k]!;
            if (
              av &&
              typeof av === "object" &&
              !Array.isArray(av) &&
              typeof bv === "object" &&
              bv &&
              !Array.isArray(bv)
            )
              refMerge(av as PyDict, bv as PyDict);
            else dictSet(a, k, deepCopy(bv));
          }
        };
        refMerge(expected, right);
        const merged = mergeDicts(deepCopy(left), right);
        expect(shown(merged)).toBe(shown(expected));
        expect(dictKeys(merged)).toEqual(dictKeys(expected));
      }),
    );
  });

  it("copies as Orquesta's json_util.deepcopy does: through JSON when it can, else copy.deepcopy", () => {
    // Values from Python 3 with ujson 5.7.0 (jsonify.deepcopy run on each input).
    const jinjaDict = renderValue("{{ {1: 'a', none: 'n', true: 'x', 2.5: 'f', '1': 'b'} }}", { ctx: {} });
    const data = { t: new PyTuple([1, 2]), d: jinjaDict } as PyDict;
    // ujson: tuples become lists, keys their str() (None "null"), 1 and '1' one key with the last value
    // shown as Jinja's str() shows it, which knows the keys that are not strings
    const str = (v: PyValue) => renderValue("{{ ctx('v') | string }}", { ctx: { v } });
    expect(str(deepCopy(data))).toBe("{'t': [1, 2], 'd': {'1': 'b', 'null': 'n', '2.5': 'f'}}");
    // a set is refused by ujson: copy.deepcopy keeps the tuple and the keys as they are
    const withSet = { ...data, s: new PySet([1]) } as PyDict;
    expect(str(deepCopy(withSet))).toBe(
      "{'t': (1, 2), 'd': {1: 'x', None: 'n', 2.5: 'f', '1': 'b'}, 's': {1}}",
    );
  });
});
