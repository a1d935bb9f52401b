// Safe dict access: user-controlled keys such as "__proto__" must stay data.

import type { PyDict, PyValue } from "./value";

export function dictHas(d: PyDict, key: string): boolean {
  return Object.hasOwn(d, key);
}

export function dictGet(d: PyDict, key: string): PyValue | undefined {
  return Object.hasOwn(d, key) ? d[key] : undefined;
}

export function dictSet(d: PyDict, key: string, value: PyValue): void {
  // Plain assignment creates an own property for every key but "__proto__"
  // (Object.prototype's only accessor); defineProperty is kept for that one
  // because it is slow and turns objects into dictionary mode.
  if (key === "__proto__") {
    Object.defineProperty(d, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    d[key] = value;
  }
}

export function newDict(entries: Iterable<readonly [string, PyValue]> = []): PyDict {
  const d: PyDict = {};
  for (const [k, v] of entries) dictSet(d, k, v);
  return d;
}
