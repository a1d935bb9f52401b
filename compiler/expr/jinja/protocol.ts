// Python's protocols over Jinja values: iteration, len(), truth, str() and
// repr(), ==, ordering and `in`, with StrictUndefined raising wherever
// Python would touch it.

import { PyDate, PyDateTime, PyTimedelta } from "../../../runtime/stdlib/py/datetime";
import { dictKeys } from "../../../runtime/stdlib/py/dict";
import { originalKey } from "../../../runtime/stdlib/py/key-index";
import { reprWith, strRepr } from "../../../runtime/stdlib/py/text";
import {
  bigOf,
  compareStrings,
  isDict,
  isInt,
  PyComplex,
  type PyDict,
  PyError,
  PyFloat,
  PySet,
  PyTuple,
  type PyValue,
  pyCompare,
  pyEquals,
  pyTypeName,
  truthy,
  typeError,
} from "../../../runtime/stdlib/py/value";
import { PyBytes } from "./bytes";
import { htmlEscape } from "./html-escape";
import { Markup } from "./markup";
import { isUndefined, JinjaUndefined } from "./undefined";
import {
  DictView,
  dictLookup,
  JinjaCallable,
  JinjaCycler,
  JinjaNamespace,
  LoopContext,
  PyGenerator,
  PyRange,
  PyReverseIterator,
  TemplateReference,
} from "./values";

/** Code points of a string: Python indexes strings by code point. */
export function chars(s: string): string[] {
  return Array.from(s);
}

export function iterate(v: PyValue): PyValue[] {
  if (Array.isArray(v)) return v.slice();
  if (typeof v === "string") return chars(v);
  if (v instanceof PyTuple) return v.items.slice();
  if (isDict(v)) return dictKeys(v).map((k) => originalKey(v, k));
  if (v instanceof PySet) return v.values();
  if (v instanceof PyRange || v instanceof PyBytes) return v.items();
  if (v instanceof DictView) return v.items();
  if (v instanceof PyGenerator || v instanceof PyReverseIterator) return v.consume();
  // iterating a Markup gives plain str characters (str.__iter__, not Markup.__getitem__)
  if (v instanceof Markup) return chars(v.text);
  if (v instanceof JinjaUndefined) {
    if (v.strict) v.fail();
    return [];
  }
  throw typeError(`'${pyTypeName(v)}' object is not iterable`);
}

export function isIterable(v: PyValue): boolean {
  if (v instanceof JinjaUndefined) return !v.strict;
  return (
    Array.isArray(v) ||
    typeof v === "string" ||
    v instanceof PyTuple ||
    isDict(v) ||
    v instanceof PySet ||
    v instanceof PyRange ||
    v instanceof DictView ||
    v instanceof PyGenerator ||
    v instanceof PyReverseIterator ||
    v instanceof Markup ||
    v instanceof PyBytes
  );
}

export function pyLen(v: PyValue): number {
  if (Array.isArray(v)) return v.length;
  if (typeof v === "string") return chars(v).length;
  if (v instanceof PyTuple) return v.items.length;
  if (isDict(v)) return Object.keys(v).length;
  if (v instanceof PySet) return v.size;
  if (v instanceof PyRange || v instanceof PyBytes) return v.length;
  if (v instanceof DictView) return Object.keys(v.dict).length;
  if (v instanceof Markup) return chars(v.text).length;
  if (v instanceof JinjaUndefined) {
    if (v.strict) v.fail();
    return 0;
  }
  throw typeError(`object of type '${pyTypeName(v)}' has no len()`);
}

export function hasLen(v: PyValue): boolean {
  try {
    pyLen(v);
    return true;
  } catch {
    return false;
  }
}

export function isTrue(v: PyValue): boolean {
  if (v instanceof JinjaUndefined) {
    if (v.strict) v.fail();
    return false;
  }
  if (v instanceof PyRange || v instanceof PyBytes) return v.length > 0;
  if (v instanceof DictView) return Object.keys(v.dict).length > 0;
  return truthy(v);
}

/** Python str(). */
export function toStr(v: PyValue): string {
  if (typeof v === "string") return v;
  if (v instanceof PyDateTime || v instanceof PyDate || v instanceof PyTimedelta) return v.pyStr();
  if (v instanceof Markup) return v.text;
  if (v instanceof JinjaUndefined) {
    if (v.strict) v.fail();
    return "";
  }
  return toRepr(v);
}

/** Python repr(), including the evaluator's own values. */
export function toRepr(v: PyValue): string {
  return reprWith(v, jinjaRepr);
}

function jinjaRepr(v: PyValue): string | undefined {
  if (Array.isArray(v) || v instanceof PyTuple || v instanceof PySet) return undefined;
  if (isDict(v)) return dictRepr(v);
  if (v instanceof Markup) return `Markup(${strRepr(v.text)})`;
  if (v instanceof PyRange || v instanceof PyBytes) return v.repr();
  if (v instanceof DictView) return `${v.pyOpaque}(${toRepr(v.items())})`;
  if (v instanceof JinjaUndefined) return "Undefined";
  if (v instanceof TemplateReference) return "<TemplateReference None>";
  if (v instanceof PyGenerator) return `<generator object ${v.name} at 0x7f0000000000>`;
  if (v instanceof PyReverseIterator) return `<${v.pyOpaque} object at 0x7f0000000000>`;
  if (v instanceof JinjaNamespace) return `<Namespace ${dictRepr(v.attrs)}>`;
  if (v instanceof JinjaCallable) return v.reprText ?? `<${v.pyOpaque} ${v.name}>`;
  if (v instanceof LoopContext) return v.repr();
  if (v instanceof JinjaCycler) return `<${v.pyOpaque}>`;
  return `<${pyTypeName(v)}>`;
}

function dictRepr(d: PyDict): string {
  return `{${dictKeys(d)
    .map((k) => `${toRepr(originalKey(d, k))}: ${toRepr(d[k]!)}`)
    .join(", ")}}`;
}

function failIfStrict(a: PyValue, b: PyValue): void {
  if (a instanceof JinjaUndefined && a.strict) a.fail();
  if (b instanceof JinjaUndefined && b.strict) b.fail();
}

export function equals(a: PyValue, b: PyValue): boolean {
  failIfStrict(a, b);
  if (a instanceof Markup || b instanceof Markup) return pyEquals(a, b);
  if (isUndefined(a) || isUndefined(b)) return isUndefined(a) && isUndefined(b);
  if (a instanceof PyRange || b instanceof PyRange) {
    return a instanceof PyRange && b instanceof PyRange && pyEquals(a.items(), b.items());
  }
  if (a instanceof PyBytes || b instanceof PyBytes)
    return a instanceof PyBytes && b instanceof PyBytes && a.equals(b);
  if (a instanceof DictView || b instanceof DictView) {
    if (
      a instanceof DictView &&
      b instanceof DictView &&
      a.pyOpaque === b.pyOpaque &&
      a.pyOpaque !== "dict_values"
    ) {
      return pyEquals(new PySet(a.items()), new PySet(b.items()));
    }
    return a === b;
  }
  if (typeof a === "object" && a !== null && !isPlain(a)) return a === b;
  return pyEquals(a, b);
}

function isPlain(v: PyValue): boolean {
  return (
    Array.isArray(v) ||
    v instanceof PyTuple ||
    v instanceof PySet ||
    v instanceof PyFloat ||
    v instanceof PyComplex ||
    v instanceof PyDate ||
    v instanceof PyDateTime ||
    v instanceof PyTimedelta ||
    isDict(v)
  );
}

/** Python's <, <=, >, >= (returns the comparison sign). */
export function compare(a: PyValue, b: PyValue, op: string): number {
  if (a instanceof JinjaUndefined) a.fail();
  if (b instanceof JinjaUndefined) b.fail();
  if (a instanceof Markup) a = a.text;
  if (b instanceof Markup) b = b.text;
  if (a instanceof PyBytes && b instanceof PyBytes) return pyCompare(a.latin1(), b.latin1(), op);
  const seqA = Array.isArray(a) ? a : a instanceof PyTuple ? a.items : null;
  const seqB = Array.isArray(b) ? b : b instanceof PyTuple ? b.items : null;
  if (seqA && seqB && Array.isArray(a) === Array.isArray(b)) {
    const n = Math.min(seqA.length, seqB.length);
    for (let i = 0; i < n; i++) {
      if (!equals(seqA[i]!, seqB[i]!)) return compare(seqA[i]!, seqB[i]!, op);
    }
    return seqA.length < seqB.length ? -1 : seqA.length > seqB.length ? 1 : 0;
  }
  return pyCompare(a, b, op);
}

/** Python's sorted(): stable, only `<` between keys, reverse keeps equal items in order. */
export function sortValues<T extends PyValue>(
  items: readonly T[],
  key?: (v: T) => PyValue,
  reverse = false,
): T[] {
  const keyed = items.map((v) => ({ v, k: key ? key(v) : (v as PyValue) }));
  // Keys all str, or all int/float numbers (or lists of one such, as Jinja's sort filter makes them): a total
  // order, so a stable sort by it is Python's order.
  if (keyed.every((e) => Array.isArray(e.k) && e.k.length === 1 && typeof e.k[0] !== "object"))
    for (const e of keyed) e.k = (e.k as PyValue[])[0]!;
  const sign = reverse ? -1 : 1;
  if (keyed.every((e) => typeof e.k === "string")) {
    keyed.sort((x, y) => sign * compareStrings(x.k as string, y.k as string));
    return keyed.map((e) => e.v);
  }
  if (keyed.every((e) => typeof e.k === "number" && !Number.isNaN(e.k))) {
    keyed.sort((x, y) =>
      (x.k as number) < (y.k as number) ? -sign : (x.k as number) > (y.k as number) ? sign : 0,
    );
    return keyed.map((e) => e.v);
  }
  const lt = (x: PyValue, y: PyValue) => compare(x, y, "<") < 0;
  keyed.sort((x, y) => {
    if (lt(x.k, y.k)) return reverse ? 1 : -1;
    if (lt(y.k, x.k)) return reverse ? -1 : 1;
    return 0;
  });
  return keyed.map((e) => e.v);
}

/** Python's hash() check: lists, dicts, sets and dict views are unhashable; an undefined value fails. */
export function assertHashable(v: PyValue): void {
  if (v instanceof JinjaUndefined) v.fail();
  if (v instanceof PyTuple) {
    for (const x of v.items) assertHashable(x);
    return;
  }
  if (Array.isArray(v) || isDict(v) || v instanceof PySet || v instanceof DictView) {
    throw typeError(`unhashable type: '${pyTypeName(v)}'`);
  }
}

/** Python's `item in container`. */
export function contains(container: PyValue, item: PyValue): boolean {
  if (container instanceof JinjaUndefined) {
    if (container.strict) container.fail();
    return false;
  }
  if (container instanceof Markup) container = container.text;
  if (item instanceof JinjaUndefined && item.strict && typeof container !== "string") {
    // hashing an undefined value (dict, set) or comparing it (a non-empty sequence) fails
    const hashes = isDict(container) || container instanceof PySet;
    if (hashes || (isIterable(container) && iterate(container).length > 0)) item.fail();
  }
  if (typeof container === "string") {
    if (item instanceof Markup) item = item.text;
    if (typeof item !== "string") {
      throw typeError(`'in <string>' requires string as left operand, not ${pyTypeName(item)}`);
    }
    return container.includes(item);
  }
  if (isDict(container)) {
    if (Array.isArray(item) || isDict(item) || item instanceof PySet) {
      throw typeError(`unhashable type: '${pyTypeName(item)}'`);
    }
    return dictLookup(container, item) !== undefined;
  }
  if (container instanceof DictView && container.pyOpaque === "dict_keys")
    return contains(container.dict, item);
  if (container instanceof PySet) return container.has(item);
  if (container instanceof PyBytes) {
    if (item instanceof PyBytes) return container.latin1().includes(item.latin1());
    if (!isInt(item) && typeof item !== "boolean")
      throw typeError(`a bytes-like object is required, not '${pyTypeName(item)}'`);
    const n = Number(bigOf(item));
    if (n < 0 || n > 255) throw new PyError("ValueError", "byte must be in range(0, 256)");
    return container.data.includes(n);
  }
  if (container instanceof PyRange) {
    return typeof item === "number" && Number.isInteger(item) && container.items().includes(item);
  }
  if (isIterable(container)) return iterate(container).some((x) => x === item || equals(x, item));
  throw typeError(`argument of type '${pyTypeName(container)}' is not iterable`);
}

export function notCallable(v: PyValue): PyError {
  return typeError(`'${pyTypeName(v)}' object is not callable`);
}

/** markupsafe.escape: a Markup as it is, anything else str() and escaped. */
export function escapeValue(v: PyValue): Markup {
  return v instanceof Markup ? v : new Markup(htmlEscape(toStr(v)));
}

/** Markup(v): marks str(v) safe without escaping (a Markup stays as it is). */
export function markupOf(v: PyValue): Markup {
  return v instanceof Markup ? v : new Markup(toStr(v));
}
