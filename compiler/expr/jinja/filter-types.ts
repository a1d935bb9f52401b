// Shared shapes of built-in filters and tests.

import type { PyDict, PyValue } from "../../../runtime/stdlib/py/value";

export interface FilterRuntime {
  callFilter(name: string, value: PyValue, args: PyValue[], kwargs: PyDict): PyValue;
  callTest(name: string, value: PyValue, args: PyValue[], kwargs: PyDict): boolean;
  hasFilter(name: string): boolean;
  hasTest(name: string): boolean;
}

export type FilterFn = (rt: FilterRuntime, value: PyValue, args: PyValue[], kwargs: PyDict) => PyValue;
export type TestFn = (rt: FilterRuntime, value: PyValue, args: PyValue[], kwargs: PyDict) => boolean;
