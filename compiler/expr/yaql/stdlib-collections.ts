// yaql's standard_library/collections.py: list/dict/set construction, dict
// access and update (always returning new mappings), sequence editing, set
// algebra, and the `+`/`*` operators on collections.

import { checkCInt } from "../../../runtime/stdlib/py/c-int";
import { markPlainDict } from "../../../runtime/stdlib/py/plain-dict";
import { isDict, type PyDict, PyError, PySet, PyTuple, type PyValue } from "../../../runtime/stdlib/py/value";
import { repeatCount } from "./py-num";
import { SetTable, setAlgebra } from "./py-set-table";
import { pyIn } from "./stdlib-core";
import { defBoth, defFunction, defMethod, P, R, T } from "./types";
import {
  collect,
  isIterator,
  isPythonSet,
  isYaqlIterable,
  isYaqlSequence,
  itemsOf,
  iter,
  iterate,
  lengthOf,
  toArray,
  YaqlView,
  YSet,
  ydictDelete,
  ydictEntries,
  ydictFrom,
  ydictGet,
  ydictHas,
  ydictKeys,
  ydictSet,
} from "./values";

const dictOf = (v: PyValue) => v as PyDict;
const intOf = (v: PyValue) => Number(typeof v === "boolean" ? (v ? 1 : 0) : v);

function* flattenIterators(args: readonly PyValue[]): Generator<PyValue> {
  for (const t of args) {
    if (isIterator(t)) yield* flattenIterators(toArray(t));
    else yield t;
  }
}

// ---------------------------------------------------------------- construction

defFunction("list", [R("args", T.any)], (_, a) => new PyTuple(collect(flattenIterators(a.rest(0)))));
defMethod("toList", [P("collection", T.iterable)], (_, a) => {
  const v = a.v(0);
  return v instanceof PyTuple ? v : new PyTuple(toArray(v));
});
defMethod("flatten", [P("collection", T.iterable)], (_, a) => iter(flat(a.v(0))));
// Module-level generator functions: one created per call is costly in V8 (see stdlib-queries.ts).
function* flat(v: PyValue): Generator<PyValue> {
  for (const t of itemsOf(v)) {
    if (isYaqlIterable(t)) yield* flat(t);
    else yield t;
  }
}
defFunction(
  "dict",
  [P("items", T.iterable)],
  (_, a) => {
    const out: PyDict = {};
    for (const t of itemsOf(a.v(0))) {
      const it = iterate(t);
      const k = it.next();
      const v = it.next();
      if (k.done || v.done) throw new PyError("StopIteration", "");
      ydictSet(out, k.value, v.value);
    }
    return out;
  },
  { noKwargs: true },
);
defMethod(
  "toDict",
  [P("collection", T.iterable), P("keySelector", T.lambda), P("valueSelector", T.lambda, null)],
  (_, a) => {
    const out: PyDict = {};
    const key = a.f(1)!;
    const value = a.f(2);
    for (const t of itemsOf(a.v(0))) ydictSet(out, key(t), value ? value(t) : t);
    return markPlainDict(out);
  },
);
defFunction("set", [R("args", T.any)], (_, a) => new YSet(collect(flattenIterators(a.rest(0)))));
defMethod("toSet", [P("collection", T.iterable)], (_, a) => new YSet(toArray(a.v(0))));

// ---------------------------------------------------------------- dict access

defMethod("get", [P("dict", T.mapping), P("key", T.any), P("default", T.any, null)], (_, a) => {
  const value = ydictGet(dictOf(a.v(0)), a.v(1));
  return value === undefined ? a.v(2) : value;
});
defMethod(
  "set",
  [P("dict", T.mapping), P("key", T.any), P("value", T.any)],
  (_, a) => ydictFrom([...ydictEntries(dictOf(a.v(0))), [a.v(1), a.v(2)]]),
  { noKwargs: true },
);
defMethod(
  "set",
  [P("dict", T.mapping), P("replacements", T.mapping)],
  (_, a) => ydictFrom([...ydictEntries(dictOf(a.v(0))), ...ydictEntries(dictOf(a.v(1)))]),
  { noKwargs: true },
);
defMethod(
  "set",
  [P("dict", T.mapping), R("args", T.rule)],
  (_, a) => {
    const rules = a.rest(1).map((r) => r as unknown as { source: PyValue; destination: PyValue });
    return ydictFrom([
      ...ydictEntries(dictOf(a.v(0))),
      ...rules.map((r) => [r.source, r.destination] as const),
    ]);
  },
  { noKwargs: true },
);
defMethod("keys", [P("dict", T.mapping)], (_, a) => {
  const d = dictOf(a.v(0));
  return new YaqlView("KeysView", () => ydictKeys(d)[Symbol.iterator](), d);
});
defMethod("values", [P("dict", T.mapping)], (_, a) => {
  const d = dictOf(a.v(0));
  return new YaqlView(
    "ValuesView",
    () =>
      ydictEntries(d)
        .map(([, v]) => v)
        [Symbol.iterator](),
    d,
  );
});
defMethod("items", [P("dict", T.mapping)], (_, a) => {
  const d = dictOf(a.v(0));
  return new YaqlView(
    "ItemsView",
    () =>
      ydictEntries(d)
        .map(([k, v]) => new PyTuple([k, v]) as PyValue)
        [Symbol.iterator](),
    d,
  );
});
defMethod("contains", [P("collection", T.iterable), P("value", T.any)], (_, a) => pyIn(a.v(1), a.v(0)));
defMethod("containsKey", [P("dict", T.mapping), P("key", T.any)], (_, a) => ydictHas(dictOf(a.v(0)), a.v(1)));
defMethod("containsValue", [P("dict", T.mapping), P("value", T.any)], (_, a) =>
  pyIn(
    a.v(1),
    ydictEntries(dictOf(a.v(0))).map(([, v]) => v),
  ),
);

// ---------------------------------------------------------------- operators

defFunction("#operator_+", [P("left", T.iterable), P("right", T.iterable)], (_, a) => {
  const [l, r] = [a.v(0), a.v(1)];
  if (l instanceof PyTuple && r instanceof PyTuple) return new PyTuple([...l.items, ...r.items]);
  if (l instanceof PySet && r instanceof PySet) return new YSet([...toArray(l), ...toArray(r)]);
  return iter(chained(l, r));
});
function* chained(l: PyValue, r: PyValue): Generator<PyValue> {
  yield* itemsOf(l);
  yield* itemsOf(r);
}
defFunction("#operator_+", [P("left", T.mapping), P("right", T.mapping)], (_, a) =>
  ydictFrom([...ydictEntries(dictOf(a.v(0))), ...ydictEntries(dictOf(a.v(1)))]),
);

function repeat(seq: PyValue, times: PyValue): PyValue {
  const items = toArray(seq);
  const n = repeatCount(times, items.length);
  const out: PyValue[] = [];
  for (let i = 0; i < n; i++) out.push(...items);
  return seq instanceof PyTuple ? new PyTuple(out) : out;
}
defFunction("#operator_*", [P("left", T.sequence), P("right", T.int)], (_, a) => repeat(a.v(0), a.v(1)));
defFunction("#operator_*", [P("left", T.int), P("right", T.sequence)], (_, a) => repeat(a.v(1), a.v(0)));

// ---------------------------------------------------------------- type tests and len

defFunction("isDict", [P("arg", T.any)], (_, a) => isDict(a.v(0)));
defFunction("isList", [P("arg", T.any)], (_, a) => isYaqlSequence(a.v(0)));
defFunction("isSet", [P("arg", T.any)], (_, a) => T.set.check(a.v(0)));
defBoth("len", [P("dict", T.mapping)], (_, a) => Object.keys(dictOf(a.v(0))).length);
defBoth("len", [P("sequence", T.sequence)], (_, a) => lengthOf(a.v(0)));
defBoth("len", [P("set", T.set)], (_, a) => lengthOf(a.v(0)));

// ---------------------------------------------------------------- editing (new collections)

defMethod("delete", [P("collection", T.iterable), P("position", T.int), P("count", T.int, 1)], (_, a) => {
  return iter(withoutRange(a.v(0), intOf(a.v(1)), intOf(a.v(2))));
});
function* withoutRange(src: PyValue, pos: number, count: number): Generator<PyValue> {
  let i = 0;
  for (const t of itemsOf(src)) {
    const inRange = count >= 0 ? pos <= i && i < pos + count : i >= pos;
    if (!inRange) yield t;
    i++;
  }
}
defMethod("delete", [P("dict", T.mapping), R("keys", T.any)], (_, a) =>
  deleteKeys(dictOf(a.v(0)), a.rest(1)),
);
defMethod("deleteAll", [P("dict", T.mapping), P("keys", T.iterable)], (_, a) =>
  deleteKeys(dictOf(a.v(0)), toArray(a.v(1))),
);

function deleteKeys(d: PyDict, keys: readonly PyValue[]): PyDict {
  const copy = ydictFrom(ydictEntries(d));
  for (const k of keys) ydictDelete(copy, k);
  return markPlainDict(copy);
}

function* replaceRange(src: PyValue, pos: number, count: number, insert: () => Iterable<PyValue>) {
  let yielded = false;
  let i = 0;
  for (const t of itemsOf(src)) {
    const inRange = (count >= 0 && pos <= i && i < pos + count) || (count < 0 && i >= pos);
    if (inRange) {
      if (!yielded) {
        yielded = true;
        yield* insert();
      }
    } else yield t;
    i++;
  }
}
defMethod(
  "replace",
  [P("collection", T.iterable), P("position", T.int), P("value", T.any), P("count", T.int, 1)],
  (_, a) => iter(replaceRange(a.v(0), intOf(a.v(1)), intOf(a.v(3)), () => [a.v(2)])),
);
defMethod(
  "replaceMany",
  [P("collection", T.iterable), P("position", T.int), P("values", T.iterable), P("count", T.int, 1)],
  (_, a) => iter(replaceRange(a.v(0), intOf(a.v(1)), intOf(a.v(3)), () => iterate(a.v(2)))),
);
defMethod("insert", [P("collection", T.sequence), P("position", T.int), P("value", T.any)], (_, a) => {
  const copy = toArray(a.v(0)).slice();
  checkCInt(a.v(1), "ssize_t");
  let pos = intOf(a.v(1));
  if (pos < 0) pos = Math.max(0, copy.length + pos);
  copy.splice(Math.min(pos, copy.length), 0, a.v(2));
  return copy;
});
defMethod(
  "insert",
  [
    P("collection", { ...T.iterable, check: (v) => T.iterable.check(v) && !T.set.check(v) }),
    P("position", T.int),
    P("value", T.any),
  ],
  (_, a) => iter(insertAt(a.v(0), intOf(a.v(1)), () => [a.v(2)], false)),
);
defMethod(
  "insertMany",
  [P("collection", T.iterable), P("position", T.int), P("values", T.iterable)],
  (_, a) => iter(insertAt(a.v(0), intOf(a.v(1)), () => iterate(a.v(2)), true)),
);

function* insertAt(src: PyValue, pos: number, values: () => Iterable<PyValue>, negativeFirst: boolean) {
  let i = -1;
  if (negativeFirst && pos < 0) yield* values();
  for (const t of itemsOf(src)) {
    i++;
    if (i === pos) yield* values();
    yield t;
  }
  if (pos > i) yield* values();
}

// ---------------------------------------------------------------- sets

const setOf = (v: PyValue) => new YSet(iterate(v));
const asSet = (v: PyValue): YSet => (v instanceof YSet ? v : setOf(v));

/** Mapping views are sets without frozenset's methods: calling one fails as in Python. */
function frozen(v: PyValue, method: string): PyValue {
  if (v instanceof YaqlView)
    throw new PyError("AttributeError", `'${v.pyOpaque}' object has no attribute '${method}'`);
  return v;
}
/** The result of a set operation, in CPython's iteration order where the members' hashes are known. */
function algebra(op: SetOp, left: PyValue, right: PyValue, result: YSet): YSet {
  // Python's set methods return the receiver's type.
  if (isPythonSet(left)) result.pythonSet = true;
  const l = tableOf(left);
  const r = tableOf(right);
  if (l && r) result.cpythonTable = setAlgebra(op, l, r);
  return result;
}
type SetOp = Parameters<typeof setAlgebra>[0];
/** A set's CPython table: kept by set algebra results, rebuilt from insertion order for sets made by inserting. */
const tableOf = (v: PyValue): SetTable | undefined =>
  v instanceof YSet ? (v.cpythonTable ?? SetTable.build(v.values())) : SetTable.build(toArray(v));

defMethod("union", [P("left", T.set), P("right", T.set)], (_, a) => {
  const left = frozen(a.v(0), "union");
  return algebra("union", left, a.v(1), new YSet([...toArray(left), ...toArray(a.v(1))]));
});
// CPython walks the smaller operand (the right one when sizes are equal) and
// keeps its members, so of two equal members (1 and true) the smaller set's survives.
defMethod("intersect", [P("left", T.set), P("right", T.set)], (_, a) => {
  const l = frozen(a.v(0), "intersection");
  const [left, right] = [asSet(l), asSet(a.v(1))];
  const [walked, probed] = right.size > left.size ? [left, right] : [right, left];
  return algebra("intersection", l, a.v(1), new YSet(toArray(walked).filter((x) => probed.has(x))));
});
const difference = (l: PyValue, r: PyValue) => {
  const right = setOf(r);
  const left = frozen(l, "difference");
  return algebra("difference", left, r, new YSet(toArray(left).filter((x) => !right.has(x))));
};
defMethod("difference", [P("left", T.set), P("right", T.set)], (_, a) => difference(a.v(0), a.v(1)));
defFunction("#operator_-", [P("left", T.set), P("right", T.set)], (_, a) => difference(a.v(0), a.v(1)));
defMethod("symmetricDifference", [P("left", T.set), P("right", T.set)], (_, a) => {
  const left = frozen(a.v(0), "symmetric_difference");
  const [l, r] = [setOf(left), setOf(a.v(1))];
  const members = [...toArray(l).filter((x) => !r.has(x)), ...toArray(r).filter((x) => !l.has(x))];
  return algebra("symmetric_difference", left, a.v(1), new YSet(members));
});
// yaql's add is s.union(frozenset(values)).
defMethod("add", [P("set", T.set), R("values", T.any)], (_, a) => {
  const left = frozen(a.v(0), "union");
  const values = new YSet(a.rest(1));
  return algebra("union", left, values, new YSet([...toArray(left), ...a.rest(1)]));
});
defMethod("remove", [P("set", T.set), R("values", T.any)], (_, a) => difference(a.v(0), new YSet(a.rest(1))));
