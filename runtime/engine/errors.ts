// Errors the conductor logs in Orquesta's "<ExceptionClass>: <text>" form.

import { ExpressionError } from "../../compiler/expr/errors";
import { MessageError } from "../stdlib/py/message-error";
import { PyError } from "../stdlib/py/value";

/** A Python-style exception raised by the engine itself (TypeError, ValueError, ...). */
export class EngineError extends MessageError {
  constructor(
    readonly pyType: string,
    message: string,
  ) {
    super(message);
    this.name = pyType;
  }
}

/** The message Orquesta logs for an exception. */
export function errorMessage(e: unknown): string {
  if (e instanceof ExpressionError) return e.message;
  if (e instanceof EngineError) return `${e.pyType}: ${e.message}`;
  if (e instanceof PyError) return `${e.pyType}: ${e.message}`;
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}

export function isExpressionError(e: unknown): boolean {
  return e instanceof ExpressionError;
}
