// CPython converts some arguments to a C integer while it parses a call
// (str.replace's count, list.insert's index, a width...): an int past the C
// type's range is an OverflowError there, before the function runs.

import { bigOf, isInt, PyError, type PyValue } from "./value";

const C_RANGE = { ssize_t: 2n ** 63n, int: 2n ** 31n } as const;

/** Python's conversion of an int argument to a C ssize_t or int; other values pass. */
export function checkCInt(v: PyValue, cType: "ssize_t" | "int"): void {
  if (!isInt(v)) return;
  const n = bigOf(v);
  if (n >= C_RANGE[cType] || n < -C_RANGE[cType])
    throw new PyError("OverflowError", `Python int too large to convert to C ${cType}`);
}
