// yaql's parameter types (yaqltypes.py) and the table the standard library
// modules register their overloads into.

import { PyDateTime, PyTimedelta } from "../../../runtime/stdlib/py/datetime";
import { isDict, isInt, PyFloat, PySet, type PyValue } from "../../../runtime/stdlib/py/value";
import { constNode } from "./ast";
import { YaqlContext } from "./context";
import {
  type CallCtx,
  callOverloads,
  type Impl,
  type Overload,
  type ParamSpec,
  type TypeSpec,
} from "./dispatch";
import { fastDelegatedOperator } from "./fast-operators";
import { YaqlRegex } from "./opaque";
import { isSetLike, isYaqlIterable, isYaqlSequence, OrderingIterable, YaqlIter } from "./values";

const nullable = (spec: TypeSpec): TypeSpec => ({
  ...spec,
  name: `${spec.name}?`,
  check: (v) => v === null || spec.check(v),
});

const isNumberValue = (v: PyValue) => typeof v === "number" || typeof v === "bigint" || v instanceof PyFloat;

export const T = {
  /** An unannotated parameter: anything, null included. */
  any: { name: "any", check: () => true } as TypeSpec,
  anyNN: { name: "object", check: (v: PyValue) => v !== null } as TypeSpec,
  none: { name: "NoneType", check: (v: PyValue) => v === null } as TypeSpec,
  /** yaqltypes.Number: int or float, not bool. */
  number: { name: "number", check: isNumberValue } as TypeSpec,
  /** PythonType(int): bool is an int in Python. */
  int: { name: "int", check: (v: PyValue) => isInt(v) || typeof v === "boolean" } as TypeSpec,
  /** yaqltypes.Integer: int, not bool. */
  integer: { name: "integer", check: (v: PyValue) => isInt(v) } as TypeSpec,
  bool: { name: "bool", check: (v: PyValue) => typeof v === "boolean" } as TypeSpec,
  string: { name: "string", check: (v: PyValue) => typeof v === "string" } as TypeSpec,
  iterable: { name: "iterable", check: isYaqlIterable } as TypeSpec,
  iterator: { name: "iterator", check: (v: PyValue) => v instanceof YaqlIter } as TypeSpec,
  sequence: { name: "sequence", check: isYaqlSequence } as TypeSpec,
  mapping: { name: "mapping", check: (v: PyValue) => isDict(v) } as TypeSpec,
  set: { name: "set", check: isSetLike } as TypeSpec,
  frozenset: { name: "frozenset", check: (v: PyValue) => v instanceof PySet } as TypeSpec,
  regex: { name: "regex", check: (v: PyValue) => v instanceof YaqlRegex } as TypeSpec,
  datetime: { name: "datetime", check: (v: PyValue) => v instanceof PyDateTime } as TypeSpec,
  timespan: { name: "timespan", check: (v: PyValue) => v instanceof PyTimedelta } as TypeSpec,
  context: { name: "context", check: (v: PyValue) => v instanceof YaqlContext } as TypeSpec,
  ordering: { name: "OrderingIterable", check: (v: PyValue) => v instanceof OrderingIterable } as TypeSpec,
  /** utils.MappingRule as an eager parameter type: an argument written `key => value`. */
  rule: { name: "MappingRule", check: () => false, mapping: true } as TypeSpec,
  lambda: { name: "lambda", check: () => true, lazy: "lambda" } as TypeSpec,
  methodLambda: { name: "lambda", check: () => true, lazy: "methodLambda" } as TypeSpec,
  ctxLambda: { name: "lambda", check: () => true, lazy: "ctxLambda" } as TypeSpec,
  lazyRule: { name: "MappingRule", check: () => false, lazy: "mapping" } as TypeSpec,
  keyword: { name: "keyword", check: () => false, lazy: "keyword" } as TypeSpec,
  nullable,
};

/** A positional parameter; pass a default to make it optional. */
export function P(name: string, type: TypeSpec, ...dflt: [PyValue?]): ParamSpec {
  return dflt.length > 0
    ? { name, type, hasDefault: true, default: dflt[0] ?? null }
    : { name, type, hasDefault: false };
}

/** `*name` */
export function R(name: string, type: TypeSpec): ParamSpec {
  return { name, type, hasDefault: true, rest: true };
}

/** A keyword-only parameter. */
export function K(name: string, type: TypeSpec, dflt: PyValue): ParamSpec {
  return { name, type, hasDefault: true, default: dflt, kwOnly: true };
}

const table = new Map<string, Overload[]>();

interface DefineOptions {
  readonly noKwargs?: boolean;
  readonly kwRest?: boolean;
}

/** overloadsOf's answers, by name (`.name` for methods); the table only grows while modules load. */
const overloadsMemo = new Map<string, readonly Overload[]>();

function add(
  name: string,
  asFunction: boolean,
  asMethod: boolean,
  params: ParamSpec[],
  impl: Impl,
  o: DefineOptions,
) {
  const list = table.get(name) ?? [];
  list.push({
    name,
    asFunction,
    asMethod,
    params,
    impl,
    noKwargs: o.noKwargs ?? false,
    kwRest: o.kwRest ?? false,
  });
  table.set(name, list);
  overloadsMemo.delete(name);
  overloadsMemo.delete(`.${name}`);
}

/** A function-only overload (`f(x)`). */
export function defFunction(name: string, params: ParamSpec[], impl: Impl, o: DefineOptions = {}): void {
  add(name, true, false, params, impl, o);
}

/** A method-only overload (`x.f()`); the receiver is the first parameter. */
export function defMethod(name: string, params: ParamSpec[], impl: Impl, o: DefineOptions = {}): void {
  add(name, false, true, params, impl, o);
}

/** An extension method: callable both ways. */
export function defBoth(name: string, params: ParamSpec[], impl: Impl, o: DefineOptions = {}): void {
  add(name, true, true, params, impl, o);
}

export function overloadsOf(name: string, asMethod: boolean): readonly Overload[] {
  const key = asMethod ? `.${name}` : name;
  let found = overloadsMemo.get(key);
  if (!found) {
    found = (table.get(name) ?? []).filter((o) => (asMethod ? o.asMethod : o.asFunction));
    overloadsMemo.set(key, found);
  }
  return found;
}

export function hasOverloads(name: string): boolean {
  return table.has(name);
}

/** Calls a standard-library function by name with values (yaql's Delegate). */
export function delegate(c: CallCtx, name: string, ...values: PyValue[]): PyValue {
  if (values.length === 2) {
    const fast = fastDelegatedOperator(name, values[0]!, values[1]!);
    if (fast !== undefined) return fast;
  }
  return callOverloads(c.engine, name, overloadsOf(name, false), values.map(constNode), c.ctx, undefined);
}
