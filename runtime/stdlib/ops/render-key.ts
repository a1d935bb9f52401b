// Dict keys of a rendered structure: a key that renders to a non-string is
// stored as its Python str() (compiler/expr/render.ts, renderWith).

import { dictSet } from "../py/dict";
import { pyStr } from "../py/text";
import type { PyDict, PyValue } from "../py/value";

export function renderedKey(key: PyValue): string {
  return typeof key === "string" ? key : pyStr(key);
}

/** Builds a rendered dict from [renderedKey, renderedValue] pairs in order. */
export function renderedDict(pairs: [PyValue, PyValue][]): PyDict {
  const out: PyDict = {};
  for (const [k, v] of pairs) dictSet(out, renderedKey(k), v);
  return out;
}
