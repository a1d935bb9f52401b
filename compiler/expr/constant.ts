// Which expression strings are constant: they read nothing from the run (no
// ctx/item/result/task/st2kv/time/random/lipsum, no `$` or `__vars`), evaluate without error and
// do not render to more expression text. The fold-constants pass and the
// expression translator replace such a string by its value.

import { remembersKeys } from "../../runtime/stdlib/py/key-index";
import { isDict, isOpaque, PySet, PyTuple, type PyValue } from "../../runtime/stdlib/py/value";
import { READS_THE_RUN } from "./changing-names";
import { extractExpressions, languageOf, renderValue } from "./index";

export type Fold = { readonly value: PyValue } | null;

function holdsExpressionText(v: PyValue): boolean {
  if (typeof v === "string") return languageOf(v) !== null;
  if (Array.isArray(v)) return v.some(holdsExpressionText);
  if (isDict(v)) return Object.keys(v).some((k) => languageOf(k) !== null || holdsExpressionText(v[k]!));
  return false;
}

/**
 * A value with a literal form in generated code: data, not an evaluator's
 * object (a complex, say), nor a dict with keys that are not strings (a later
 * expression of the same publish reads `{1: 'a'}[1]`, which `{"1": "a"}` has not).
 */
function isData(v: PyValue): boolean {
  if (Array.isArray(v)) return v.every(isData);
  if (v instanceof PyTuple) return v.items.every(isData);
  if (v instanceof PySet) return v.values().every(isData);
  if (isDict(v)) return !remembersKeys(v) && Object.keys(v).every((k) => isData(v[k]!));
  return !isOpaque(v);
}

/** The constant value of an expression string, or null when it is not provably constant. */
export function constantOf(text: string): Fold {
  if (languageOf(text) === null) return null;
  const found = extractExpressions(text);
  if (found.length === 0 || found.some((e) => READS_THE_RUN.test(e.text))) return null;
  try {
    const value = renderValue(text, { ctx: {} });
    return holdsExpressionText(value) || !isData(value) ? null : { value };
  } catch {
    return null;
  }
}
