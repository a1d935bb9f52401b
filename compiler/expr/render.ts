// Renders a workflow value as Orquesta does (orquesta/expressions/{base,yql,
// jinja}.py): recursion into lists and dicts (keys too), one language per
// string, a sole expression keeps its native value, text around it turns
// every value into Python str(), string results are rendered again in the
// same language, and Jinja's {% raw %} / unresolved-variable handling.

import type { ExprEnv } from "../../runtime/stdlib/functions/env";
import { renderedDict } from "../../runtime/stdlib/ops/render-key";
import { dictKeys } from "../../runtime/stdlib/py/dict";
import { pyStr } from "../../runtime/stdlib/py/text";
import { isDict, isOpaque, PyError, type PyValue } from "../../runtime/stdlib/py/value";
import { ExpressionError } from "./errors";
import {
  type ExprLanguage,
  findAll,
  hasJinja,
  hasYaql,
  JINJA_BLOCK,
  JINJA_EXPR,
  JINJA_RAW_BLOCK,
  stripDelimiter,
  YAQL_EXPR,
} from "./find";

/** The evaluators render.ts drives; index.ts wires in the YAQL and Jinja implementations. */
export interface ExpressionLanguages {
  /** Evaluates one whole `<% ... %>` occurrence. */
  evaluateYaql(exprText: string, env: ExprEnv): PyValue;
  /**
   * Evaluates one whole `{{ ... }}` occurrence: `{ value }`, or null when the
   * result is a StrictUndefined (Orquesta then leaves the text in place).
   */
  evaluateJinja(exprText: string, env: ExprEnv): { readonly value: PyValue } | null;
  /** Renders a whole text as a Jinja template. */
  renderJinjaTemplate(text: string, env: ExprEnv): string;
  /** Python str() of a YAQL result (YAQL's own types included); defaults to pyStr. */
  yaqlStr?(value: PyValue): string;
  /** Jinja's str() of a value (Undefined prints as "", Markup as its text ...); defaults to pyStr. */
  jinjaStr?(value: PyValue): string;
}

/** A whole string's compiled rendering (a bundle's expression table), if there is one. */
export type CompiledStrings = (text: string) => ((env: ExprEnv) => PyValue) | undefined;

export function renderWith(
  languages: ExpressionLanguages,
  value: PyValue,
  env: ExprEnv,
  compiled?: CompiledStrings,
): PyValue {
  if (Array.isArray(value)) return value.map((v) => renderWith(languages, v, env, compiled));
  if (isDict(value)) {
    const pairs: [PyValue, PyValue][] = [];
    for (const k of dictKeys(value)) {
      const key = renderWith(languages, k, env, compiled);
      pairs.push([key, renderWith(languages, value[k]!, env, compiled)]);
    }
    return renderedDict(pairs);
  }
  if (typeof value !== "string") return value;
  const fn = compiled?.(value);
  if (fn) return fn(env);
  if (hasJinja(value)) return renderJinja(languages, value, env);
  if (hasYaql(value)) return renderYaql(languages, value, env);
  return value;
}

/** Python's str.replace(old, new): every occurrence, no `$` patterns. */
export function replaceAll(text: string, old: string, replacement: string): string {
  const at = text.indexOf(old);
  if (at < 0) return text;
  // One occurrence (the usual case: an expression in its text) needs no array.
  if (old.length > 0 && text.indexOf(old, at + old.length) < 0)
    return text.slice(0, at) + replacement + text.slice(at + old.length);
  return text.split(old).join(replacement);
}

/** Wraps a PyError raised while evaluating `expr` as Orquesta reports it. */
export function guard<T>(language: ExprLanguage, expr: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof PyError) {
      const kind = language === "yaql" ? "YaqlEvaluationException" : "JinjaEvaluationException";
      throw new ExpressionError(
        e.category,
        `${kind}: Unable to evaluate expression '${expr}'. ${e.pyType}: ${e.message}`,
      );
    }
    throw e;
  }
}

/**
 * Renders an expression's string result again. Orquesta does it inside the
 * outer expression's `try`, so a failure there is reported as a failure of the
 * outer expression, with the inner message as its detail:
 * `Unable to evaluate expression '<outer>'. JinjaEvaluationException: Unable to evaluate expression '<inner>'. ...`
 */
export function renderAgain<T>(language: ExprLanguage, expr: string, f: () => T): T {
  try {
    return deeper(language, expr, f);
  } catch (e) {
    if (e instanceof ExpressionError) {
      throw new ExpressionError(
        e.category,
        `${exceptionOf(language)}: Unable to evaluate expression '${expr}'. ${e.message}`,
        e.reason,
      );
    }
    throw e;
  }
}

const exceptionOf = (language: ExprLanguage) =>
  language === "yaql" ? "YaqlEvaluationException" : "JinjaEvaluationException";

/**
 * How many times a result may be rendered again inside itself: a value that
 * holds its own expression (`t` = `{{ ctx('t') }}`) recurses until Python's
 * recursion limit, a RecursionError wrapped once per level; here it stops at
 * a depth the JavaScript stack holds.
 */
const MAX_RENDER_AGAIN = 200;
let renderAgainDepth = 0;

/** Runs a rendering of a result inside another, failing as Python's RecursionError past MAX_RENDER_AGAIN. */
export function deeper<T>(language: ExprLanguage, expr: string, f: () => T): T {
  if (renderAgainDepth >= MAX_RENDER_AGAIN) {
    throw new ExpressionError(
      "evaluation",
      `${exceptionOf(language)}: Unable to evaluate expression '${expr}'. RecursionError: maximum recursion depth exceeded${language === "jinja" ? " while calling a Python object" : ""}`,
    );
  }
  renderAgainDepth++;
  try {
    return f();
  } finally {
    renderAgainDepth--;
  }
}

/**
 * Precompiled pieces of a string (translated code): the expressions Orquesta
 * would find in it and an evaluator for each, or the template that renders it.
 */
export interface CompiledExprs<R> {
  readonly exprs: readonly string[];
  readonly evaluate: readonly ((env: ExprEnv) => R)[];
}

export interface CompiledJinja {
  /** The raw blocks found in the original text. */
  readonly rawBlocks: readonly string[];
  /** Renders the text (raw blocks replaced) when it holds `{% %}` blocks. */
  readonly template?: (env: ExprEnv) => string;
  readonly expressions?: CompiledExprs<{ readonly value: PyValue } | null>;
}

export function renderYaql(
  languages: ExpressionLanguages,
  text: string,
  env: ExprEnv,
  compiled?: CompiledExprs<PyValue>,
): PyValue {
  const exprs = compiled ? compiled.exprs : findAll(YAQL_EXPR, text);
  let output: PyValue = text;
  for (let i = 0; i < exprs.length; i++) {
    const expr = exprs[i]!;
    const evaluate = compiled?.evaluate[i];
    let result = guard("yaql", expr, () => (evaluate ? evaluate(env) : languages.evaluateYaql(expr, env)));
    if (typeof result === "string") {
      const again = result;
      result = renderAgain("yaql", expr, () => renderYaql(languages, again, env));
    }
    const current = output as string;
    if (exprs.length > 1 || current.length > expr.length)
      output = replaceAll(current, expr, languages.yaqlStr ? languages.yaqlStr(result) : pyStr(result));
    else output = result;
  }
  return output;
}

function jinjaText(languages: ExpressionLanguages, v: PyValue): string {
  if (languages.jinjaStr) return languages.jinjaStr(v);
  if (isOpaque(v) && (v.pyOpaque === "Undefined" || v.pyOpaque === "StrictUndefined")) return "";
  return pyStr(v);
}

/** Renders the expressions (or blocks) found in a Jinja text, without the checks renderJinja adds. */
export function expandJinja(
  languages: ExpressionLanguages,
  text: string,
  env: ExprEnv,
  compiled?: CompiledJinja,
): PyValue {
  if (compiled ? compiled.template !== undefined : findAll(JINJA_BLOCK, text).length > 0) {
    const template = compiled?.template;
    const output = guard("jinja", text, () =>
      template ? template(env) : languages.renderJinjaTemplate(text, env),
    );
    return renderAgain("jinja", text, () => expandJinja(languages, output, env));
  }
  const exprs = compiled?.expressions ? compiled.expressions.exprs : findAll(JINJA_EXPR, text);
  let output: PyValue = text;
  for (let i = 0; i < exprs.length; i++) {
    const expr = exprs[i]!;
    const evaluate = compiled?.expressions?.evaluate[i];
    const evaluated = guard("jinja", expr, () =>
      evaluate ? evaluate(env) : languages.evaluateJinja(expr, env),
    );
    if (evaluated === null) continue;
    let result = evaluated.value;
    if (typeof result === "string") {
      const again = result;
      result = renderAgain("jinja", expr, () => expandJinja(languages, again, env));
    }
    const current = output as string;
    if (exprs.length > 1 || current.length > expr.length)
      output = replaceAll(current, expr, jinjaText(languages, result));
    else output = result;
  }
  return output;
}

/** Raw blocks become `{0}`, `{1}` ... while the rest is rendered. */
export function hideRawBlocks(text: string): { readonly text: string; readonly rawBlocks: string[] } {
  const rawBlocks = findAll(JINJA_RAW_BLOCK, text);
  rawBlocks.forEach((block, i) => {
    text = replaceAll(text, block, `{${i}}`);
  });
  return { text, rawBlocks };
}

/** `text` is the value with its raw blocks already hidden when `compiled` is given. */
export function renderJinja(
  languages: ExpressionLanguages,
  text: string,
  env: ExprEnv,
  compiled?: CompiledJinja,
): PyValue {
  let rawBlocks: readonly string[];
  if (compiled) rawBlocks = compiled.rawBlocks;
  else ({ text, rawBlocks } = hideRawBlocks(text));
  return finishJinja(languages, expandJinja(languages, text, env, compiled), rawBlocks, env);
}

/** renderJinja's last steps on an expanded text: unresolved expressions fail, raw blocks are put back. */
export function finishJinja(
  languages: ExpressionLanguages,
  output: PyValue,
  rawBlocks: readonly string[],
  env: ExprEnv,
): PyValue {
  if (typeof output === "string") {
    const unresolved = output.includes("{{")
      ? findAll(JINJA_EXPR, output).map((e) => stripDelimiter(e, "jinja").inner)
      : [];
    if (unresolved.length > 0) {
      throw new ExpressionError(
        "undefined_variable",
        `JinjaEvaluationException: There are unresolved variables: ${unresolved.join(", ")}`,
      );
    }
    if (rawBlocks.length > 0) {
      let restored = output;
      rawBlocks.forEach((block, i) => {
        restored = replaceAll(restored, `{${i}}`, block);
      });
      return guard("jinja", restored, () => languages.renderJinjaTemplate(restored, env));
    }
  }
  return output;
}
