// Filter and test dispatch: Orquesta registers every catalogue function as
// a filter on top of Jinja's built-in filters (value piped in as the first
// argument). Functions that take the evaluation context cannot work as
// filters: Jinja would hand them the piped value as the context.

import type { ExprEnv } from "../../../runtime/stdlib/functions/env";
import { functionTakesContext, lookupFunction } from "../../../runtime/stdlib/functions/registry";
import { type PyDict, PyError, type PyValue, typeError } from "../../../runtime/stdlib/py/value";
import type { FilterFn, FilterRuntime } from "./filter-types";
import { SEQ_FILTERS } from "./filters-seq";
import { TEXT_FILTERS } from "./filters-text";
import { callCatalog } from "./scope";
import { TESTS } from "./tests";

const BUILTIN_FILTERS: Record<string, FilterFn> = { ...TEXT_FILTERS, ...SEQ_FILTERS };

/** Catalogue functions whose first Python parameter is the evaluation context. */
const CONTEXT_FUNCTIONS = new Set([
  "ctx",
  "item",
  "result",
  "succeeded",
  "failed",
  "completed",
  "task_status",
  "st2kv",
  "task",
]);

export function isKnownFilter(name: string): boolean {
  return Object.hasOwn(BUILTIN_FILTERS, name) || lookupFunction(name) !== undefined;
}

export function isKnownTest(name: string): boolean {
  return Object.hasOwn(TESTS, name);
}

export function unknownFilter(name: string): PyError {
  return new PyError("TemplateAssertionError", `No filter named '${name}'.`);
}

export function unknownTest(name: string): PyError {
  return new PyError("TemplateAssertionError", `No test named '${name}'.`);
}

export class Filters implements FilterRuntime {
  constructor(readonly env: ExprEnv) {}

  hasFilter(name: string): boolean {
    return isKnownFilter(name);
  }

  hasTest(name: string): boolean {
    return isKnownTest(name);
  }

  callFilter(name: string, value: PyValue, args: PyValue[], kwargs: PyDict): PyValue {
    if (lookupFunction(name)) {
      if (CONTEXT_FUNCTIONS.has(name) || functionTakesContext(name)) {
        throw typeError(`${name}() cannot be used as a filter: it takes the evaluation context first`);
      }
      return callCatalog(this.env, name, [value, ...args], kwargs);
    }
    if (!Object.hasOwn(BUILTIN_FILTERS, name))
      throw new PyError("TemplateRuntimeError", `No filter named '${name}' found.`);
    return BUILTIN_FILTERS[name]!(this, value, args, kwargs);
  }

  callTest(name: string, value: PyValue, args: PyValue[], kwargs: PyDict): boolean {
    if (!Object.hasOwn(TESTS, name))
      throw new PyError("TemplateRuntimeError", `No test named '${name}' found.`);
    return TESTS[name]!(this, value, args, kwargs);
  }
}
