// Calls catalogue functions the way the evaluators do.

import type { ExprEnv } from "../../../../runtime/stdlib/functions/env";
import { lookupFunction } from "../../../../runtime/stdlib/functions/registry";
import { newDict } from "../../../../runtime/stdlib/py/dict";
import type { PyValue } from "../../../../runtime/stdlib/py/value";

export const baseEnv: ExprEnv = { ctx: newDict([["x", 1]]) };

export function call(
  name: string,
  args: PyValue[],
  kwargs: Record<string, PyValue> = {},
  env: ExprEnv = baseEnv,
  language: "yaql" | "jinja" = "jinja",
): PyValue {
  const fn = lookupFunction(name);
  if (!fn) throw new Error(`no function ${name}`);
  return fn(env, args, newDict(Object.entries(kwargs)), language);
}

/** The Python exception class a call raises. */
export function raises(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return e instanceof Error ? e.name : "?";
  }
  return "nothing";
}
