// Rendering with a compiled expression table: the evaluator's render layer
// (same recursion into lists and dicts, keys included), with every string the
// table knows answered by its compiled function. A string it does not know
// (data produced at run time) goes to the evaluator.

import { LANGUAGES } from "../../compiler/expr/languages";
import { renderWith } from "../../compiler/expr/render";
import type { ExprEnv } from "../stdlib/functions/env";
import type { PyValue } from "../stdlib/py/value";

export type ExpressionFn = (env: ExprEnv) => PyValue;
export type ExpressionTable = ReadonlyMap<string, ExpressionFn>;

export function compiledRenderer(table: ExpressionTable): (value: PyValue, env: ExprEnv) => PyValue {
  const lookup = (text: string) => table.get(text);
  return (value, env) => renderWith(LANGUAGES, value, env, lookup);
}
