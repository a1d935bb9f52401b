// yaql's evaluation context: a chain of scopes holding `$` variables and the
// functions that `def()` defines. `$` is another name for `$1`; an unset
// variable reads as null.

import type { PyValue } from "../../../runtime/stdlib/py/value";

export type UserFunction = (args: PyValue[], kwargs: Map<string, PyValue>) => PyValue;

export class YaqlContext {
  readonly pyOpaque = "Context";
  // `$1` (`$`), which every lambda scope sets, lives in its own field; the map
  // for other variables is created on first use.
  private hasFirst = false;
  private first: PyValue = null;
  private data?: Map<string, PyValue>;
  private functions?: Map<string, UserFunction>;

  constructor(readonly parent?: YaqlContext) {}

  static normalize(name: string): string {
    if (name === "$" || name === "$1" || name === "1") return "$1";
    return name.startsWith("$") ? name : `$${name}`;
  }

  set(name: string, value: PyValue): void {
    const key = YaqlContext.normalize(name);
    if (key === "$1") {
      this.hasFirst = true;
      this.first = value;
      return;
    }
    this.data ??= new Map();
    this.data.set(key, value);
  }

  get(name: string): PyValue {
    const key = YaqlContext.normalize(name);
    if (key === "$1") {
      for (let c: YaqlContext | undefined = this; c; c = c.parent) if (c.hasFirst) return c.first;
      return null;
    }
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
