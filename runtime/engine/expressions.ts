// The one door from the engine to the expression layer (compiler/expr).
// Everything the interpreter renders goes through `renderWith`; errors come
// back as ExpressionError carrying Orquesta's message.

import { renderValue } from "../../compiler/expr/index";
import type { ExprEnv } from "../stdlib/functions/env";
import type { PyValue } from "../stdlib/py/value";

export type { ExprEnv };

/** Render a workflow value (recursively, keys included) as Orquesta does. */
export function renderWith(value: PyValue, env: ExprEnv): PyValue {
  return renderValue(value, env);
}
