// Python list, tuple, dict and set methods reachable from templates. The
// sandbox (not the immutable one) allows mutation: `l.append(4)`,
// `d.update({...})`, `d.pop('k')`.

import { dictDelete, dictKeys, dictSet } from "../../../runtime/stdlib/py/dict";
import { findKeyText, forgetKey, originalKey } from "../../../runtime/stdlib/py/key-index";
import {
  bigOf,
  isDict,
  isInt,
  type PyDict,
  PyError,
  PySet,
  PyTuple,
  type PyValue,
  typeError,
  valueError,
} from "../../../runtime/stdlib/py/value";
import { bindArgs } from "./args";
import { type MethodOwner, method } from "./method-signatures";
import { assertHashable, equals, isTrue, iterate, sortValues, toRepr } from "./protocol";
import { DictView, dictLookup, fn, JinjaCallable, setItem } from "./values";

type Method<T> = (self: T, args: PyValue[], kwargs: PyDict) => PyValue;

function indexArg(v: PyValue | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  if (!isInt(v) && typeof v !== "boolean") throw typeError("list indices must be integers or slices");
  return Number(bigOf(v));
}

function seqIndex(items: readonly PyValue[], args: PyValue[], what: string): number {
  const n = items.length;
  let a = indexArg(args[1], 0);
  let b = indexArg(args[2], n);
  if (a < 0) a = Math.max(0, a + n);
  if (b < 0) b = Math.max(0, b + n);
  for (let i = a; i < Math.min(b, n); i++) if (equals(items[i]!, args[0] ?? null)) return i;
  throw valueError(`${toRepr(args[0] ?? null)} is not in ${what}`);
}

/** Runs a mutation and returns None, as Python mutators do. */
function none(f: () => unknown): PyValue {
  f();
  return null;
}

const count = (items: readonly PyValue[], x: PyValue) => items.filter((i) => equals(i, x)).length;

export function callKey(f: PyValue | undefined, v: PyValue): PyValue {
  if (f === undefined || f === null) return v;
  if (f instanceof JinjaCallable) return f.invoke([v], {});
  throw typeError("key must be callable");
}

const LIST: Record<string, Method<PyValue[]>> = {
  append: (l, a) => none(() => l.push(a[0] ?? null)),
  extend: (l, a) => none(() => l.push(...iterate(a[0] ?? null))),
  insert: (l, a) => {
    let i = indexArg(a[0], 0);
    if (i < 0) i = Math.max(0, i + l.length);
    l.splice(Math.min(i, l.length), 0, a[1] ?? null);
    return null;
  },
  pop: (l, a) => {
    if (l.length === 0) throw new PyError("IndexError", "pop from empty list");
    let i = indexArg(a[0], -1);
    if (i < 0) i += l.length;
    if (i < 0 || i >= l.length) throw new PyError("IndexError", "pop index out of range");
    return l.splice(i, 1)[0]!;
  },
  remove: (l, a) => {
    const i = l.findIndex((x) => equals(x, a[0] ?? null));
    if (i < 0) throw valueError("list.remove(x): x not in list");
    l.splice(i, 1);
    return null;
  },
  clear: (l) => none(() => l.splice(0, l.length)),
  copy: (l) => l.slice(),
  count: (l, a) => count(l, a[0] ?? null),
  index: (l, a) => seqIndex(l, a, "list"),
  reverse: (l) => none(() => l.reverse()),
  sort: (l, a, k) => {
    const [key, reverse] = bindArgs("sort", a, k, ["key", "reverse"]);
    const sorted = sortValues(l, (v) => callKey(key, v), reverse !== undefined && isTrue(reverse));
    l.splice(0, l.length, ...sorted);
    return null;
  },
};

const TUPLE: Record<string, Method<PyTuple>> = {
  count: (t, a) => count(t.items, a[0] ?? null),
  index: (t, a) => seqIndex(t.items, a, "tuple"),
};

function updateDict(d: PyDict, src: PyValue | undefined, kwargs: PyDict): void {
  if (src !== undefined) {
    if (isDict(src)) for (const k of dictKeys(src)) setItem(d, originalKey(src, k), src[k]!);
    else {
      for (const pair of iterate(src)) {
        const kv = iterate(pair);
        if (kv.length !== 2) throw valueError("dictionary update sequence element has wrong length");
        setItem(d, kv[0]!, kv[1]!);
      }
    }
  }
  for (const k of Object.keys(kwargs)) dictSet(d, k, kwargs[k]!);
}

const DICT: Record<string, Method<PyDict>> = {
  // a class method, reachable from any dict: a new dict of the keys, each with the value
  fromkeys: (_d, a) => {
    const out: PyDict = {};
    for (const key of iterate(a[0]!)) {
      assertHashable(key);
      setItem(out, key, a[1] ?? null);
    }
    return out;
  },
  keys: (d) => new DictView("dict_keys", d),
  values: (d) => new DictView("dict_values", d),
  items: (d) => new DictView("dict_items", d),
  get: (d, a) => {
    assertHashable(a[0]!);
    const v = dictLookup(d, a[0] ?? null);
    return v !== undefined ? v : (a[1] ?? null);
  },
  pop: (d, a) => {
    const key = a[0] ?? null;
    assertHashable(key);
    const v = dictLookup(d, key);
    if (v === undefined) {
      if (a.length > 1) return a[1]!;
      throw new PyError("KeyError", toRepr(key));
    }
    forgetKey(d, findKeyText(d, key)!);
    return v;
  },
  popitem: (d) => {
    const keys = dictKeys(d);
    if (keys.length === 0) throw new PyError("KeyError", "'popitem(): dictionary is empty'");
    const k = keys[keys.length - 1]!;
    const v = d[k]!;
    const key = originalKey(d, k);
    forgetKey(d, k);
    return new PyTuple([key, v]);
  },
  setdefault: (d, a) => {
    const key = a[0] ?? null;
    assertHashable(key);
    const v = dictLookup(d, key);
    if (v !== undefined) return v;
    setItem(d, key, a[1] ?? null);
    return a[1] ?? null;
  },
  update: (d, a, k) => none(() => updateDict(d, a[0], k)),
  clear: (d) => {
    for (const k of dictKeys(d)) dictDelete(d, k);
    return null;
  },
  copy: (d) => {
    const out: PyDict = {};
    updateDict(out, d, {});
    return out;
  },
};

const SET: Record<string, Method<PySet>> = {
  add: (s, a) => none(() => s.add(a[0] ?? null)),
  discard: (s, a) => none(() => s.delete(a[0] ?? null)),
  remove: (s, a) => {
    if (!s.delete(a[0] ?? null)) throw new PyError("KeyError", toRepr(a[0] ?? null));
    return null;
  },
  union: (s, a) => new PySet([...s.values(), ...a.flatMap((x) => iterate(x))]),
  // CPython walks the smaller set (the argument at equal sizes), or the argument when it is not a
  // set, and keeps the members it walks: of 1 and True, the walked one survives.
  intersection: (s, a) => {
    const arg = a[0] ?? null;
    if (arg instanceof PySet && arg.size > s.size) return new PySet(s.values().filter((x) => arg.has(x)));
    return new PySet([...iterate(arg)].filter((x) => s.has(x)));
  },
  difference: (s, a) => {
    const other = new PySet(iterate(a[0] ?? null));
    return new PySet(s.values().filter((x) => !other.has(x)));
  },
  issubset: (s, a) => {
    const other = new PySet(iterate(a[0] ?? null));
    return s.values().every((x) => other.has(x));
  },
  copy: (s) => new PySet(s.values()),
};

function lookup<T>(
  owner: MethodOwner | null,
  table: Record<string, Method<T>>,
  self: T,
  name: string,
): JinjaCallable | undefined {
  if (!Object.hasOwn(table, name)) return undefined;
  const m = table[name]!;
  if (owner === null) return fn(name, (args, kwargs) => m(self, args, kwargs));
  return method(owner, name, (args, kwargs) => m(self, args, kwargs));
}

/** A bound method of a list, tuple, dict or set, or undefined. */
export function collectionAttribute(obj: PyValue, name: string): PyValue | undefined {
  if (Array.isArray(obj)) return lookup("list", LIST, obj, name);
  if (obj instanceof PyTuple) return lookup("tuple", TUPLE, obj, name);
  if (obj instanceof PySet) return lookup(null, SET, obj, name);
  if (isDict(obj)) return lookup("dict", DICT, obj, name);
  return undefined;
}
