// The function table itself. Family modules register into it; registry.ts
// loads every family and is what the evaluators import.

import { type PyDict, PyError, type PyValue } from "../py/value";
import { ArgumentError } from "./args";
import type { ExprEnv } from "./env";

/**
 * A function as expressions call it. `language` is the caller's: a few
 * functions differ by language because YAQL hands them frozen copies of the
 * data (json() accepts a mapping only from Jinja; see YaqlArguments).
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
  /** How YAQL hands the function its arguments (see YaqlArguments); "data" by default. */
  readonly yaqlArguments?: YaqlArguments;
  /**
   * The positional arguments whose type the Python function checks before it
   * uses them. Jinja hands an undefined name to the function as an object;
   * there the function's own TypeError comes first, elsewhere the first use
   * raises UndefinedError (recorded from Orquesta with StackStorm's source).
   */
  readonly typeCheckedFirst?: readonly number[];
}

/**
 * How YAQL hands a catalogue function its arguments, where the difference shows:
 * - "data": as plain data (tuples as lists, iterators read);
 * - "frozen": as yaql keeps them (tuples, frozen mappings, views), iterators read into
 *   lists: for functions whose result holds their arguments (use_none, json of a mapping)
 *   or renders them as text (regex_*), so `str(...)` shows `(1, 2)`;
 * - "iterated": frozen, and a mapping view as the tuple of its items (Orquesta's zip
 *   only iterates its arguments);
 * - "python": frozen, iterators included: Python's json and yaml refuse a map object.
 */
export type YaqlArguments = "data" | "frozen" | "iterated" | "python";

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
      if (context) throw new ArgumentError(e.withOffset(1));
      throw e;
    }
  };
}

export const FROZEN_ARGUMENTS: FunctionOptions = { yaqlArguments: "frozen" };
export const ITERATED_ARGUMENTS: FunctionOptions = { yaqlArguments: "iterated" };
export const PYTHON_ARGUMENTS: FunctionOptions = { yaqlArguments: "python" };

const catalog = new Map<
  string,
  { fn: CatalogFunction; context: boolean; yaqlArguments: YaqlArguments; typeCheckedFirst: readonly number[] }
>();

export function registerFunction(name: string, fn: CatalogFunction, options: FunctionOptions = {}): void {
  const context = options.context ?? false;
  catalog.set(name, {
    fn: reportingArgumentErrors(name, fn, context),
    context: options.context ?? false,
    yaqlArguments: options.yaqlArguments ?? "data",
    typeCheckedFirst: options.typeCheckedFirst ?? [],
  });
}

/** Whether the function checks the type of positional argument `position` before using it (see FunctionOptions). */
export function checksTypeFirst(name: string, position: number): boolean {
  return catalog.get(name)?.typeCheckedFirst.includes(position) ?? false;
}

/** How YAQL hands a catalogue function its arguments (see YaqlArguments). */
export function yaqlArgumentsOf(name: string): YaqlArguments {
  return catalog.get(name)?.yaqlArguments ?? "data";
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
