// Orquesta's YAQL evaluator (orquesta/expressions/yql.py): finds `<% %>`
// occurrences (non-greedy, never across a line break), evaluates each, renders
// a string result again as YAQL, returns the native value when the text is a
// single expression and Python str() interpolation otherwise. Failures become
// ExpressionError with Orquesta's message and the golden category.

import type { ExprEnv } from "../../../runtime/stdlib/functions/env";
import { PyError, type PyValue } from "../../../runtime/stdlib/py/value";
import { type ExprErrorCategory, ExpressionError, isStackOverflow } from "../errors";
import { stripDelimiter } from "../find";
import { deeper } from "../render";
import type { YaqlNode } from "./ast";
import { evaluateYaql } from "./evaluate";
import { YaqlSyntaxError } from "./lexer";
import { parseOrThrow } from "./parser";
import { yStr } from "./yaql-str";

const EXPRESSION_RE = /<%[^\n]*?%>/g;

/** The `<% %>` occurrences Orquesta finds in a text. */
export function findYaqlExpressions(text: string): string[] {
  return text.match(EXPRESSION_RE) ?? [];
}

// Parsed ASTs are immutable, so the same text is parsed once (bounded cache;
// syntax errors are not cached and are raised again).
const CACHE_LIMIT = 2000;
const astCache = new Map<string, YaqlNode>();

function parseCached(source: string): YaqlNode {
  let ast = astCache.get(source);
  if (ast === undefined) {
    ast = parseOrThrow(source);
    if (astCache.size >= CACHE_LIMIT) astCache.delete(astCache.keys().next().value as string);
    astCache.set(source, ast);
  }
  return ast;
}

/** Orquesta's strip_delimiter: strip the characters `<`, `%`, `>` at both ends, then whitespace. */
export function stripYaqlDelimiters(expr: string): string {
  return stripDelimiter(expr, "yaql").inner;
}

/**
 * Evaluates one Orquesta YAQL value given as text, e.g. `<% ctx(x) + 1 %>`
 * (or any text holding such expressions). Throws ExpressionError.
 */
export function evaluateYaqlExpression(exprText: string, env: ExprEnv): PyValue {
  return renderYaqlText(exprText, env);
}

/** Orquesta's YAQLEvaluator.evaluate for one string. Throws ExpressionError. */
export function renderYaqlText(text: string, env: ExprEnv): PyValue {
  const exprs = findYaqlExpressions(text);
  if (exprs.length === 0) return text;
  let output: PyValue = text;
  for (const expr of exprs) {
    try {
      let result = evaluateYaql(parseCached(stripYaqlDelimiters(expr)), env);
      if (typeof result === "string") {
        const again = result;
        result = deeper("yaql", expr, () => renderYaqlText(again, env));
      }
      const current = output as string;
      if (exprs.length > 1 || current.length > expr.length)
        output = current.replaceAll(expr, () => yaqlResultText(result));
      else output = result;
    } catch (e) {
      throw toExpressionError(e, expr);
    }
  }
  return output;
}

/** Python's str() of an expression's result, as Orquesta inserts it into text. */
export function yaqlResultText(v: PyValue): string {
  return yStr(v, true);
}

/** Orquesta's error for a failure while evaluating `expr` (the whole `<% %>` text). */
export function toExpressionError(e: unknown, expr: string): ExpressionError {
  const evaluate = (category: ExprErrorCategory, type: string, detail: string) =>
    new ExpressionError(
      category,
      `YaqlEvaluationException: Unable to evaluate expression '${expr}'. ${type}: ${detail}`,
    );
  if (e instanceof ExpressionError) {
    return evaluate(
      e.category,
      "YaqlEvaluationException",
      e.message.replace(/^YaqlEvaluationException: /, ""),
    );
  }
  if (e instanceof YaqlSyntaxError) return evaluate("syntax", e.pyType, e.message);
  if (e instanceof PyError) {
    if (e.pyType === "KeyError") {
      return new ExpressionError(
        "undefined_variable",
        `YaqlEvaluationException: Unable to resolve key '${stripQuotes(e.message)}' in expression '${expr}' from context.`,
      );
    }
    return evaluate(e.category, e.pyType, stripQuotes(e.message));
  }
  if (isStackOverflow(e)) {
    return evaluate("evaluation", "RecursionError", "maximum recursion depth exceeded");
  }
  return evaluate("evaluation", "Exception", e instanceof Error ? e.message : String(e));
}

function stripQuotes(s: string): string {
  return s.replace(/^'+|'+$/g, "");
}
