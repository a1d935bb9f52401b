// Built-in Jinja filters on sequences and mappings (Jinja2 3.1 semantics):
// length, first, last, join, sort, unique, min, max, sum, map, select,
// selectattr, reject, rejectattr, groupby, batch, slice, dictsort, items ...
// Filters that are generators in Jinja return a PyGenerator.

import { ValueSet } from "../../../runtime/stdlib/py/key-index";
import {
  isDict,
  isFloat,
  isInt,
  type PyDict,
  PyError,
  PyTuple,
  type PyValue,
  pyTypeName,
  typeError,
} from "../../../runtime/stdlib/py/value";
import { getAttr, getItem, pythonAttribute } from "./access";
import { bindArgs } from "./args";
import { binaryOp } from "./arith";
import type { FilterFn, FilterRuntime } from "./filter-types";
import { intParam } from "./filters-text";
import { Markup } from "./markup";
import {
  assertHashable,
  chars,
  compare,
  equals,
  isIterable,
  isTrue,
  iterate,
  pyLen,
  sortValues,
  toStr,
} from "./protocol";
import { JinjaUndefined } from "./undefined";
import { DictView, GroupTuple, PyGenerator, PyRange, PyReverseIterator } from "./values";

const filterError = (msg: string) => new PyError("FilterArgumentError", msg);

/** The items a generator filter yields (wrapped lazily below). */
const done = (items: PyValue[]): PyGenerator => new PyGenerator(() => items);

const REVERSED_VIEW: Record<string, string> = {
  dict_keys: "dict_reversekeyiterator",
  dict_values: "dict_reversevalueiterator",
  dict_items: "dict_reverseitemiterator",
};

/** The type of Python's reversed(v), or undefined when reversed() refuses v. */
function reversedKind(v: PyValue): string | undefined {
  if (Array.isArray(v)) return "list_reverseiterator";
  if (v instanceof PyTuple) return "reversed";
  if (isDict(v)) return "dict_reversekeyiterator";
  if (v instanceof DictView) return REVERSED_VIEW[v.pyOpaque];
  if (v instanceof PyRange) return "range_iterator";
  return undefined;
}

/** `x | attr(name)` with a string name: undefined where Python has no such attribute. */
function attrFilter(v: PyValue, name: string): PyValue {
  if (v instanceof JinjaUndefined) v.fail();
  if (pythonAttribute(v, name) === undefined) return new JinjaUndefined({ obj: v, name });
  return getAttr(v, name);
}

/** sorted()'s `reverse`: an int or bool, read before anything is sorted. */
function reverseFlag(reverse: PyValue | undefined): boolean {
  if (reverse === undefined) return false;
  if (isFloat(reverse)) throw typeError("integer argument expected, got float");
  if (!isInt(reverse) && typeof reverse !== "boolean")
    throw typeError(`'${pyTypeName(reverse)}' object cannot be interpreted as an integer`);
  return isTrue(reverse);
}

/** random.choice(seq): len() first (empty gives Jinja's undefined), then seq[i]. */
function randomChoice(v: PyValue): PyValue {
  const n = pyLen(v);
  if (n === 0) return new JinjaUndefined({ hint: "No random item, sequence was empty." });
  const i = Math.floor(Math.random() * n);
  if (isDict(v)) {
    const item = getItem(v, i);
    if (item instanceof JinjaUndefined) throw new PyError("KeyError", String(i));
    return item;
  }
  if (
    typeof v === "string" ||
    v instanceof Markup ||
    Array.isArray(v) ||
    v instanceof PyTuple ||
    v instanceof PyRange
  )
    return iterate(v)[i]!;
  throw typeError(`'${pyTypeName(v)}' object is not subscriptable`);
}

const ignoreCase = (v: PyValue): PyValue =>
  typeof v === "string" ? v.toLowerCase() : v instanceof Markup ? v.text.toLowerCase() : v;

function attributeParts(attr: PyValue | undefined): PyValue[] {
  if (attr === undefined || attr === null) return [];
  if (typeof attr === "string") return attr.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  return [attr];
}

/** Jinja's make_attrgetter: dotted paths looked up with getitem. */
export function attrGetter(
  attr: PyValue | undefined,
  post?: (v: PyValue) => PyValue,
  dflt?: PyValue,
): (v: PyValue) => PyValue {
  const parts = attributeParts(attr);
  return (item) => {
    for (const p of parts) {
      item = getItem(item, p);
      if (dflt !== undefined && dflt !== null && item instanceof JinjaUndefined) item = dflt;
    }
    return post ? post(item) : item;
  };
}

function multiAttrGetter(attr: PyValue | undefined, post?: (v: PyValue) => PyValue): (v: PyValue) => PyValue {
  const getters = (typeof attr === "string" ? attr.split(",") : [attr]).map((a) => attrGetter(a, post));
  return (item) => getters.map((g) => g(item));
}

function caseSensitive(v: PyValue | undefined): boolean {
  return v !== undefined && isTrue(v);
}

function minMax(value: PyValue, a: PyValue[], k: PyDict, sign: 1 | -1): PyValue {
  const [cs, attr] = bindArgs(sign < 0 ? "do_min" : "do_max", a, k, ["case_sensitive", "attribute"]);
  const items = iterate(value);
  if (items.length === 0) return new JinjaUndefined({ hint: "No aggregated item, sequence was empty." });
  const key = attrGetter(attr, caseSensitive(cs) ? undefined : ignoreCase);
  let best: PyValue = items[0]!;
  let bestKey = key(best);
  for (const item of items.slice(1)) {
    const ik = key(item);
    const c = compare(ik, bestKey, sign < 0 ? "<" : ">");
    if (c === sign) {
      best = item;
      bestKey = ik;
    }
  }
  return best;
}

function selectedItems(
  rt: FilterRuntime,
  value: PyValue,
  args: PyValue[],
  kwargs: PyDict,
  keep: boolean,
  lookupAttr: boolean,
): PyValue[] {
  if (!isTrue(value)) return [];
  let trans = (x: PyValue) => x;
  let off = 0;
  if (lookupAttr) {
    if (args.length === 0) throw filterError("Missing parameter for attribute name");
    trans = attrGetter(args[0]!);
    off = 1;
  }
  const testName = args[off];
  const testArgs = args.slice(off + 1);
  const check =
    testName === undefined
      ? (x: PyValue) => isTrue(x)
      : (x: PyValue) => rt.callTest(toStr(testName), x, testArgs, kwargs);
  return iterate(value).filter((item) => check(trans(item)) === keep);
}

/** select/reject/selectattr/rejectattr: a generator, so nothing runs until it is iterated. */
function selectOrReject(
  rt: FilterRuntime,
  value: PyValue,
  args: PyValue[],
  kwargs: PyDict,
  keep: boolean,
  lookupAttr: boolean,
): PyValue {
  return new PyGenerator(() => selectedItems(rt, value, args, kwargs, keep, lookupAttr), "select_or_reject");
}

export const SEQ_FILTERS: Record<string, FilterFn> = {
  length: (_rt, v) => pyLen(v),
  count: (_rt, v) => pyLen(v),
  list: (_rt, v) => iterate(v),
  first: (_rt, v) => {
    const items = iterate(v);
    return items.length > 0 ? items[0]! : new JinjaUndefined({ hint: "No first item, sequence was empty." });
  },
  last: (_rt, v) => {
    if (v instanceof PyGenerator || v instanceof PyReverseIterator)
      throw typeError(`'${pyTypeName(v)}' object is not reversible`);
    const items = iterate(v);
    return items.length > 0
      ? items[items.length - 1]!
      : new JinjaUndefined({ hint: "No last item, sequence was empty." });
  },
  random: (_rt, v) => randomChoice(v),
  reverse: (_rt, v) => {
    if (typeof v === "string") return chars(v).reverse().join("");
    // reversed() asks an undefined value its len(): a strict one fails, another is empty
    if (v instanceof JinjaUndefined) {
      if (v.strict) v.fail();
      return new PyReverseIterator("reversed", []);
    }
    const kind = reversedKind(v);
    if (kind) return new PyReverseIterator(kind, iterate(v).reverse());
    // reversed() refused it: Jinja reverses a list of its items.
    if (!isIterable(v)) throw new PyError("FilterArgumentError", "argument must be iterable");
    return iterate(v).reverse();
  },
  join: (_rt, v, a, k) => {
    const [d, attr] = bindArgs("sync_do_join", a, k, ["d", "attribute"]);
    let items = iterate(v);
    if (attr !== undefined && attr !== null) items = items.map(attrGetter(attr));
    return items.map(toStr).join(d === undefined ? "" : toStr(d));
  },
  sort: (_rt, v, a, k) => {
    const [reverse, cs, attr] = bindArgs("do_sort", a, k, ["reverse", "case_sensitive", "attribute"]);
    const key = multiAttrGetter(attr, caseSensitive(cs) ? undefined : ignoreCase);
    const items = iterate(v);
    return sortValues(items, key, reverseFlag(reverse));
  },
  unique: (_rt, v, a, k) => {
    const [cs, attr] = bindArgs("sync_do_unique", a, k, ["case_sensitive", "attribute"]);
    const key = attrGetter(attr, caseSensitive(cs) ? undefined : ignoreCase);
    // Jinja keeps a set of keys: an unhashable or undefined key fails
    const seen = new ValueSet(equals);
    const out: PyValue[] = [];
    for (const item of iterate(v)) {
      const kv = key(item);
      assertHashable(kv);
      if (seen.add(kv)) out.push(item);
    }
    return done(out);
  },
  min: (_rt, v, a, k) => minMax(v, a, k, -1),
  max: (_rt, v, a, k) => minMax(v, a, k, 1),
  sum: (_rt, v, a, k) => {
    const [attr, start] = bindArgs("sync_do_sum", a, k, ["attribute", "start"]);
    let items = iterate(v);
    if (attr !== undefined && attr !== null) items = items.map(attrGetter(attr));
    let total: PyValue = start === undefined ? 0 : start;
    if (typeof total === "string") throw typeError("sum() can't sum strings [use ''.join(seq) instead]");
    for (const item of items) total = binaryOp("+", total, item);
    return total;
  },
  map: (rt, v, a, k) => {
    if (!isTrue(v)) return done([]);
    const items = iterate(v);
    if (a.length === 0 && Object.hasOwn(k, "attribute")) {
      const { attribute, default: dflt, ...rest } = k;
      const extra = Object.keys(rest);
      if (extra.length > 0) throw filterError(`Unexpected keyword argument '${extra[0]}'`);
      return done(items.map(attrGetter(attribute, undefined, dflt)));
    }
    if (a.length === 0) throw filterError("map requires a filter argument");
    const name = toStr(a[0]!);
    return done(items.map((item) => rt.callFilter(name, item, a.slice(1), k)));
  },
  select: (rt, v, a, k) => selectOrReject(rt, v, a, k, true, false),
  reject: (rt, v, a, k) => selectOrReject(rt, v, a, k, false, false),
  selectattr: (rt, v, a, k) => selectOrReject(rt, v, a, k, true, true),
  rejectattr: (rt, v, a, k) => selectOrReject(rt, v, a, k, false, true),
  batch: (_rt, v, a, k) => {
    const [lc, fill] = bindArgs("do_batch", a, k, ["linecount", "fill_with"], 1);
    // Jinja compares the count with == and < and repeats the filler (count - len) times,
    // so a count of another type batches nothing or fails only where Python would.
    const linecount = lc!;
    const out: PyValue[][] = [];
    let tmp: PyValue[] = [];
    for (const item of iterate(v)) {
      if (equals(tmp.length, linecount)) {
        out.push(tmp);
        tmp = [];
      }
      tmp.push(item);
    }
    if (tmp.length > 0) {
      if (fill !== undefined && fill !== null && compare(tmp.length, linecount, "<") < 0) {
        tmp.push(...(binaryOp("*", [fill], binaryOp("-", linecount, tmp.length)) as PyValue[]));
      }
      out.push(tmp);
    }
    return done(out);
  },
  slice: (_rt, v, a, k) => {
    const [sl, fill] = bindArgs("sync_do_slice", a, k, ["slices", "fill_with"], 1);
    const seq = iterate(v);
    const slices = intParam(sl, 1);
    if (slices === 0) throw new PyError("ZeroDivisionError", "integer division or modulo by zero");
    const per = Math.floor(seq.length / slices);
    const extra = seq.length % slices;
    let offset = 0;
    const out: PyValue[][] = [];
    for (let n = 0; n < slices; n++) {
      const start = offset + n * per;
      if (n < extra) offset++;
      const end = offset + (n + 1) * per;
      const tmp = seq.slice(start, end);
      if (fill !== undefined && fill !== null && n >= extra) tmp.push(fill);
      out.push(tmp);
    }
    return done(out);
  },
  dictsort: (_rt, v, a, k) => {
    const [cs, by, reverse] = bindArgs("do_dictsort", a, k, ["case_sensitive", "by", "reverse"]);
    const pos = by === undefined || by === "key" ? 0 : by === "value" ? 1 : -1;
    if (pos < 0) throw filterError('You can only sort by either "key" or "value"');
    if (v instanceof JinjaUndefined) v.fail();
    if (!isDict(v)) throw new PyError("AttributeError", `'${pyTypeName(v)}' object has no attribute 'items'`);
    const pairs = new DictView("dict_items", v).items() as PyTuple[];
    const post = caseSensitive(cs) ? (x: PyValue) => x : ignoreCase;
    return sortValues(pairs, (p) => post(p.items[pos]!), reverseFlag(reverse));
  },
  items: (_rt, v) => {
    if (v instanceof JinjaUndefined) return done([]);
    if (!isDict(v)) throw typeError("Can only get item pairs from a mapping.");
    return done(new DictView("dict_items", v).items());
  },
  groupby: (_rt, v, a, k) => {
    const [attr, dflt, cs] = bindArgs("sync_do_groupby", a, k, ["attribute", "default", "case_sensitive"], 1);
    const sensitive = caseSensitive(cs);
    const key = attrGetter(attr, sensitive ? undefined : ignoreCase, dflt);
    const sorted = sortValues(iterate(v), key);
    const groups: GroupTuple[] = [];
    for (const item of sorted) {
      const kv = key(item);
      const last = groups[groups.length - 1];
      if (last && equals(key(last.list[0]!), kv)) last.list.push(item);
      else groups.push(new GroupTuple(kv, [item]));
    }
    if (sensitive) return groups;
    const real = attrGetter(attr, undefined, dflt);
    return groups.map((g) => new GroupTuple(real(g.list[0]!), g.list));
  },
  attr: (_rt, v, a, k) => {
    const [name] = bindArgs("do_attr", a, k, ["name"], 1);
    if (typeof name !== "string" && !(name instanceof Markup))
      throw typeError(`attribute name must be string, not '${pyTypeName(name ?? null)}'`);
    if (name instanceof Markup) return attrFilter(v, name.text);
    return attrFilter(v, name);
  },
  default: (_rt, v, a, k) => {
    const [dflt, boolean] = bindArgs("do_default", a, k, ["default_value", "boolean"]);
    if (v instanceof JinjaUndefined || (boolean !== undefined && isTrue(boolean) && !isTrue(v)))
      return dflt === undefined ? "" : dflt;
    return v;
  },
};
SEQ_FILTERS.d = SEQ_FILTERS.default!;

// Jinja's generator filters run only when their result is iterated: until
// then argument errors and bad input go unnoticed (`x | items` is truthy).
// The names are Jinja2 3.1's generator functions, which repr() shows.
const GENERATOR_FUNCTIONS: Record<string, string> = {
  unique: "do_unique",
  map: "sync_do_map",
  batch: "do_batch",
  slice: "sync_do_slice",
  items: "do_items",
};
for (const [name, pyName] of Object.entries(GENERATOR_FUNCTIONS)) {
  const eager = SEQ_FILTERS[name]!;
  SEQ_FILTERS[name] = (rt, v, a, k) => new PyGenerator(() => iterate(eager(rt, v, a, k)), pyName);
}
