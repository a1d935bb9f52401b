// Dict keys of a rendered structure: a key that renders to a non-string is
// stored as its Python str() (compiler/expr/render.ts, renderWith).

import { dictSet } from "../py/dict";
import { pyStr } from "../py/text";
import { hashKey, type PyDict, type PyValue } from "../py/value";

export function renderedKey(key: PyValue): string {
  return typeof key === "string" ? key : pyStr(key);
}

/**
 * Builds a rendered dict from [renderedKey, renderedValue] pairs in order, as
 * Python builds the dict: a key equal to an earlier one (True and 1, 1 and
 * 1.0) keeps the earlier key and takes the new value; an unhashable key fails.
 */
export function renderedDict(pairs: [PyValue, PyValue][]): PyDict {
  const out: PyDict = {};
  const texts = new Map<string, string>();
  for (const [k, v] of pairs) {
    const hash = hashKey(k);
    const text = texts.get(hash) ?? renderedKey(k);
    texts.set(hash, text);
    dictSet(out, text, v);
  }
  return out;
}
