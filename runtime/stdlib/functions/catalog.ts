// The function table itself. Family modules register into it; registry.ts
// loads every family and is what the evaluators import.

import type { PyDict, PyValue } from "../py/value";
import type { ExprEnv } from "./env";

export type CatalogFunction = (env: ExprEnv, args: PyValue[], kwargs: PyDict) => PyValue;

export interface FunctionOptions {
  /**
   * True for functions whose Python form takes the evaluation context as first
   * argument (ctx, item, st2kv ...). Used as a Jinja filter such a function gets
   * the filtered value as its context and fails, as in Orquesta.
   */
  readonly context?: boolean;
}

const catalog = new Map<string, { fn: CatalogFunction; context: boolean }>();

export function registerFunction(name: string, fn: CatalogFunction, options: FunctionOptions = {}): void {
  catalog.set(name, { fn, context: options.context ?? false });
}

export function lookupFunction(name: string): CatalogFunction | undefined {
  return catalog.get(name)?.fn;
}

/** Whether a catalogue function takes the evaluation context (see FunctionOptions.context). */
export function functionTakesContext(name: string): boolean {
  return catalog.get(name)?.context ?? false;
}

export function catalogNames(): string[] {
  return [...catalog.keys()];
}
