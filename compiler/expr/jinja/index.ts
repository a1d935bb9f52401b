// Public entry points of the Jinja language: parse, evaluate one `{{ }}`
// occurrence the way Orquesta does (strip the delimiters, compile the inner
// expression, evaluate), render a whole template, and turn every failure
// into an ExpressionError carrying Orquesta's message and golden category.

import type { ExprEnv } from "../../../runtime/stdlib/functions/env";
import { type PyDict, PyError, type PyValue } from "../../../runtime/stdlib/py/value";
import { type ExprErrorCategory, ExpressionError, isStackOverflow } from "../errors";
import { stripDelimiter } from "../find";
import type { JinjaDiagnostic, JinjaExpr, JinjaTemplate } from "./ast";
import { evaluateJinjaExpression } from "./evaluate";
import { markupSeen, plainResult, rawResult, resetMarkupSeen } from "./markup";
import { type ParseResult, parseJinjaExpression, parseJinjaTemplate } from "./parser";
import { toStr } from "./protocol";
import { renderJinjaTemplate } from "./render";
import { JinjaUndefined } from "./undefined";
import { PyGenerator } from "./values";

export type { JinjaDiagnostic, JinjaExpr, JinjaStmt, JinjaTemplate } from "./ast";
export { evaluateJinjaExpression } from "./evaluate";
export { parseJinjaExpression, parseJinjaTemplate } from "./parser";
export { renderJinjaTemplate } from "./render";

const PREFIX = "JinjaEvaluationException";

// Parsed ASTs are immutable, so the same text is parsed once (bounded cache).
const CACHE_LIMIT = 2000;
const exprCache = new Map<string, ParseResult<JinjaExpr>>();
const templateCache = new Map<string, ParseResult<JinjaTemplate>>();

function cached<T>(cache: Map<string, T>, key: string, parse: () => T): T {
  let hit = cache.get(key);
  if (hit === undefined) {
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    hit = parse();
    cache.set(key, hit);
  }
  return hit;
}

/** Orquesta's strip_delimiter: strip '{' and '}' characters, then whitespace. */
export function stripJinjaDelimiter(exprText: string): string {
  return stripDelimiter(exprText, "jinja").inner;
}

function categoryOf(e: PyError): ExprErrorCategory {
  if (e.pyType === "TemplateSyntaxError") return "syntax";
  return e.category;
}

/** Wraps any failure while evaluating `exprText` as Orquesta reports it. */
export function wrapJinjaError(e: unknown, exprText: string): ExpressionError {
  const head = `${PREFIX}: Unable to evaluate expression '${exprText}'.`;
  if (e instanceof ExpressionError) {
    const inner = /^\w+: /.test(e.message) ? e.message : `ExpressionEvaluationException: ${e.message}`;
    return new ExpressionError(e.category, `${head} ${inner}`);
  }
  if (e instanceof PyError)
    return new ExpressionError(categoryOf(e), `${head} ${e.pyType}: ${e.message}`, e.message);
  const err = e instanceof Error ? e : new Error(String(e));
  // JavaScript's own errors: resource limits, or a bug in this evaluator.
  if (isStackOverflow(err))
    return new ExpressionError("evaluation", `${head} RecursionError: maximum recursion depth exceeded`);
  const name = err instanceof RangeError ? "MemoryError" : "InternalError";
  return new ExpressionError("evaluation", `${head} ${name}: ${err.message}`);
}

/** The failure for a text that does not parse (`problem`: the parser's first diagnostic). */
export function jinjaSyntaxError(text: string, problem: JinjaDiagnostic | undefined): ExpressionError {
  const head = `${PREFIX}: Unable to evaluate expression '${text}'.`;
  const reason = problem?.message ?? "syntax error";
  if (problem?.pyType)
    return new ExpressionError("evaluation", `${head} ${problem.pyType}: ${reason}`, reason);
  return new ExpressionError("syntax", `${head} TemplateSyntaxError: ${reason}`, reason);
}

export function unresolvedError(names: readonly string[]): ExpressionError {
  return new ExpressionError(
    "undefined_variable",
    `${PREFIX}: There are unresolved variables: ${names.join(", ")}`,
  );
}

/**
 * Evaluates one inline occurrence (`exprText` is the whole `{{ ... }}` match,
 * delimiters included) as Orquesta does: strip the delimiters, compile the
 * inner expression, evaluate. Generators come back as lists. A StrictUndefined
 * result is returned, not thrown (see isJinjaStrictUndefined): Orquesta leaves
 * such an occurrence in the text and reports it as an unresolved variable.
 * Every failure is thrown as an ExpressionError.
 */
export function evaluateJinjaExpressionText(exprText: string, env: ExprEnv): PyValue {
  const parsed = cached(exprCache, exprText, () => parseJinjaExpression(stripJinjaDelimiter(exprText)));
  if (!parsed.ast) {
    throw jinjaSyntaxError(exprText, parsed.errors[0]);
  }
  const ast = parsed.ast;
  return runJinjaExpression(exprText, env, (e) => evaluateJinjaExpression(ast, e));
}

/** Runs an evaluation of `exprText`: failures wrapped as Orquesta reports them, generators as lists. */
export function runJinjaExpression(
  exprText: string,
  env: ExprEnv,
  evaluate: (env: ExprEnv) => PyValue,
): PyValue {
  try {
    resetMarkupSeen();
    // A lazy generator (map, select...) fails only when consumed: inside the try.
    let value = evaluate(env);
    if (value instanceof PyGenerator) value = value.consume();
    return markupSeen() ? plainResult(value) : value;
  } catch (e) {
    throw wrapJinjaError(e, exprText);
  }
}

/** True for the StrictUndefined values evaluateJinjaExpressionText can return. */
export function isJinjaStrictUndefined(value: PyValue): boolean {
  return value instanceof JinjaUndefined && value.strict;
}

/** Python str() of a Jinja value, as Orquesta inserts it into surrounding text. */
export function jinjaValueToText(value: PyValue): string {
  try {
    // a list that held Markups shows them as Markup('...')
    return toStr(rawResult(value));
  } catch (e) {
    throw wrapJinjaError(e, "");
  }
}

/** parseJinjaTemplate, each text parsed once (a bounded cache; the AST is immutable). */
export function parseJinjaTemplateOnce(text: string): ParseResult<JinjaTemplate> {
  return cached(templateCache, text, () => parseJinjaTemplate(text));
}

/** Jinja's from_string(text).render(ctx); errors reported against the whole text. */
export function renderJinjaTemplateText(text: string, env: ExprEnv, vars?: PyDict): string {
  const parsed = parseJinjaTemplateOnce(text);
  if (!parsed.ast) {
    throw jinjaSyntaxError(text, parsed.errors[0]);
  }
  const ast = parsed.ast;
  return runJinjaTemplate(text, env, (e) => renderJinjaTemplate(ast, e, vars));
}

/** Runs a render of the template `text` with failures wrapped as Orquesta reports them. */
export function runJinjaTemplate(text: string, env: ExprEnv, render: (env: ExprEnv) => string): string {
  try {
    resetMarkupSeen();
    return render(env);
  } catch (e) {
    throw wrapJinjaError(e, text);
  }
}
