// A call on evaluated values (operators, yaql's Delegate) reuses one overload
// binding per argument count and checks the values the way planning checks
// literal arguments (valuesPlan in dispatch.ts). It must pick what planning
// the call afresh with those values picks: same result or same failure.

import { describe, expect, it } from "vitest";
import { constNode } from "../../../../compiler/expr/yaql/ast";
import { YaqlContext } from "../../../../compiler/expr/yaql/context";
import { callOverloads, planCall, runPlan } from "../../../../compiler/expr/yaql/dispatch";
import { Evaluator } from "../../../../compiler/expr/yaql/evaluate";
import { overloadsOf } from "../../../../compiler/expr/yaql/types";
import { convertInput } from "../../../../compiler/expr/yaql/values";
import { pyRepr } from "../../../../runtime/stdlib/py/text";
import { PyFloat, PySet, PyTuple, type PyValue } from "../../../../runtime/stdlib/py/value";

const SAMPLES: PyValue[] = [
  0,
  1,
  -3,
  2n ** 70n,
  new PyFloat(2),
  1.5,
  true,
  false,
  null,
  "",
  "ab",
  "2",
  [1, 2],
  new PyTuple([3]),
  new PySet([1]),
  { a: 1 },
];

const BINARY = ["+", "-", "*", "/", "mod", "<", ">", "<=", ">=", "in"].map((op) => `#operator_${op}`);
const UNARY = ["-", "+"].map((op) => `#unary_operator_${op}`);
const FUNCTIONS = ["#indexer", "len", "str", "int", "float", "bool", "max", "min", "list", "dict", "set"];
const METHODS = ["len", "toUpper", "split", "join", "contains", "indexOf", "get", "first", "sum", "union"];

function outcome(run: () => PyValue): string {
  try {
    return `value ${pyRepr(run())}`;
  } catch (e) {
    return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  }
}

function compare(name: string, values: PyValue[], receiver?: PyValue): void {
  const method = receiver !== undefined;
  const overloads = overloadsOf(name, method);
  expect(overloads.length, name).toBeGreaterThan(0);
  const engine = new Evaluator({ ctx: {} });
  const ctx = new YaqlContext();
  const args = () => values.map((v) => constNode(convertInput(v)));
  const self = method ? convertInput(receiver) : undefined;
  const reused = outcome(() => callOverloads(engine, name, overloads, args(), ctx, self));
  const planned = outcome(() => runPlan(engine, name, planCall(overloads, args(), method), ctx, self));
  const call = `${method ? `${pyRepr(receiver)}.` : ""}${name}(${values.map((v) => pyRepr(v)).join(", ")})`;
  expect(reused, call).toBe(planned);
}

describe("calls on evaluated values", () => {
  it("choose the overload that planning with the values chooses, for every operator and pair", () => {
    for (const name of BINARY) for (const a of SAMPLES) for (const b of SAMPLES) compare(name, [a, b]);
    for (const name of UNARY) for (const a of SAMPLES) compare(name, [a]);
  });

  it("do the same for delegated functions of one to three values", () => {
    for (const name of FUNCTIONS) {
      for (const a of SAMPLES) {
        compare(name, [a]);
        for (const b of SAMPLES) compare(name, [a, b]);
      }
      compare(name, [1, 2, 3]);
    }
  });

  it("do the same for methods on a receiver", () => {
    for (const name of METHODS)
      for (const receiver of SAMPLES) {
        compare(name, [], receiver);
        for (const a of SAMPLES) compare(name, [a], receiver);
      }
  });
});
