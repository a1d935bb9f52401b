// yaql's evaluation context: a chain of scopes holding `$` variables and the
// functions that `def()` defines. `$` is another name for `$1`; an unset
// variable reads as null.

import type { PyValue } from "../../../runtime/stdlib/py/value";

export type UserFunction = (args: PyValue[], kwargs: Map<string, PyValue>) => PyValue;

export class YaqlContext {
  readonly pyOpaque = "Context";
  // Created on first use: most lambda scopes only ever set `$1`.
  private data?: Map<string, PyValue>;
  private functions?: Map<string, UserFunction>;

  constructor(readonly parent?: YaqlContext) {}

  static normalize(name: string): string {
    const n = name.startsWith("$") ? name : `$${name}`;
    return n === "$" ? "$1" : n;
  }

  set(name: string, value: PyValue): void {
    this.data ??= new Map();
    this.data.set(YaqlContext.normalize(name), value);
  }

  get(name: string): PyValue {
    const key = YaqlContext.normalize(name);
    for (let c: YaqlContext | undefined = this; c; c = c.parent) {
      if (c.data?.has(key)) return c.data.get(key)!;
    }
    return null;
  }

  child(): YaqlContext {
    return new YaqlContext(this);
  }

  defineFunction(name: string, fn: UserFunction): void {
    this.functions ??= new Map();
    this.functions.set(name, fn);
  }

  findFunction(name: string): UserFunction | undefined {
    for (let c: YaqlContext | undefined = this; c; c = c.parent) {
      const fn = c.functions?.get(name);
      if (fn) return fn;
    }
    return undefined;
  }
}
