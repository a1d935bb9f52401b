// yaql's operators and core functions (standard_library/{math,common,boolean,
// system,branching}.py): arithmetic, comparisons, `in`, the indexer, let/def/
// with, switch/coalesce and friends.

import { PyDateTime, type PyTimedelta } from "../../../runtime/stdlib/py/datetime";
import {
  compareStrings,
  PyError,
  PySet,
  PyTuple,
  type PyValue,
  pyCompare,
} from "../../../runtime/stdlib/py/value";
import { constNode } from "./ast";
import { callOverloads, type Lambda, yaqlError } from "./dispatch";
import { yEquals } from "./equality";
import { pyAdd, pyFloorDiv, pyMod, pyMul, pyNeg, pySub, pyTrueDiv } from "./py-num";
import { defFunction, defMethod, overloadsOf, P, R, T } from "./types";
import { itemsOf, iter, iterate, toArray, YSet, ydictEntries, ydictFrom, ydictGet, yTruthy } from "./values";
import { yRepr } from "./yaql-str";

const N = T.number;

// ---------------------------------------------------------------- arithmetic

defFunction("#operator_+", [P("left", N), P("right", N)], (_, a) => pyAdd(a.v(0), a.v(1)));
defFunction("#operator_-", [P("left", N), P("right", N)], (_, a) => pySub(a.v(0), a.v(1)));
defFunction("#operator_*", [P("left", N), P("right", N)], (_, a) => pyMul(a.v(0), a.v(1)));
defFunction("#operator_/", [P("left", N), P("right", N)], (_, a) => {
  const [x, y] = [a.v(0), a.v(1)];
  const ints = (typeof x === "number" && Number.isInteger(x)) || typeof x === "bigint";
  const inty = (typeof y === "number" && Number.isInteger(y)) || typeof y === "bigint";
  return ints && inty ? pyFloorDiv(x, y) : pyTrueDiv(x, y);
});
defFunction("#operator_mod", [P("left", N), P("right", N)], (_, a) => pyMod(a.v(0), a.v(1)));
defFunction("#unary_operator_+", [P("op", N)], (_, a) => a.v(0));
defFunction("#unary_operator_-", [P("op", N)], (_, a) => pyNeg(a.v(0)));

// ---------------------------------------------------------------- comparisons

const COMPARISONS: Record<string, (r: number) => boolean> = {
  "<": (r) => r < 0,
  "<=": (r) => r <= 0,
  ">": (r) => r > 0,
  ">=": (r) => r >= 0,
};

for (const [op, test] of Object.entries(COMPARISONS)) {
  const name = `#operator_${op}`;
  defFunction(name, [P("left", N), P("right", N)], (_, a) => test(pyCompare(a.v(0), a.v(1), op)));
  defFunction(name, [P("left", T.string), P("right", T.string)], (_, a) =>
    test(compareStrings(a.v(0) as string, a.v(1) as string)),
  );
  // yaql orders null before everything else (standard_library/common.py).
  defFunction(name, [P("left", T.anyNN), P("right", T.none)], () => op === ">" || op === ">=");
  defFunction(name, [P("left", T.none), P("right", T.anyNN)], () => op === "<" || op === "<=");
  defFunction(name, [P("left", T.none), P("right", T.none)], () => op === "<=" || op === ">=");
  defFunction(name, [P("left", T.set), P("right", T.set)], (_, a) => setCompare(op, a.v(0), a.v(1)));
  defFunction(name, [P("left", T.datetime), P("right", T.datetime)], (_, a) =>
    test(Math.sign(PyDateTime.difference(a.v(0) as PyDateTime, a.v(1) as PyDateTime, true))),
  );
  defFunction(name, [P("left", T.timespan), P("right", T.timespan)], (_, a) =>
    test(Math.sign((a.v(0) as PyTimedelta).us - (a.v(1) as PyTimedelta).us)),
  );
}

function setCompare(op: string, left: PyValue, right: PyValue): boolean {
  const l = new YSet(iterate(left));
  const r = new YSet(iterate(right));
  const subset = (x: PySet, y: PySet) => x.values().every((v) => y.has(v));
  switch (op) {
    case "<":
      return subset(l, r) && l.size < r.size;
    case "<=":
      return subset(l, r);
    case ">":
      return subset(r, l) && l.size > r.size;
    default:
      return subset(r, l);
  }
}

// ---------------------------------------------------------------- membership and indexing

export function pyIn(value: PyValue, collection: PyValue): boolean {
  if (collection instanceof PySet) return collection.has(value);
  for (const item of itemsOf(collection)) if (yEquals(item, value)) return true;
  return false;
}

defFunction("#operator_in", [P("value", T.any), P("collection", T.iterable)], (_, a) => pyIn(a.v(0), a.v(1)));
defFunction("#operator_in", [P("left", T.string), P("right", T.string)], (_, a) =>
  (a.v(1) as string).includes(a.v(0) as string),
);

defFunction("#indexer", [P("dict", T.mapping), P("key", T.any)], (_, a) => {
  const value = ydictGet(a.v(0) as Record<string, PyValue>, a.v(1));
  if (value === undefined) throw new PyError("KeyError", keyMessage(a.v(1)), "undefined_variable");
  return value;
});
defFunction("#indexer", [P("dict", T.mapping), P("key", T.any), P("default", T.any)], (_, a) => {
  const value = ydictGet(a.v(0) as Record<string, PyValue>, a.v(1));
  return value === undefined ? a.v(2) : value;
});
defFunction("#indexer", [P("list", T.sequence), P("index", T.int)], (_, a) => {
  const seq = a.v(0);
  const items = seq instanceof PyTuple ? seq.items : (seq as PyValue[]);
  const raw = a.v(1);
  const i = Number(typeof raw === "boolean" ? (raw ? 1 : 0) : raw);
  const idx = i < 0 ? items.length + i : i;
  if (idx < 0 || idx >= items.length) {
    throw new PyError("IndexError", `${seq instanceof PyTuple ? "tuple" : "list"} index out of range`);
  }
  return items[idx]!;
});

/** str(KeyError(key)): the repr of the key (Orquesta strips the quotes of a string key). */
export function keyMessage(key: PyValue): string {
  return yRepr(key);
}

// ---------------------------------------------------------------- boolean

defFunction("bool", [P("value", T.any)], (_, a) => yTruthy(a.v(0)));
defFunction("isBoolean", [P("value", T.any)], (_, a) => typeof a.v(0) === "boolean");

// ---------------------------------------------------------------- system

defFunction(
  "let",
  [R("args", T.any)],
  (c, a) => {
    a.rest(0).forEach((v, i) => {
      c.ctx.set(`$${i + 1}`, v);
    });
    for (const [k, v] of a.kwargs) c.ctx.set(k, v);
    return c.ctx;
  },
  { kwRest: true },
);
defFunction("with", [R("args", T.any)], (c, a) => {
  a.rest(0).forEach((v, i) => {
    c.ctx.set(`$${i + 1}`, v);
  });
  return c.ctx;
});
defMethod("unpack", [P("sequence", T.iterable), R("args", T.string)], (c, a) => {
  const names = a.rest(1) as string[];
  const items = toArray(a.v(0));
  if (names.length > 0 && names.length !== items.length) {
    throw new PyError("ValueError", `Cannot unpack ${items.length} elements into ${names.length}`);
  }
  items.forEach((v, i) => {
    c.ctx.set(names.length > 0 ? names[i]! : `$${i + 1}`, v);
  });
  return c.ctx;
});
defFunction("def", [P("name", T.string), P("func", { ...T.lambda, lazy: "expression" })], (c, a) => {
  const node = a.v(1) as unknown as Parameters<typeof c.engine.evaluate>[0];
  c.ctx.defineFunction(a.v(0) as string, (args, kwargs) => {
    const ctx = c.ctx.child();
    args.forEach((v, i) => {
      ctx.set(`$${i + 1}`, v);
    });
    for (const [k, v] of kwargs) ctx.set(k, v);
    return c.engine.evaluate(node, ctx);
  });
  return c.ctx;
});
defMethod(
  "assert",
  [P("obj", T.any), P("condition", T.lambda), P("message", T.string, "Assertion failed")],
  (_, a) => {
    if (!yTruthy(a.f(1)!(a.v(0)))) throw new PyError("AssertionError", a.v(2) as string);
    return a.v(0);
  },
);
defFunction("call", [P("name", T.string), P("args", T.sequence), P("kwargs", T.mapping)], (c, a) => {
  const name = a.v(0) as string;
  const positional = toArray(a.v(1)).map(constNode);
  const named = ydictEntries(a.v(2) as Record<string, PyValue>)
    .filter(([k]) => typeof k === "string" && /^(?!__)[\p{L}_][\p{L}\p{N}_]*$/u.test(k))
    .map(([k, v]) => ({
      kind: "mapping" as const,
      key: { kind: "keyword" as const, name: k as string, start: 0, end: 0 },
      value: constNode(v),
      start: 0,
      end: 0,
    }));
  const overloads = overloadsOf(name, false);
  if (overloads.length === 0) throw yaqlError("NoFunctionRegisteredException", `Unknown function "${name}"`);
  return callOverloads(c.engine, name, overloads, [...positional, ...named], c.ctx, undefined);
});

// ---------------------------------------------------------------- branching

defFunction(
  "switch",
  [R("args", T.lazyRule)],
  (_, a) => {
    for (const rule of a.rules(0)) if (yTruthy(rule.source())) return rule.destination();
    return null;
  },
  { noKwargs: true },
);
defFunction("selectCase", [R("args", T.lambda)], (_, a) => {
  const fs = a.restF(0);
  const i = fs.findIndex((f) => yTruthy(f()));
  return i < 0 ? fs.length : i;
});
defFunction("selectAllCases", [R("args", T.lambda)], (_, a) => iter(trueCases(a.restF(0))));
// Module-level generator functions: one created per call is costly in V8 (see stdlib-queries.ts).
function* trueCases(fs: Lambda[]): Generator<PyValue> {
  for (let i = 0; i < fs.length; i++) if (yTruthy(fs[i]!())) yield i;
}
defFunction("examine", [R("args", T.lambda)], (_, a) => iter(examined(a.restF(0))));
function* examined(fs: Lambda[]): Generator<PyValue> {
  for (const f of fs) yield yTruthy(f());
}
defMethod("switchCase", [P("case", T.int), R("args", T.lambda)], (_, a) => {
  const fs = a.restF(1);
  const n = Number(a.v(0));
  if (n >= 0 && n < fs.length) return fs[n]!();
  return fs.length === 0 ? null : fs[fs.length - 1]!();
});
defFunction("coalesce", [R("args", T.lambda)], (_, a) => {
  for (const f of a.restF(0)) {
    const v = f();
    if (v !== null) return v;
  }
  return null;
});

// ---------------------------------------------------------------- dict literals and dict()

defFunction("dict", [R("args", T.rule)], (_, a) => ydictFrom(a.rest(0).map((r) => pairOf(r))), {
  noKwargs: true,
});

function pairOf(rule: PyValue): [PyValue, PyValue] {
  const r = rule as unknown as { source: PyValue; destination: PyValue };
  return [r.source, r.destination];
}
