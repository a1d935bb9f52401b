// Python `==` for the values a YAQL expression sees: the shared model's rules
// plus datetimes and timespans compared by value.

import { type PyValue, pyEquals } from "../../../runtime/stdlib/py/value";
import { YaqlDateTime, YaqlTimespan } from "./opaque";

export function yEquals(a: PyValue, b: PyValue): boolean {
  if (a instanceof YaqlDateTime && b instanceof YaqlDateTime) return a.utcUs === b.utcUs;
  if (a instanceof YaqlTimespan && b instanceof YaqlTimespan) return a.us === b.us;
  return pyEquals(a, b);
}
