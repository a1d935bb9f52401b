// Runtime values the Jinja evaluator owns beyond the shared Python value
// model: callables (functions, bound methods, macros), range, dict views,
// generators, Jinja's Namespace/Cycler/Joiner and the `loop` variable.

import { dictGet, dictKeys, dictSet } from "../../../runtime/stdlib/py/dict";
import { findKeyText, keySlot, originalKey } from "../../../runtime/stdlib/py/key-index";
import { strRepr } from "../../../runtime/stdlib/py/text";
import {
  type PyDict,
  PyError,
  type PyOpaque,
  type PySequenceObject,
  PyTuple,
  type PyValue,
  pyEquals,
} from "../../../runtime/stdlib/py/value";
import { JinjaUndefined } from "./undefined";

export type NativeCall = (args: PyValue[], kwargs: PyDict) => PyValue;

/** Anything callable from a template. `kind` is the Python type name it stands for. */
export class JinjaCallable implements PyOpaque {
  constructor(
    readonly pyOpaque: string,
    readonly name: string,
    readonly invoke: NativeCall,
    /** Its repr() when Python's shows no address (a Markup's bound Python methods). */
    readonly reprText?: string,
  ) {}
}

/** A `{% macro %}`: callable, with Jinja's Macro attributes (name, arguments, catch_varargs, ...). */
export class JinjaMacro extends JinjaCallable {
  /** `macroName`: null for a call block's `caller`, which Jinja leaves anonymous. */
  constructor(
    readonly macroName: string | null,
    invoke: NativeCall,
    readonly params: readonly string[],
    readonly special: ReadonlySet<string>,
  ) {
    const shown = macroName === null ? "anonymous" : strRepr(macroName);
    super("Macro", macroName ?? "caller", invoke, `<Macro ${shown}>`);
  }

  attribute(attr: string): PyValue | undefined {
    if (attr === "name") return this.macroName;
    if (attr === "arguments") return new PyTuple([...this.params]);
    if (attr === "catch_varargs") return this.special.has("varargs");
    if (attr === "catch_kwargs") return this.special.has("kwargs");
    if (attr === "caller") return this.special.has("caller");
    return undefined;
  }
}

export function fn(name: string, invoke: NativeCall, kind = "builtin_function_or_method"): JinjaCallable {
  return new JinjaCallable(kind, name, invoke);
}

export class PyRange implements PySequenceObject {
  readonly pyOpaque = "range";
  readonly pySequence = true;
  constructor(
    readonly start: number,
    readonly stop: number,
    readonly step: number,
  ) {
    if (step === 0) throw new PyError("ValueError", "range() arg 3 must not be zero");
  }
  get length(): number {
    const n =
      this.step > 0
        ? Math.ceil((this.stop - this.start) / this.step)
        : Math.ceil((this.start - this.stop) / -this.step);
    return Math.max(0, n);
  }
  at(i: number): number {
    return this.start + i * this.step;
  }
  items(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.length; i++) out.push(this.at(i));
    return out;
  }
  repr(): string {
    return this.step === 1
      ? `range(${this.start}, ${this.stop})`
      : `range(${this.start}, ${this.stop}, ${this.step})`;
  }
}

export type ViewKind = "dict_keys" | "dict_values" | "dict_items";

/** A live view over a dict (keys(), values(), items()). */
export class DictView implements PyOpaque {
  constructor(
    readonly pyOpaque: ViewKind,
    readonly dict: PyDict,
  ) {}
  items(): PyValue[] {
    const keys = dictKeys(this.dict);
    if (this.pyOpaque === "dict_keys") return keys.map(originalKey.bind(null, this.dict));
    if (this.pyOpaque === "dict_values") return keys.map((k) => this.dict[k]!);
    return keys.map((k) => new PyTuple([originalKey(this.dict, k), this.dict[k]!]));
  }
}

/** A generator (map, select, ...): runs when first iterated, and only once. */
export class PyGenerator implements PyOpaque {
  readonly pyOpaque = "generator";
  private done = false;
  /** `name`: the Python function that made it, shown by repr() (`<generator object do_unique at ...>`). */
  constructor(
    private readonly produce: () => PyValue[],
    readonly name = "<genexpr>",
  ) {}
  consume(): PyValue[] {
    if (this.done) return [];
    this.done = true;
    return this.produce();
  }
}

/**
 * What Python's reversed() gives for a list, tuple, dict, dict view or range:
 * an iterator, used up by its first iteration, with no len() and no index.
 * Unlike a generator, Orquesta returns it as it is when it is an
 * expression's value.
 */
export class PyReverseIterator implements PyOpaque {
  private done = false;
  constructor(
    readonly pyOpaque: string,
    private readonly items: PyValue[],
  ) {}
  consume(): PyValue[] {
    if (this.done) return [];
    this.done = true;
    return this.items;
  }
}

/** groupby's (grouper, list) named tuple. */
export class GroupTuple extends PyTuple {
  constructor(
    readonly grouper: PyValue,
    readonly list: PyValue[],
  ) {
    super([grouper, list]);
  }

  override get typeName(): string {
    return "_GroupTuple";
  }
}

export class JinjaNamespace implements PyOpaque {
  readonly pyOpaque = "Namespace";
  constructor(readonly attrs: PyDict) {}
}

export class JinjaCycler implements PyOpaque {
  readonly pyOpaque = "Cycler";
  pos = 0;
  constructor(readonly items: readonly PyValue[]) {
    if (items.length === 0) throw new PyError("RuntimeError", "at least one item has to be provided");
  }
  get current(): PyValue {
    return this.items[this.pos]!;
  }
  next(): PyValue {
    const v = this.current;
    this.pos = (this.pos + 1) % this.items.length;
    return v;
  }
}

export class LoopContext implements PyOpaque {
  readonly pyOpaque = "LoopContext";
  index0 = -1;
  private lastChanged: PyValue[] | undefined;
  constructor(
    readonly items: readonly PyValue[],
    readonly depth0: number,
    /** A recursive loop's `loop(iterable)`: the loop rendered over `iterable`, a level deeper. */
    private readonly recurse: ((iterable: PyValue) => string) | null = null,
  ) {}
  call(args: readonly PyValue[]): string {
    if (!this.recurse)
      throw new PyError("TypeError", "The loop must have the 'recursive' marker to be called recursively.");
    if (args.length !== 1)
      throw new PyError(
        "TypeError",
        `__call__() takes 2 positional arguments but ${args.length + 1} were given`,
      );
    return this.recurse(args[0]!);
  }
  attr(name: string): PyValue | undefined {
    const n = this.items.length;
    const i = this.index0;
    switch (name) {
      case "index0":
        return i;
      case "index":
        return i + 1;
      case "revindex":
        return n - i;
      case "revindex0":
        return n - i - 1;
      case "first":
        return i === 0;
      case "last":
        return i === n - 1;
      case "length":
        return n;
      case "depth":
        return this.depth0 + 1;
      case "depth0":
        return this.depth0;
      case "previtem":
        return i > 0
          ? this.items[i - 1]!
          : new JinjaUndefined({ hint: "there is no previous item", name: "previtem" });
      case "nextitem":
        return i < n - 1
          ? this.items[i + 1]!
          : new JinjaUndefined({ hint: "there is no next item", name: "nextitem" });
      case "cycle":
        return this.method("cycle", (args) => {
          if (args.length === 0) throw new PyError("TypeError", "no items for cycling given");
          return args[i % args.length]!;
        });
      case "changed":
        return this.method("changed", (args) => {
          if (
            this.lastChanged &&
            args.length === this.lastChanged.length &&
            args.every((a, k) => pyEquals(a, this.lastChanged![k]!))
          ) {
            return false;
          }
          this.lastChanged = args;
          return true;
        });
    }
    return undefined;
  }

  /** Python's repr(): `<LoopContext 2/4>`. */
  repr(): string {
    return `<LoopContext ${this.index0 + 1}/${this.items.length}>`;
  }

  private method(name: string, invoke: NativeCall): JinjaCallable {
    return new JinjaCallable("method", name, invoke, `<bound method LoopContext.${name} of ${this.repr()}>`);
  }
}

// Dicts built by templates may have non-string keys; the shared model stores
// them as text, and runtime/stdlib/py/key-index.ts remembers the original
// keys (for YAQL too: a dict one language builds, the other reads).

/** Looks a key up in a dict: strings directly, other keys through the side table. */
export function dictLookup(d: PyDict, key: PyValue): PyValue | undefined {
  const text = findKeyText(d, key);
  return text === undefined ? undefined : dictGet(d, text);
}

/**
 * `d[key] = value` as Python does it: a key equal to one already there keeps
 * that first key and takes the new value; a new key is stored under its own
 * text, or under a free one when another key holds that text.
 */
export function setItem(d: PyDict, key: PyValue, value: PyValue): void {
  dictSet(d, keySlot(d, key), value);
}

/**
 * Jinja's `self` (a TemplateReference): `self.name()` / `self['name']()`
 * renders the template's block of that name again; any other name is
 * undefined. One per render, so `self == self`.
 */
export class TemplateReference implements PyOpaque {
  readonly pyOpaque = "TemplateReference";
  constructor(private readonly blocks: ReadonlyMap<string, () => PyValue> = new Map()) {}

  block(name: string): JinjaCallable | undefined {
    const render = this.blocks.get(name);
    return render ? new JinjaCallable("BlockReference", name, () => render()) : undefined;
  }
}
