// Public API of the YAQL implementation.

export type { YaqlArg, YaqlNode } from "./ast";
export { evaluateYaql } from "./evaluate";
export {
  evaluateYaqlExpression,
  findYaqlExpressions,
  renderYaqlText,
  stripYaqlDelimiters,
  yaqlResultText,
} from "./expression";
export { parseYaql, type YaqlDiagnostic, type YaqlParseResult } from "./parser";
