// The function table itself. Family modules register into it; registry.ts
// loads every family and is what the evaluators import.

import { type PyDict, PyError, type PyValue } from "../py/value";
import { ArgumentError } from "./args";
import type { ExprEnv } from "./env";

/**
 * A function as expressions call it. `language` is the caller's: a few
 * functions differ by language because YAQL hands them frozen copies of the
 * data (json() accepts a mapping only from Jinja).
 */
export type CatalogFunction = (
  env: ExprEnv,
  args: PyValue[],
  kwargs: PyDict,
  language: "yaql" | "jinja",
) => PyValue;

export interface FunctionOptions {
  /**
   * True for functions whose Python form takes the evaluation context as first
   * argument (ctx, item, st2kv ...). Used as a Jinja filter such a function gets
   * the filtered value as its context and fails, as in Orquesta.
   */
  readonly context?: boolean;
  /**
   * True for functions that YAQL hands its own frozen values (tuples, frozen
   * mappings) rather than plain data, because the difference shows: their
   * result holds their arguments (zip, use_none, json of a mapping) or renders
   * them as text (regex_*), so `str(zip(ctx(a), ctx(b)))` shows `((1, 2), 3)`.
   */
  readonly frozenArguments?: boolean;
  /**
   * With frozenArguments: YAQL's iterators (a `select()`'s map, a `where()`'s
   * filter) are handed over as they are, not as the lists they would give:
   * Python's json and yaml refuse them.
   */
  readonly iteratorArguments?: boolean;
}

/**
 * Arguments that do not fit a function's Python signature: YAQL's overload
 * resolution finds no match (NoMatchingFunctionException); Jinja calls the
 * Python function, bound to the context first when it takes one, so
 * CPython's counts include that argument.
 */
function reportingArgumentErrors(name: string, fn: CatalogFunction, context: boolean): CatalogFunction {
  return (env, args, kwargs, language) => {
    try {
      return fn(env, args, kwargs, language);
    } catch (e) {
      if (!(e instanceof ArgumentError)) throw e;
      if (language === "yaql")
        throw new PyError("NoMatchingFunctionException", `No function "${name}" matches supplied arguments`);
      if (context) throw new PyError("TypeError", e.withOffset(1));
      throw e;
    }
  };
}

/** The options of a function YAQL hands its frozen values (see FunctionOptions.frozenArguments). */
export const FROZEN_ARGUMENTS: FunctionOptions = { frozenArguments: true };

/** The options of a function YAQL hands its frozen values and its iterators (see FunctionOptions). */
export const PYTHON_ARGUMENTS: FunctionOptions = { frozenArguments: true, iteratorArguments: true };

const catalog = new Map<
  string,
  { fn: CatalogFunction; context: boolean; frozenArguments: boolean; iteratorArguments: boolean }
>();

export function registerFunction(name: string, fn: CatalogFunction, options: FunctionOptions = {}): void {
  const context = options.context ?? false;
  catalog.set(name, {
    fn: reportingArgumentErrors(name, fn, context),
    context: options.context ?? false,
    frozenArguments: options.frozenArguments ?? false,
    iteratorArguments: options.iteratorArguments ?? false,
  });
}

/** Whether YAQL hands a catalogue function its iterators as they are (see FunctionOptions.iteratorArguments). */
export function functionTakesIterators(name: string): boolean {
  return catalog.get(name)?.iteratorArguments ?? false;
}

/** Whether YAQL hands a catalogue function its frozen values (see FunctionOptions.frozenArguments). */
export function functionTakesFrozenArguments(name: string): boolean {
  return catalog.get(name)?.frozenArguments ?? false;
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
