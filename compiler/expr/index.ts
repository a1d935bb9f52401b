// The public API of the expression layer: finding, checking and rendering
// YAQL and Jinja expressions in workflow values.

import type { ExprEnv } from "../../runtime/stdlib/functions/env";
import type { PyValue } from "../../runtime/stdlib/py/value";
import { LANGUAGES } from "./languages";
import { renderWith } from "./render";

export { type CaseResult, caseEnv, type ExpressionCase, runCase } from "./cases";
export { type ExprErrorCategory, ExpressionError } from "./errors";
export {
  type ExprLanguage,
  extractExpressions,
  type FoundExpression,
  hasJinja,
  hasYaql,
  languageOf,
  languagesIn,
  stripDelimiter,
} from "./find";
export { parseJinjaExpression, parseJinjaTemplate } from "./jinja/index";
export { type ExpressionLanguages, renderWith } from "./render";
export { checkExpressionSyntax, type ExpressionSyntaxError, MULTIPLE_TYPES_MESSAGE } from "./syntax";
export { parseYaql, type YaqlParseResult } from "./yaql/index";

/**
 * Renders a workflow value exactly as Orquesta does (expressions evaluated,
 * lists and dicts recursed). Throws ExpressionError on failure.
 */
export function renderValue(value: PyValue, env: ExprEnv): PyValue {
  return renderWith(LANGUAGES, value, env);
}

/** Evaluates one string that should hold expressions; same as renderValue for a string. */
export function evaluateText(text: string, env: ExprEnv): PyValue {
  return renderWith(LANGUAGES, text, env);
}
