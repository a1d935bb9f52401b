// Attribute and item access as Jinja's SandboxedEnvironment does it:
// `a.b` tries the Python attribute first, then the item; `a['b']` the item
// first, then the attribute. Missing -> an undefined value; names starting
// with "_" -> an "unsafe" undefined.

import { PyDate, PyDateTime, PyTimedelta } from "../../../runtime/stdlib/py/datetime";
import {
  bigOf,
  isDict,
  isFloat,
  isInt,
  mkFloat,
  PyComplex,
  PyError,
  PyTuple,
  type PyValue,
  pyTypeName,
  typeError,
} from "../../../runtime/stdlib/py/value";
import { PyBytes } from "./bytes";
import { dunderNamesOf } from "./dunder-names";
import { Markup } from "./markup";
import { method } from "./method-signatures";
import { bytesAttribute } from "./methods-bytes";
import { collectionAttribute } from "./methods-collections";
import { dateAttribute, timedeltaAttribute } from "./methods-datetime";
import { numberAttribute } from "./methods-number";
import { markupAttribute, strAttribute } from "./methods-str";
import { chars, equals, toRepr } from "./protocol";
import { JinjaUndefined, undefinedAttr } from "./undefined";
import {
  DictView,
  dictLookup,
  fn,
  GroupTuple,
  JinjaCallable,
  JinjaCycler,
  JinjaMacro,
  JinjaNamespace,
  LoopContext,
  PyGenerator,
  PyRange,
  TemplateReference,
} from "./values";

export class PySlice {
  readonly pyOpaque = "slice";
  constructor(
    readonly start: PyValue,
    readonly stop: PyValue,
    readonly step: PyValue,
  ) {}
}

/** range.count(x) and range.index(x): ints by arithmetic, anything else by == over the items. */
function rangeMethod(r: PyRange, name: "count" | "index"): JinjaCallable {
  return method("range", name, (args) => {
    const x = args[0]!;
    let i: number;
    if (isInt(x) || typeof x === "boolean") {
      // ints (and bools) by arithmetic, as CPython does, so a large range is not walked
      const offset = Number(bigOf(x)) - r.start;
      i = offset % r.step === 0 && offset / r.step >= 0 && offset / r.step < r.length ? offset / r.step : -1;
    } else i = r.items().findIndex((item) => equals(item, x));
    if (name === "count") return i < 0 ? 0 : 1;
    if (i < 0) throw new PyError("ValueError", `${toRepr(x)} is not in range`);
    return i;
  });
}

/** The value of a Python attribute, or undefined when the object has none. */
export function pythonAttribute(obj: PyValue, name: string): PyValue | undefined {
  if (name.startsWith("__") && name.endsWith("__") && name.length > 4) {
    // null: an attribute exists (its value is never needed: the sandbox refuses it)
    const names = dunderNamesOf(pyTypeName(obj));
    return names === undefined || names.has(name) ? null : undefined;
  }
  if (typeof obj === "string") return strAttribute(obj, name);
  if (obj instanceof Markup) return markupAttribute(obj, name);
  if (obj instanceof TemplateReference) return undefined;
  if (obj instanceof PyBytes) return bytesAttribute(obj, name);
  if (obj instanceof JinjaNamespace)
    return isDict(obj.attrs) && Object.hasOwn(obj.attrs, name) ? obj.attrs[name]! : undefined;
  if (obj instanceof LoopContext) return obj.attr(name);
  if (obj instanceof JinjaCycler) {
    if (name === "current") return obj.current;
    if (name === "next") return fn("next", () => obj.next(), "method");
    if (name === "reset") {
      return fn(
        "reset",
        () => {
          obj.pos = 0;
          return null;
        },
        "method",
      );
    }
    return undefined;
  }
  if (obj instanceof PyRange) {
    if (name === "start") return obj.start;
    if (name === "stop") return obj.stop;
    if (name === "step") return obj.step;
    if (name === "count" || name === "index") return rangeMethod(obj, name);
    return undefined;
  }
  if (obj instanceof GroupTuple && (name === "grouper" || name === "list")) return obj[name];
  if (obj instanceof JinjaMacro) return obj.attribute(name);
  if (obj instanceof JinjaCallable || obj instanceof PyGenerator || obj instanceof DictView) return undefined;
  if (obj instanceof PyDate || obj instanceof PyDateTime) return dateAttribute(obj, name);
  if (obj instanceof PyTimedelta) return timedeltaAttribute(obj, name);
  if (obj instanceof PyComplex) {
    if (name === "real") return mkFloat(obj.re);
    if (name === "imag") return mkFloat(obj.im);
    if (name === "conjugate") return method("complex", name, () => new PyComplex(obj.re, -obj.im));
    return undefined;
  }
  if (isInt(obj) || isFloat(obj) || typeof obj === "boolean") {
    // bool.real is an int; a float's imag is a float
    if (name === "real") return typeof obj === "boolean" ? (obj ? 1 : 0) : obj;
    if (name === "imag") return isFloat(obj) ? mkFloat(0) : 0;
    if (!isFloat(obj) && name === "numerator") return typeof obj === "boolean" ? (obj ? 1 : 0) : obj;
    if (!isFloat(obj) && name === "denominator") return 1;
    return numberAttribute(obj, name);
  }
  return collectionAttribute(obj, name);
}

/** Per attribute name: whether a dict has a Python attribute of that name (keys, items, get ...). */
const dictAttributeNames = new Map<string, boolean>();

/** True when `dict.name` is a Python attribute of every dict (the answer depends on the name only). */
export function isDictAttribute(name: string): boolean {
  let known = dictAttributeNames.get(name);
  if (known === undefined) {
    known = pythonAttribute({}, name) !== undefined;
    dictAttributeNames.set(name, known);
  }
  return known;
}

function unsafe(obj: PyValue, name: string): JinjaUndefined {
  return new JinjaUndefined({
    hint: `access to attribute '${name}' of '${pyTypeName(obj)}' object is unsafe.`,
    obj,
    name,
    exc: "SecurityError",
  });
}

export function getAttr(obj: PyValue, name: string): PyValue {
  if (obj instanceof JinjaUndefined) obj.fail();
  const value = pythonAttribute(obj, name);
  if (value !== undefined) return name.startsWith("_") ? unsafe(obj, name) : value;
  const item = rawItem(obj, name);
  return item === undefined ? undefinedAttr(obj, name) : item;
}

export function getItem(obj: PyValue, key: PyValue): PyValue {
  if (obj instanceof JinjaUndefined) obj.fail();
  // Only a dict's lookup hashes the key, which a strict undefined refuses; other
  // objects raise TypeError, and Jinja then answers with an undefined item.
  if (key instanceof JinjaUndefined && key.strict && (isDict(obj) || obj instanceof TemplateReference))
    key.fail();
  const item = rawItem(obj, key);
  if (item !== undefined) return item;
  if (typeof key === "string") {
    const value = pythonAttribute(obj, key);
    if (value !== undefined) return key.startsWith("_") ? unsafe(obj, key) : value;
  }
  return undefinedAttr(obj, key);
}

/**
 * getAttr(obj, name) for a name that is not a dict attribute (isDictAttribute):
 * a dict's item is read directly, anything else goes through getAttr.
 */
export function getItemAttr(obj: PyValue, name: string): PyValue {
  if (!isDict(obj)) return getAttr(obj, name);
  const item = dictLookup(obj, name);
  return item === undefined ? undefinedAttr(obj, name) : item;
}

/** obj[key] in Python, or undefined for the errors Jinja swallows (TypeError, LookupError). */
function rawItem(obj: PyValue, key: PyValue): PyValue | undefined {
  if (isDict(obj)) return dictLookup(obj, key);
  if (obj instanceof TemplateReference) return typeof key === "string" ? obj.block(key) : undefined;
  // Markup's __getitem__ gives Markups
  if (obj instanceof Markup) {
    const item = rawItem(obj.text, key);
    return typeof item === "string" ? new Markup(item) : item;
  }
  if (key instanceof PySlice) {
    if (obj instanceof PyBytes) return new PyBytes(Uint8Array.from(sliceItems(obj.items(), key) as number[]));
    if (Array.isArray(obj)) return sliceItems(obj, key);
    if (obj instanceof PyTuple) return new PyTuple(sliceItems(obj.items, key));
    if (typeof obj === "string") return sliceItems(chars(obj), key).join("");
    if (obj instanceof PyRange) return sliceItems(obj.items(), key);
    return undefined;
  }
  const seq = Array.isArray(obj)
    ? obj
    : obj instanceof PyTuple
      ? obj.items
      : typeof obj === "string"
        ? chars(obj)
        : obj instanceof PyRange || obj instanceof PyBytes
          ? obj.items()
          : null;
  if (!seq || !(isInt(key) || typeof key === "boolean")) return undefined;
  let i = Number(bigOf(key));
  if (i < 0) i += seq.length;
  if (i < 0 || i >= seq.length) return undefined;
  return seq[i];
}

/** `obj[a:b:c]`: Jinja subscripts slices directly, so errors are not turned into undefined. */
export function sliceValue(obj: PyValue, s: PySlice): PyValue {
  if (obj instanceof JinjaUndefined) obj.fail();
  const item = isDict(obj) ? undefined : rawItem(obj, s);
  if (item !== undefined) return item;
  if (isDict(obj)) throw typeError("unhashable type: 'slice'");
  throw typeError(`'${pyTypeName(obj)}' object is not subscriptable`);
}

function sliceIndex(v: PyValue, what: string): number | null {
  if (v === null) return null;
  if (isInt(v) || typeof v === "boolean") return Number(bigOf(v));
  throw typeError(
    `slice indices must be integers or None or have an __index__ method (${what}: ${toRepr(v)})`,
  );
}

export function sliceItems<T>(items: readonly T[], s: PySlice): T[] {
  const n = items.length;
  const step = sliceIndex(s.step, "step") ?? 1;
  if (step === 0) throw new PyError("ValueError", "slice step cannot be zero");
  const clamp = (v: number | null, dflt: number, lo: number, hi: number): number => {
    if (v === null) return dflt;
    const x = v < 0 ? v + n : v;
    return Math.min(Math.max(x, lo), hi);
  };
  const out: T[] = [];
  if (step > 0) {
    const start = clamp(sliceIndex(s.start, "start"), 0, 0, n);
    const stop = clamp(sliceIndex(s.stop, "stop"), n, 0, n);
    for (let i = start; i < stop; i += step) out.push(items[i]!);
  } else {
    const start = clamp(sliceIndex(s.start, "start"), n - 1, -1, n - 1);
    const stop = clamp(sliceIndex(s.stop, "stop"), -1, -1, n - 1);
    for (let i = start; i > stop; i += step) out.push(items[i]!);
  }
  return out;
}
