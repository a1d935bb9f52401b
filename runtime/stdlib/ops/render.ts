// Runtime support for translated workflow values: the render rules of
// compiler/expr/render.ts (interpolation, re-rendering of string results,
// unresolved variables, raw blocks) driven with precompiled expressions.

import { jinjaValueToText } from "../../../compiler/expr/jinja/index";
import { LANGUAGES } from "../../../compiler/expr/languages";
import {
  type CompiledJinja,
  expandJinja,
  finishJinja,
  renderAgain,
  renderJinja,
  renderYaql,
  replaceAll,
} from "../../../compiler/expr/render";
import { yaqlResultText } from "../../../compiler/expr/yaql/expression";
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
 * `text` is the expression, named by a failure while rendering a result again.
 */
export function yaqlOne(env: ExprEnv, evaluate: (env: ExprEnv) => PyValue, text?: string): PyValue {
  const result = evaluate(env);
  if (typeof result !== "string" || !result.includes("<%")) return result;
  const again = () => renderYaql(LANGUAGES, result, env);
  // `text` is absent in bundles built before it was passed: their failures keep the inner message only.
  return text === undefined ? again() : renderAgain("yaql", text, again);
}

/**
 * A string holding YAQL expressions around or beside text: renderYaql's steps
 * with translated expressions, which throw ExpressionError only (see
 * yaqlOne), and string results rendered again only when they hold `<%`.
 */
export function yaqlText(
  env: ExprEnv,
  text: string,
  exprs: readonly string[],
  evaluate: readonly ((env: ExprEnv) => PyValue)[],
): PyValue {
  let output: PyValue = text;
  for (let i = 0; i < exprs.length; i++) {
    const expr = exprs[i]!;
    let result = evaluate[i]!(env);
    if (typeof result === "string" && result.includes("<%")) {
      const again = result;
      result = renderAgain("yaql", expr, () => renderYaql(LANGUAGES, again, env));
    }
    const current = output as string;
    output =
      exprs.length > 1 || current.length > expr.length
        ? replaceAll(current, expr, yaqlResultText(result))
        : result;
  }
  return output;
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
  if (evaluated !== null && typeof output === "string" && (output.includes("{{") || output.includes("{%"))) {
    const again = output;
    output = renderAgain("jinja", text, () => expandJinja(LANGUAGES, again, env));
  }
  return typeof output === "string" && output.includes("{{")
    ? finishJinja(LANGUAGES, output, [], env)
    : output;
}

const NO_RAW_BLOCKS: readonly string[] = [];

/**
 * A string holding `{{ }}` expressions (no `{% %}` blocks) with text around
 * them or raw blocks (`text` has them hidden): renderJinja's steps with
 * translated expressions (see jinjaOne).
 */
export function jinjaText(
  env: ExprEnv,
  text: string,
  exprs: readonly string[],
  evaluate: readonly ((env: ExprEnv) => { readonly value: PyValue } | null)[],
  rawBlocks: readonly string[] = NO_RAW_BLOCKS,
): PyValue {
  let output: PyValue = text;
  for (let i = 0; i < exprs.length; i++) {
    const expr = exprs[i]!;
    const evaluated = evaluate[i]!(env);
    if (evaluated === null) continue;
    let result = evaluated.value;
    if (typeof result === "string" && (result.includes("{{") || result.includes("{%"))) {
      const again = result;
      result = renderAgain("jinja", expr, () => expandJinja(LANGUAGES, again, env));
    }
    const current = output as string;
    output =
      exprs.length > 1 || current.length > expr.length
        ? replaceAll(current, expr, jinjaValueToText(result))
        : result;
  }
  return finishJinja(LANGUAGES, output, rawBlocks, env);
}

export { renderedDict } from "./render-key";
