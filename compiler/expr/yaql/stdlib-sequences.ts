// yaql's standard_library/queries.py, second half: zip/join, repetition,
// positional searches, slicing and splitting, accumulation, dict merging and
// generators.

import { markPlainDict } from "../../../runtime/stdlib/py/plain-dict";
import { isDict, type PyDict, PyError, PyTuple, type PyValue } from "../../../runtime/stdlib/py/value";
import { type Args, NO_VALUE } from "./dispatch";
import { yEquals } from "./equality";
import { aggregate } from "./stdlib-queries";
import { defFunction, defMethod, K, P, R, T } from "./types";
import {
  isYaqlIterable,
  isYaqlSequence,
  itemsOf,
  iter,
  iterate,
  Seen,
  toArray,
  ydictEntries,
  ydictFrom,
  ydictGet,
  ydictHas,
  ydictSet,
  yTruthy,
} from "./values";

const intOf = (v: PyValue) => Number(typeof v === "boolean" ? (v ? 1 : 0) : v);

// Lazy results come from module-level generator functions (see stdlib-queries.ts:
// a generator function created per call is costly in V8).

defMethod("zip", [R("collections", T.iterable)], (_, a) => iter(zipped(a)));
function* zipped(a: Args): Generator<PyValue> {
  const its = a.rest(0).map((c) => iterate(c));
  if (its.length === 0) return;
  for (;;) {
    const row: PyValue[] = [];
    for (const it of its) {
      const r = it.next();
      if (r.done) return;
      row.push(r.value);
    }
    yield new PyTuple(row);
  }
}
defMethod(
  "zipLongest",
  [R("collections", T.iterable), K("default", T.any, null)],
  (_, a) => iter(zippedLongest(a)),
  // yaql's zip_longest(*collections, **kwargs) pops `default` and ignores other keywords
  { kwRest: true },
);
function* zippedLongest(a: Args): Generator<PyValue> {
  const its = a.rest(0).map((c) => iterate(c));
  const fill = a.v(1);
  for (;;) {
    let live = 0;
    const row = its.map((it) => {
      const r = it.next();
      if (r.done) return fill;
      live++;
      return r.value;
    });
    if (live === 0) return;
    yield new PyTuple(row);
  }
}
defMethod(
  "join",
  [
    P("collection1", T.iterable),
    P("collection2", T.iterable),
    P("predicate", T.lambda),
    P("selector", T.lambda),
  ],
  (_, a) => {
    const right = toArray(a.v(1));
    return iter(joined(a, right));
  },
);
function* joined(a: Args, right: PyValue[]): Generator<PyValue> {
  for (const x of itemsOf(a.v(0))) for (const y of right) if (yTruthy(a.f(2)!(x, y))) yield a.f(3)!(x, y);
}
defMethod("repeat", [P("value", T.any), P("times", T.int, -1)], (_, a) => iter(repeated(a)));
function* repeated(a: Args): Generator<PyValue> {
  const n = intOf(a.v(1));
  for (let i = 0; n < 0 || i < n; i++) yield a.v(0);
}
defMethod("cycle", [P("collection", T.iterable)], (_, a) => iter(cycled(a)));
function* cycled(a: Args): Generator<PyValue> {
  const seen: PyValue[] = [];
  for (const t of itemsOf(a.v(0))) {
    seen.push(t);
    yield t;
  }
  if (seen.length === 0) return;
  for (;;) yield* seen;
}
defMethod("takeWhile", [P("collection", T.iterable), P("predicate", T.lambda)], (_, a) =>
  iter(takenWhile(a)),
);
function* takenWhile(a: Args): Generator<PyValue> {
  for (const t of itemsOf(a.v(0))) {
    if (!yTruthy(a.f(1)!(t))) return;
    yield t;
  }
}
defMethod("skipWhile", [P("collection", T.iterable), P("predicate", T.lambda)], (_, a) =>
  iter(skippedWhile(a)),
);
function* skippedWhile(a: Args): Generator<PyValue> {
  let skipping = true;
  for (const t of itemsOf(a.v(0))) {
    if (skipping && yTruthy(a.f(1)!(t))) continue;
    skipping = false;
    yield t;
  }
}

function indexWhere(src: PyValue, test: (v: PyValue) => boolean, last: boolean): number {
  let found = -1;
  let i = 0;
  for (const t of itemsOf(src)) {
    if (test(t)) {
      found = i;
      if (!last) return i;
    }
    i++;
  }
  return found;
}
defMethod("indexOf", [P("collection", T.iterable), P("item", T.any)], (_, a) =>
  indexWhere(a.v(0), (t) => yEquals(t, a.v(1)), false),
);
defMethod("lastIndexOf", [P("collection", T.iterable), P("item", T.any)], (_, a) =>
  indexWhere(a.v(0), (t) => yEquals(t, a.v(1)), true),
);
defMethod("indexWhere", [P("collection", T.iterable), P("predicate", T.lambda)], (_, a) =>
  indexWhere(a.v(0), (t) => yTruthy(a.f(1)!(t)), false),
);
defMethod("lastIndexWhere", [P("collection", T.iterable), P("predicate", T.lambda)], (_, a) =>
  indexWhere(a.v(0), (t) => yTruthy(a.f(1)!(t)), true),
);
defMethod("slice", [P("collection", T.iterable), P("length", T.int)], (_, a) => iter(chunks(a)));
function* chunks(a: Args): Generator<PyValue> {
  const items = toArray(a.v(0));
  const n = intOf(a.v(1));
  // islice(collection, n): a negative or too large n fails; 0 gives an empty chunk, which ends the slicing.
  if (n === 0) return;
  if (n < 0 || n > 2 ** 63 - 1)
    throw new PyError(
      "ValueError",
      "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.",
    );
  for (let i = 0; i < items.length; i += n) yield new PyTuple(items.slice(i, i + n));
}
defMethod("splitWhere", [P("collection", T.iterable), P("predicate", T.lambda)], (_, a) =>
  iter(splitWhereItems(a)),
);
function* splitWhereItems(a: Args): Generator<PyValue> {
  const lst = toArray(a.v(0));
  let start = 0;
  let end = 0;
  for (; end < lst.length; end++) {
    if (yTruthy(a.f(1)!(lst[end]!))) {
      yield new PyTuple(lst.slice(start, end));
      start = end + 1;
    }
  }
  if (start !== end) yield new PyTuple(lst.slice(start, end));
}
defMethod("sliceWhere", [P("collection", T.iterable), P("predicate", T.lambda)], (_, a) =>
  iter(sliceWhereItems(a)),
);
function* sliceWhereItems(a: Args): Generator<PyValue> {
  const lst = toArray(a.v(0));
  let start = 0;
  let prev: PyValue | typeof NO_VALUE = NO_VALUE;
  for (let end = 0; end < lst.length; end++) {
    const p = a.f(1)!(lst[end]!);
    if (prev !== NO_VALUE && !yEquals(p, prev)) {
      yield new PyTuple(lst.slice(start, end));
      start = end;
    }
    prev = p;
  }
  if (start !== lst.length) yield new PyTuple(lst.slice(start));
}
defMethod("splitAt", [P("collection", T.iterable), P("index", T.int)], (_, a) => {
  const lst = toArray(a.v(0));
  let i = intOf(a.v(1));
  if (i < 0) i = Math.max(0, lst.length + i);
  return [new PyTuple(lst.slice(0, i)), new PyTuple(lst.slice(i))];
});
for (const name of ["aggregate", "reduce"]) {
  defMethod(
    name,
    [P("collection", T.iterable), P("selector", T.lambda), P("seed", T.any, NO_VALUE)],
    (_, a) => aggregate(a.v(0), (x, y) => a.f(1)!(x, y), a.v(2)),
  );
}
defMethod(
  "accumulate",
  [P("collection", T.iterable), P("selector", T.lambda), P("seed", T.any, NO_VALUE)],
  (_, a) => iter(accumulated(a)),
);
function* accumulated(a: Args): Generator<PyValue> {
  const it = iterate(a.v(0));
  let total = a.v(2);
  if (total === NO_VALUE) {
    const r = it.next();
    if (r.done) throw new PyError("TypeError", "accumulate() of empty sequence with no initial value");
    total = r.value;
  }
  yield total;
  for (let r = it.next(); !r.done; r = it.next()) {
    total = a.f(1)!(total, r.value);
    yield total;
  }
}
defMethod("reverse", [P("collection", T.iterable)], (_, a) => iter(toArray(a.v(0)).slice().reverse()));

function mergeDicts(
  d1: PyDict,
  d2: PyDict,
  listMerge: (x: PyValue, y: PyValue) => PyValue,
  itemMerge: (x: PyValue, y: PyValue) => PyValue,
  maxLevels: number,
): PyDict {
  const entries: [PyValue, PyValue][] = [];
  for (const [key, v1] of ydictEntries(d1)) {
    let value = v1;
    if (ydictHas(d2, key)) {
      const v2 = ydictGet(d2, key)!;
      if (maxLevels !== 1 && isDict(v2)) {
        if (!isDict(v1)) throw new PyError("TypeError", `Cannot merge ${typeName(v1)} with ${typeName(v2)}`);
        value = mergeDicts(v1, v2, listMerge, itemMerge, maxLevels === 0 ? 0 : maxLevels - 1);
      } else if (maxLevels !== 1 && isYaqlSequence(v2)) {
        if (!isYaqlSequence(v1))
          throw new PyError("TypeError", `Cannot merge ${typeName(v1)} with ${typeName(v2)}`);
        value = listMerge(v1, v2);
      } else value = itemMerge(v1, v2);
    }
    entries.push([key, value]);
  }
  const result = ydictFrom(entries);
  for (const [k2, v2] of ydictEntries(d2)) if (!ydictHas(result, k2)) ydictSet(result, k2, v2);
  return result;
}

function typeName(v: PyValue): string {
  return `<class '${isDict(v) ? "dict" : v instanceof PyTuple ? "tuple" : Array.isArray(v) ? "list" : typeof v}'>`;
}

defMethod(
  "mergeWith",
  [
    P("dict", T.mapping),
    P("another", T.mapping),
    P("listMerger", T.lambda, null),
    P("itemMerger", T.lambda, null),
    P("maxLevels", T.int, 0),
  ],
  (_, a) => {
    const listMerger =
      a.f(2) ??
      ((x: PyValue, y: PyValue) => {
        const seen = new Seen();
        return new PyTuple([...toArray(x), ...toArray(y)].filter((t) => seen.add(t)));
      });
    const itemMerger = a.f(3) ?? ((_x: PyValue, y: PyValue) => y);
    return markPlainDict(
      mergeDicts(a.v(0) as PyDict, a.v(1) as PyDict, listMerger, itemMerger, intOf(a.v(4))),
    );
  },
);
defFunction("isIterable", [P("value", T.any)], (_, a) => isYaqlIterable(a.v(0)));
defFunction(
  "generate",
  [
    P("initial", T.any),
    P("predicate", T.lambda),
    P("producer", T.lambda),
    P("selector", T.lambda, null),
    P("decycle", T.bool, false),
  ],
  (_, a) => iter(generated(a)),
);
function* generated(a: Args): Generator<PyValue> {
  let current = a.v(0);
  const past = a.v(4) ? new Seen() : null;
  while (yTruthy(a.f(1)!(current))) {
    if (past && !past.add(current)) break;
    yield a.f(3) ? a.f(3)!(current) : current;
    current = a.f(2)!(current);
  }
}
defFunction(
  "generateMany",
  [
    P("initial", T.any),
    P("producer", T.lambda),
    P("selector", T.lambda, null),
    P("decycle", T.bool, false),
    P("depthFirst", T.bool, false),
  ],
  (_, a) => iter(generatedMany(a)),
);
function* generatedMany(a: Args): Generator<PyValue> {
  // Breadth first: a queue read from `head`; depth first: a stack whose top
  // is the last element (the produced items pushed in reverse). Both take
  // constant time per item, so an endless generation reaches the output
  // bound (CollectionTooLargeException) instead of slowing to a halt.
  const depthFirst = yTruthy(a.v(4));
  const pending: PyValue[] = [a.v(0)];
  let head = 0;
  const past = a.v(3) ? new Seen() : null;
  while (depthFirst ? pending.length > 0 : head < pending.length) {
    const item = depthFirst ? pending.pop()! : pending[head++]!;
    if (!depthFirst && head > 4096 && head * 2 > pending.length) {
      pending.splice(0, head);
      head = 0;
    }
    if (past && !past.add(item)) continue;
    yield a.f(2) ? a.f(2)!(item) : item;
    const produced = toArray(a.f(1)!(item));
    if (depthFirst) for (let k = produced.length - 1; k >= 0; k--) pending.push(produced[k]!);
    else for (const x of produced) pending.push(x);
  }
}
defMethod("defaultIfEmpty", [P("collection", T.iterable), P("default", T.iterable)], (_, a) => {
  const items = toArray(a.v(0));
  if (items.length === 0) return a.v(1);
  return isYaqlSequence(a.v(0)) || T.set.check(a.v(0)) ? a.v(0) : iter(items);
});
