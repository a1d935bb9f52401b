// Orquesta's expression validation of one string (expressions/base.py
// validate): a mix of languages is refused; YAQL checks each `<% %>`; Jinja
// parses the whole text as a template, then each `{{ }}` on its own.

import { languagesIn, stripDelimiter } from "./find";
import { parseJinjaTemplate } from "./jinja/parser";
import { parseJinjaExpressionPrefix } from "./syntax-jinja";
import { parseYaql } from "./yaql/parser";

export interface ExpressionSyntaxError {
  readonly message: string;
  /** Offsets into the checked text. */
  readonly start: number;
  readonly end: number;
  /** null for "Expression with multiple types is not supported." */
  readonly language: "yaql" | "jinja" | null;
  /** The expression Orquesta names in the error: one `<% %>` / `{{ }}`, or the whole text. */
  readonly expression: string;
}

export const MULTIPLE_TYPES_MESSAGE = "Expression with multiple types is not supported.";

export function checkExpressionSyntax(text: string): ExpressionSyntaxError[] {
  const languages = languagesIn(text);
  if (languages.length > 1) {
    return [
      { message: MULTIPLE_TYPES_MESSAGE, start: 0, end: text.length, language: null, expression: text },
    ];
  }
  if (languages[0] === "yaql") return checkYaql(text);
  if (languages[0] === "jinja") return checkJinja(text);
  return [];
}

function checkYaql(text: string): ExpressionSyntaxError[] {
  const errors: ExpressionSyntaxError[] = [];
  for (const m of text.matchAll(/<%[^\n]*?%>/g)) {
    const { inner, offset } = stripDelimiter(m[0], "yaql");
    const base = m.index + offset;
    for (const e of parseYaql(inner).errors) {
      errors.push({
        message: e.message,
        start: base + e.start,
        end: base + e.end,
        language: "yaql",
        expression: m[0],
      });
    }
  }
  return errors;
}

function checkJinja(text: string): ExpressionSyntaxError[] {
  const errors: ExpressionSyntaxError[] = [];
  for (const e of parseJinjaTemplate(text).errors) {
    errors.push({ message: e.message, start: e.start, end: e.end, language: "jinja", expression: text });
  }
  for (const m of text.matchAll(/\{\{[^\n]*?\}\}/g)) {
    if (errors.some((e) => e.expression === m[0])) continue;
    const { inner, offset } = stripDelimiter(m[0], "jinja");
    const base = m.index + offset;
    for (const e of parseJinjaExpressionPrefix(inner)) {
      errors.push({
        message: e.message,
        start: base + e.start,
        end: base + e.end,
        language: "jinja",
        expression: m[0],
      });
    }
  }
  return errors;
}
