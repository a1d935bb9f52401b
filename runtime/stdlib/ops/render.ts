// Runtime support for translated workflow values: the render rules of
// compiler/expr/render.ts (interpolation, re-rendering of string results,
// unresolved variables, raw blocks) driven with precompiled expressions.

import { LANGUAGES } from "../../../compiler/expr/languages";
import {
  type CompiledJinja,
  expandJinja,
  finishJinja,
  renderJinja,
  renderYaql,
} from "../../../compiler/expr/render";
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

/**
 * A string that is exactly one `<% %>` expression: renderYaql's steps for
 * that case (the native value; a string result rendered again, which only
 * changes a string holding `<%`). `evaluate` is a translated expression
 * (y.run, y.runDataPath, v.fail), which throws ExpressionError only: the
 * guard renderYaql puts around it would pass its failures through as they are.
 */
export function yaqlOne(env: ExprEnv, evaluate: (env: ExprEnv) => PyValue): PyValue {
  const result = evaluate(env);
  return typeof result === "string" && result.includes("<%") ? renderYaql(LANGUAGES, result, env) : result;
}

/** A string holding Jinja: `text` has its raw blocks hidden already. */
export function jinja(env: ExprEnv, text: string, compiled: CompiledJinja): PyValue {
  return renderJinja(LANGUAGES, text, env, compiled);
}

/**
 * A string that is exactly one `{{ }}` expression (no raw blocks, no `{% %}`):
 * renderJinja's steps for that case. Expanding a string result, or checking it
 * for unresolved expressions, only changes a string holding `{{` or `{%`.
 * `evaluate` is a translated expression (j.expr, v.fail), which throws
 * ExpressionError only, so renderJinja's guard would pass it through.
 */
export function jinjaOne(
  env: ExprEnv,
  text: string,
  evaluate: (env: ExprEnv) => { readonly value: PyValue } | null,
): PyValue {
  const evaluated = evaluate(env);
  let output: PyValue = evaluated === null ? text : evaluated.value;
  if (evaluated !== null && typeof output === "string" && (output.includes("{{") || output.includes("{%")))
    output = expandJinja(LANGUAGES, output, env);
  return typeof output === "string" && output.includes("{{")
    ? finishJinja(LANGUAGES, output, [], env)
    : output;
}

export { renderedDict } from "./render-key";
