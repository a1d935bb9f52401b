// Finding expressions in workflow text the way Orquesta does: Python regexes
// `{{.*?}}`, `{%.*?%}` and `<%.*?%>`, non-greedy and never across a line
// break (Python's `.` stops only at "\n"). Jinja is checked before YAQL.

import { isPySpace } from "../../runtime/stdlib/py/unicode";

export type ExprLanguage = "yaql" | "jinja";

export const YAQL_EXPR = /<%[^\n]*?%>/g;
export const JINJA_EXPR = /\{\{[^\n]*?\}\}/g;
export const JINJA_BLOCK = /\{%[^\n]*?%\}/g;
export const JINJA_RAW_BLOCK = /\{% raw %\}[^\n]*?\{% endraw %\}/g;

/** Every non-overlapping match of a global regex, as Python's findall gives them. */
export function findAll(re: RegExp, text: string): string[] {
  return [...text.matchAll(re)].map((m) => m[0]);
}

// Non-global twins for test(): no lastIndex state to share between calls.
const YAQL_TEST = new RegExp(YAQL_EXPR.source);
const JINJA_EXPR_TEST = new RegExp(JINJA_EXPR.source);
const JINJA_BLOCK_TEST = new RegExp(JINJA_BLOCK.source);

export function hasYaql(text: string): boolean {
  return text.includes("<%") && YAQL_TEST.test(text);
}

export function hasJinja(text: string): boolean {
  return (
    (text.includes("{{") && JINJA_EXPR_TEST.test(text)) ||
    (text.includes("{%") && JINJA_BLOCK_TEST.test(text))
  );
}

/** The languages whose delimiters occur in the text, Jinja first. */
export function languagesIn(text: string): ExprLanguage[] {
  const out: ExprLanguage[] = [];
  if (hasJinja(text)) out.push("jinja");
  if (hasYaql(text)) out.push("yaql");
  return out;
}

/** The language Orquesta evaluates the text with, or null when it holds no expression. */
export function languageOf(text: string): ExprLanguage | null {
  return languagesIn(text)[0] ?? null;
}

export interface FoundExpression {
  readonly language: ExprLanguage;
  /** `expression` for `<% %>` / `{{ }}`, `block` for a Jinja `{% %}` tag. */
  readonly kind: "expression" | "block";
  /** The text with its delimiters. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Every expression and Jinja tag in the text, in order of position. */
export function extractExpressions(text: string): FoundExpression[] {
  const found: FoundExpression[] = [];
  const collect = (re: RegExp, language: ExprLanguage, kind: FoundExpression["kind"]) => {
    for (const m of text.matchAll(re)) {
      found.push({ language, kind, text: m[0], start: m.index, end: m.index + m[0].length });
    }
  };
  collect(YAQL_EXPR, "yaql", "expression");
  collect(JINJA_EXPR, "jinja", "expression");
  collect(JINJA_BLOCK, "jinja", "block");
  return found.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * Orquesta's strip_delimiter: Python's `expr.strip("<%>").strip()` (or "{{}}"),
 * which strips any of the delimiter characters, then whitespace. Returns the
 * inner text and its offset in `expr`.
 */
export function stripDelimiter(expr: string, language: ExprLanguage): { inner: string; offset: number } {
  const chars = language === "yaql" ? "<%>" : "{}";
  let start = 0;
  let end = expr.length;
  while (start < end && chars.includes(expr[start]!)) start++;
  while (end > start && chars.includes(expr[end - 1]!)) end--;
  while (start < end && isPySpace(expr[start]!)) start++;
  while (end > start && isPySpace(expr[end - 1]!)) end--;
  return { inner: expr.slice(start, end), offset: start };
}
