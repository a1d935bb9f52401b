// Rendering with a compiled expression table: the same recursion as the
// evaluator's render layer (lists item by item, dicts keys and values), with
// every expression string answered by its compiled function. A string the
// table does not know (data produced at run time) goes to the evaluator.

import { languageOf, renderValue } from "../../compiler/expr/index";
import type { ExprEnv } from "../stdlib/functions/env";
import { dictSet } from "../stdlib/py/dict";
import { pyStr } from "../stdlib/py/text";
import { isDict, type PyValue } from "../stdlib/py/value";

export type ExpressionFn = (env: ExprEnv) => PyValue;
export type ExpressionTable = ReadonlyMap<string, ExpressionFn>;

export function compiledRenderer(table: ExpressionTable): (value: PyValue, env: ExprEnv) => PyValue {
  const render = (value: PyValue, env: ExprEnv): PyValue => {
    if (typeof value === "string") {
      const fn = table.get(value);
      if (fn) return fn(env);
      return languageOf(value) === null ? value : renderValue(value, env);
    }
    if (Array.isArray(value)) return value.map((v) => render(v, env));
    if (isDict(value)) {
      const out: { [k: string]: PyValue } = {};
      for (const k of Object.keys(value)) {
        const key = render(k, env);
        dictSet(out, typeof key === "string" ? key : pyStr(key), render(value[k]!, env));
      }
      return out;
    }
    return value;
  };
  return render;
}
