// The one error type expression evaluation throws to its callers.

import { MessageError } from "../../runtime/stdlib/py/message-error";

export type ExprErrorCategory = "syntax" | "undefined_variable" | "evaluation";

export class ExpressionError extends MessageError {
  /**
   * @param category the golden category of the failure
   * @param message  Orquesta's full message, e.g.
   *   "YaqlEvaluationException: Unable to evaluate expression '<% 1/0 %>'. ZeroDivisionError: division by zero"
   * @param reason   the Python exception's own message where there is one ("division by zero"),
   *   what a caller with its own wording (StackStorm's parameter rendering) reports
   */
  constructor(
    readonly category: ExprErrorCategory,
    message: string,
    readonly reason?: string,
  ) {
    super(message);
    this.name = "ExpressionError";
  }
}

/** JavaScript's message when recursion runs out of stack (Python's RecursionError). */
export function isStackOverflowMessage(message: string): boolean {
  return /maximum call stack/i.test(message);
}

export function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && isStackOverflowMessage(e.message);
}

/**
 * The text of an unexpected failure while parsing: running out of stack on a
 * deeply nested expression reads as Python's RecursionError (what Orquesta's
 * recursive parsers raise there), anything else by its own message.
 */
export function parseFailureText(e: unknown): string {
  if (isStackOverflow(e)) return "maximum recursion depth exceeded (the expression nests too deeply)";
  return e instanceof Error ? e.message : String(e);
}
