// The one place the inspector asks the expression layer whether a string's
// expressions parse (Orquesta's expr_base.validate for one string).

import { checkExpressionSyntax } from "../expr/index";

export interface ExpressionProblem {
  readonly message: string;
  /** "yaql", "jinja", or null when one string mixes both languages. */
  readonly language: "yaql" | "jinja" | null;
  /** The text Orquesta names: one `<% %>` / `{{ }}`, or the whole string. */
  readonly expression: string;
  /** Offset of the problem in the checked string. */
  readonly offset: number;
}

export function expressionProblems(text: string): ExpressionProblem[] {
  return checkExpressionSyntax(text).map((e) => ({
    message: e.message,
    language: e.language,
    expression: e.expression,
    offset: e.start,
  }));
}
