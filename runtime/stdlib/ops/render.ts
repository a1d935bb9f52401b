// Runtime support for translated workflow values: the render rules of
// compiler/expr/render.ts (interpolation, re-rendering of string results,
// unresolved variables, raw blocks) driven with precompiled expressions.

import { LANGUAGES } from "../../../compiler/expr/languages";
import { type CompiledJinja, renderJinja, renderYaql } from "../../../compiler/expr/render";
import type { ExprEnv } from "../functions/env";
import type { PyValue } from "../py/value";

/** A string holding YAQL expressions: `exprs[i]` is evaluated by `evaluate[i]`. */
export function yaql(
  env: ExprEnv,
  text: string,
  exprs: readonly string[],
  evaluate: readonly ((env: ExprEnv) => PyValue)[],
): PyValue {
  return renderYaql(LANGUAGES, text, env, { exprs, evaluate });
}

/** A string holding Jinja: `text` has its raw blocks hidden already. */
export function jinja(env: ExprEnv, text: string, compiled: CompiledJinja): PyValue {
  return renderJinja(LANGUAGES, text, env, compiled);
}

export { renderedDict } from "./render-key";
