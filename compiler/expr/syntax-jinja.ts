// Jinja's validation parse of one `{{ }}`: Parser(state="variable").parse_expression()
// reads one expression and, unlike compile_expression, ignores what follows it.

import { normalizeSource, tokenizeExpression } from "./jinja/lexer";
import { ExprParser } from "./jinja/parser-expr";

export interface JinjaSyntaxProblem {
  readonly message: string;
  readonly start: number;
  readonly end: number;
}

export function parseJinjaExpressionPrefix(source: string): JinjaSyntaxProblem[] {
  try {
    new ExprParser(tokenizeExpression(normalizeSource(source))).parseExpression();
    return [];
  } catch (e) {
    const err = e as { message?: string; start?: number; end?: number };
    return [
      {
        message: err.message ?? String(e),
        start: Math.min(err.start ?? 0, source.length),
        end: Math.min(err.end ?? source.length, source.length),
      },
    ];
  }
}
