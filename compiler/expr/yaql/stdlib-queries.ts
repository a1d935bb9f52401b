// yaql's standard_library/queries.py: the LINQ-style methods. Like Python's
// map/filter/generators, most return lazy one-shot iterators that yaql turns
// into lists only when the expression's result is handed back.

import { bigOf, mkInt, PyError, PyTuple, type PyValue } from "../../../runtime/stdlib/py/value";
import { type Args, type CallCtx, type Lambda, NO_VALUE } from "./dispatch";
import { defBoth, defFunction, defMethod, delegate, P, R, T } from "./types";
import {
  isYaqlIterable,
  isYaqlSequence,
  itemsOf,
  iter,
  iterate,
  lengthOf,
  OrderingIterable,
  Seen,
  toArray,
  yHashKey,
  yTruthy,
} from "./values";

const intOf = (v: PyValue) => Number(typeof v === "boolean" ? (v ? 1 : 0) : v);
const stop = () => new PyError("StopIteration", "");

// The lazy results below come from module-level generator functions: a
// generator function created per call (a closure) costs V8 a prototype object
// and its map each time, which made a 3-item select() several times dearer.

defMethod("where", [P("collection", T.iterable), P("predicate", T.lambda)], (_, a) =>
  filter(a.v(0), a.f(1)!),
);
defMethod("filter", [P("collection", T.iterable), P("predicate", T.lambda)], (_, a) =>
  filter(a.v(0), a.f(1)!),
);
defMethod("select", [P("collection", T.iterable), P("selector", T.lambda)], (_, a) => map(a.v(0), a.f(1)!));
defMethod("map", [P("collection", T.iterable), P("selector", T.lambda)], (_, a) => map(a.v(0), a.f(1)!));

function filter(src: PyValue, pred: Lambda) {
  return iter(filtered(src, pred));
}
function* filtered(src: PyValue, pred: Lambda): Generator<PyValue> {
  for (const t of itemsOf(src)) if (yTruthy(pred(t))) yield t;
}
function map(src: PyValue, f: Lambda) {
  return iter(mapped(src, f));
}
function* mapped(src: PyValue, f: Lambda): Generator<PyValue> {
  for (const t of itemsOf(src)) yield f(t);
}

/** itertools.islice(src, from, to); `to` undefined is None (no end). */
const MAX_SIZE = 2 ** 63 - 1;
const slice = (src: PyValue, from: number, to: number | undefined) => {
  if (from < 0 || from > MAX_SIZE)
    throw new PyError(
      "ValueError",
      "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.",
    );
  if (to !== undefined && (to < 0 || to > MAX_SIZE))
    throw new PyError(
      "ValueError",
      "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.",
    );
  return iter(sliced(src, from, to));
};
function* sliced(src: PyValue, from: number, to: number | undefined): Generator<PyValue> {
  let i = 0;
  if (to === 0) return;
  for (const t of itemsOf(src)) {
    if (i >= from) yield t;
    i++;
    if (to !== undefined && i >= to) return;
  }
}
defMethod("skip", [P("collection", T.iterable), P("count", T.int)], (_, a) =>
  slice(a.v(0), intOf(a.v(1)), undefined),
);
defMethod("limit", [P("collection", T.iterable), P("count", T.int)], (_, a) =>
  slice(a.v(0), 0, intOf(a.v(1))),
);
defMethod("take", [P("collection", T.iterable), P("count", T.int)], (_, a) =>
  slice(a.v(0), 0, intOf(a.v(1))),
);
defBoth("append", [P("collection", T.iterable), R("args", T.any)], (_, a) => iter(appended(a)));
function* appended(a: Args): Generator<PyValue> {
  yield* itemsOf(a.v(0));
  yield* a.rest(1);
}
defBoth("distinct", [P("collection", T.iterable), P("keySelector", T.lambda, null)], (_, a) =>
  iter(distinctItems(a, a.f(1))),
);
function* distinctItems(a: Args, key: Lambda | null): Generator<PyValue> {
  const seen = new Seen();
  for (const t of itemsOf(a.v(0))) if (seen.add(key ? key(t) : t)) yield t;
}
defBoth("enumerate", [P("collection", T.iterable), P("start", T.nullable(T.int), 0)], (_, a) =>
  iter(enumerated(a)),
);
function* enumerated(a: Args): Generator<PyValue> {
  if (a.v(1) === null)
    throw new PyError("TypeError", "'NoneType' object cannot be interpreted as an integer");
  let i = bigOf(a.v(1));
  for (const t of itemsOf(a.v(0))) yield [mkInt(i++), t];
}
defBoth("any", [P("collection", T.iterable), P("predicate", T.lambda, null)], (_, a) => {
  const pred = a.f(1);
  for (const t of itemsOf(a.v(0))) if (pred === null || yTruthy(pred(t))) return true;
  return false;
});
defBoth("all", [P("collection", T.iterable), P("predicate", T.lambda, null)], (_, a) => {
  const pred = a.f(1) ?? ((x: PyValue) => yTruthy(x));
  for (const t of itemsOf(a.v(0))) if (!yTruthy(pred(t))) return false;
  return true;
});
defBoth("concat", [R("collections", T.iterable)], (_, a) => iter(concatenated(a)));
function* concatenated(a: Args): Generator<PyValue> {
  for (const c of a.rest(0)) yield* itemsOf(c);
}
defBoth("len", [P("collection", T.iterator)], (_, a) => toArray(a.v(0)).length);
defMethod("count", [P("collection", T.iterable)], (_, a) => lengthOf(a.v(0)));
defMethod("memorize", [P("collection", T.iterable)], (_, a) => a.v(0));

export function aggregate(src: PyValue, f: (x: PyValue, y: PyValue) => PyValue, seed: PyValue): PyValue {
  const it = iterate(src);
  let acc = seed;
  if (acc === NO_VALUE) {
    const first = it.next();
    if (first.done) throw new PyError("TypeError", "reduce() of empty iterable with no initial value");
    acc = first.value;
  }
  for (let r = it.next(); !r.done; r = it.next()) acc = f(acc, r.value);
  return acc;
}
defMethod("sum", [P("collection", T.iterable), P("initial", T.any, NO_VALUE)], (c, a) =>
  aggregate(a.v(0), (x, y) => delegate(c, "#operator_+", x, y), a.v(1)),
);
defMethod("max", [P("collection", T.iterable), P("initial", T.any, NO_VALUE)], (c, a) =>
  aggregate(a.v(0), (x, y) => delegate(c, "max", x, y), a.v(1)),
);
defMethod("min", [P("collection", T.iterable), P("initial", T.any, NO_VALUE)], (c, a) =>
  aggregate(a.v(0), (x, y) => delegate(c, "min", x, y), a.v(1)),
);
defMethod("first", [P("collection", T.iterable), P("default", T.any, NO_VALUE)], (_, a) => {
  const r = iterate(a.v(0)).next();
  if (!r.done) return r.value;
  if (a.v(1) === NO_VALUE) throw stop();
  return a.v(1);
});
defMethod("single", [P("collection", T.iterable)], (_, a) => {
  const it = iterate(a.v(0));
  const r = it.next();
  if (r.done) throw stop();
  if (!it.next().done) throw new PyError("StopIteration", "Collection contains more than one item");
  return r.value;
});
defMethod("last", [P("collection", T.iterable), P("default", T.any, NO_VALUE)], (_, a) => {
  const items = toArray(a.v(0));
  if (items.length > 0) return items[items.length - 1]!;
  if (a.v(1) === NO_VALUE) throw stop();
  return a.v(1);
});
defMethod("selectMany", [P("collection", T.iterable), P("selector", T.lambda)], (_, a) =>
  iter(selectedMany(a)),
);
function* selectedMany(a: Args): Generator<PyValue> {
  for (const t of itemsOf(a.v(0))) {
    const inner = a.f(1)!(t);
    if (isYaqlIterable(inner)) yield* itemsOf(inner);
    else yield inner;
  }
}

function range(start: number, stopAt: number, step: number) {
  if (step === 0) throw new PyError("ValueError", "range() arg 3 must not be zero");
  return iter(counted(start, stopAt, step));
}
function* counted(start: number, stopAt: number, step: number): Generator<PyValue> {
  for (let i = start; step > 0 ? i < stopAt : i > stopAt; i += step) yield i;
}
defFunction("range", [P("stop", T.int)], (_, a) => range(0, intOf(a.v(0)), 1));
defFunction("range", [P("start", T.int), P("stop", T.int), P("step", T.int, 1)], (_, a) =>
  range(intOf(a.v(0)), intOf(a.v(1)), intOf(a.v(2))),
);
defFunction("sequence", [P("start", T.int, 0), P("step", T.int, 1)], (_, a) => iter(endless(a)));
function* endless(a: Args): Generator<PyValue> {
  for (let i = intOf(a.v(0)); ; i += intOf(a.v(1))) yield i;
}

function ordering(c: CallCtx, src: PyValue) {
  return new OrderingIterable(
    src,
    (x, y) => yTruthy(delegate(c, "#operator_<", x, y)),
    (x, y) => yTruthy(delegate(c, "#operator_>", x, y)),
  );
}
defMethod("orderBy", [P("collection", T.iterable), P("selector", T.lambda)], (c, a) => {
  const oi = ordering(c, a.v(0));
  oi.order.push({ selector: a.f(1)!, asc: true });
  return oi;
});
defMethod("orderByDescending", [P("collection", T.iterable), P("selector", T.lambda)], (c, a) => {
  const oi = ordering(c, a.v(0));
  oi.order.push({ selector: a.f(1)!, asc: false });
  return oi;
});
defMethod("thenBy", [P("collection", T.ordering), P("selector", T.lambda)], (_, a) => {
  (a.v(0) as OrderingIterable).order.push({ selector: a.f(1)!, asc: true });
  return a.v(0);
});
defMethod("thenByDescending", [P("collection", T.ordering), P("selector", T.lambda)], (_, a) => {
  (a.v(0) as OrderingIterable).order.push({ selector: a.f(1)!, asc: false });
  return a.v(0);
});

const AGGREGATOR_FALLBACK_ERRORS = new Set([
  "NoMatchingMethodException",
  "NoMatchingFunctionException",
  "IndexError",
]);

defMethod(
  "groupBy",
  [
    P("collection", T.iterable),
    P("keySelector", T.lambda),
    P("valueSelector", T.lambda, null),
    P("aggregator", T.lambda, null),
  ],
  (_, a) => {
    const groups = new Map<string, { key: PyValue; values: PyValue[] }>();
    const selectValue = a.f(2);
    for (const t of itemsOf(a.v(0))) {
      const value = selectValue ? selectValue(t) : t;
      const key = a.f(1)!(t);
      const h = yHashKey(key);
      if (!groups.has(h)) groups.set(h, { key, values: [] });
      groups.get(h)!.values.push(value);
    }
    return iter(grouped(groups, a.f(3)));
  },
);
function* grouped(
  groups: Map<string, { key: PyValue; values: PyValue[] }>,
  agg: Lambda | null,
): Generator<PyValue> {
  for (const { key, values } of groups.values()) {
    if (!agg) {
      yield new PyTuple([key, values]);
      continue;
    }
    try {
      yield new PyTuple([key, agg(values)]);
    } catch (e) {
      if (!(e instanceof PyError) || !AGGREGATOR_FALLBACK_ERRORS.has(e.pyType)) throw e;
      let fallback: PyValue;
      try {
        fallback = agg(new PyTuple([key, values]));
      } catch {
        throw e;
      }
      if (isYaqlSequence(fallback) && toArray(fallback).length === 2) yield fallback;
      else throw e;
    }
  }
}
