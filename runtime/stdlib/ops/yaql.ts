// Runtime support for translated YAQL: a YAQL engine whose argument nodes can
// be compiled thunks, so every call, operator, indexer and attribute access
// goes through the evaluator's own overload dispatch (compiler/expr/yaql).

import { deeper } from "../../../compiler/expr/render";
import type { BinaryNode, YaqlArg, YaqlNode } from "../../../compiler/expr/yaql/ast";
import { YaqlContext } from "../../../compiler/expr/yaql/context";
import {
  type CallPlan,
  isEagerPlan,
  planCall,
  runEagerPlan,
  runPlan,
} from "../../../compiler/expr/yaql/dispatch";
import { yEquals } from "../../../compiler/expr/yaql/equality";
import { Evaluator } from "../../../compiler/expr/yaql/evaluate";
import { renderYaqlText, toExpressionError } from "../../../compiler/expr/yaql/expression";
import { keyMessage } from "../../../compiler/expr/yaql/stdlib-core";
import { overloadsOf } from "../../../compiler/expr/yaql/types";
import { convertOutput, roundTrip, ydictGet, ydictSet, yTruthy } from "../../../compiler/expr/yaql/values";
import type { ExprEnv } from "../functions/env";
import { contextVariable } from "../functions/orquesta";
import { lookupFunction } from "../functions/registry";
import { dictGet } from "../py/dict";
import { isDict, type PyDict, PyError, PyTuple, type PyValue } from "../py/value";

/** The code of one YAQL node: evaluated with the engine and the current `$` context. */
export type Thunk = (e: CompiledEngine, c: YaqlContext) => PyValue;

const CODE = Symbol("compiled");

type CompiledNode = YaqlNode & { [CODE]?: Thunk };

/** The YAQL evaluator, with compiled nodes evaluated by their code. */
export class CompiledEngine extends Evaluator {
  override evaluate(node: YaqlNode, ctx: YaqlContext): PyValue {
    const code = (node as CompiledNode)[CODE];
    return code ? code(this, ctx) : super.evaluate(node, ctx);
  }
}

function register(node: YaqlNode, code: Thunk): YaqlNode {
  Object.defineProperty(node, CODE, { value: code });
  return node;
}

/** A hoisted piece of code (typed here, so its parameters need no annotations). */
export function thunk(code: Thunk): Thunk {
  return code;
}

/** A compiled argument node (any expression that is not a call or a keyword). */
export function node(code: Thunk): YaqlNode {
  return register(
    { kind: "wrap", expr: { kind: "keyword", name: "", start: 0, end: 0 }, start: 0, end: 0 },
    code,
  );
}

/** A call node (yaql lets only these be method lambdas, `uses_receiver`), run by its code. */
export function callNode(name: string, args: readonly YaqlArg[], code: Thunk): YaqlNode {
  return register({ kind: "call", name, args, start: 0, end: 0 }, code);
}

/** A literal, left for the engine to evaluate (operators look at literal operands). */
export function constNode(value: PyValue): YaqlNode {
  return { kind: "const", value, start: 0, end: 0 };
}

/** A binary node over argument nodes, evaluated by the engine's own operator code. */
export function binaryNode(op: string, left: YaqlNode, right: YaqlNode): BinaryNode {
  return { kind: "binary", op, left, right, start: 0, end: 0 };
}

/** Runs a binary node (`.`, `?.`, `and`, `or`, `=`, `->`, operators) as the tree walker does. */
export function binary(e: CompiledEngine, c: YaqlContext, node: BinaryNode): PyValue {
  return e.binary(node, c);
}

/** A bare word used as a value (`ctx(x)` passes 'x'). */
export function keyword(name: string): YaqlNode {
  return { kind: "keyword", name, start: 0, end: 0 };
}

/** `key => value` in an argument list. */
export function mapping(key: YaqlNode, value: YaqlNode): YaqlArg {
  return { kind: "mapping", key, value, start: 0, end: 0 };
}

/** An argument list (typed, so that an empty one is not an implicit any[]). */
export function args(list: YaqlArg[]): readonly YaqlArg[] {
  return list;
}

/** A skipped argument `f(1,,2)`. */
export function noValue(): YaqlArg {
  return { kind: "novalue", start: 0, end: 0 };
}

/** `name(args)`, or `receiver.name(args)` when a receiver is given. */
export function call(
  e: CompiledEngine,
  c: YaqlContext,
  name: string,
  args: readonly YaqlArg[],
  receiver?: PyValue,
): PyValue {
  return e.call(name, args, c, receiver);
}

/** A call site resolved when the code loads: its overloads' binding to the argument nodes, if it has overloads. */
export interface CallSite {
  readonly name: string;
  readonly args: readonly YaqlArg[];
  readonly plan: CallPlan | null;
  readonly eager: boolean;
}

/** `name(args)` (`method`: `x.name(args)`) in an expression where no def() can shadow the name. */
export function site(name: string, args: readonly YaqlArg[], method: boolean): CallSite {
  const overloads = overloadsOf(name, method);
  const plan = overloads.length > 0 ? planCall(overloads, args, method) : null;
  return { name, args, plan, eager: plan !== null && isEagerPlan(plan) };
}

/** call() at a resolved site: the engine's dispatch without looking the name up again. */
export function callAt(e: CompiledEngine, c: YaqlContext, s: CallSite, receiver?: PyValue): PyValue {
  if (!s.plan) return e.call(s.name, s.args, c, receiver);
  return s.eager ? runEagerPlan(e, s.name, s.plan, c, receiver) : runPlan(e, s.name, s.plan, c, receiver);
}

export function not(v: PyValue): boolean {
  return !yTruthy(v);
}

// ---------------------------------------------------------------- direct operations
// What the tree walker does for a node once its operands are known; the
// translator uses them only where it has checked statically that the walker
// would take the same path (no def() in the expression, no overload of the
// name, no literal operand that changes overload resolution).

/** A catalogue function (ctx, result, st2kv ...) with evaluated arguments; kwargs as [name, value] pairs. */
export function cat(
  e: CompiledEngine,
  name: string,
  positional: PyValue[],
  kwargs?: [string, PyValue][],
): PyValue {
  const fn = lookupFunction(name);
  if (!fn) throw new PyError("NoFunctionRegisteredException", `Unknown function "${name}"`);
  const dict: PyDict = {};
  if (kwargs) for (const [k, v] of kwargs) dict[k] = v;
  return e.callCatalog(name, fn, positional, dict);
}

/** `ctx(key)` with a literal key that is not empty. */
export function ctxKey(e: CompiledEngine, key: string): PyValue {
  return e.freeze(contextVariable(e.env, key));
}

/**
 * A whole expression `f(args).a.b` where f is ctx, item, result or task
 * called with literal arguments: the catalogue function's data walked without
 * freezing it, and the result handed back as the tree walker would (a copy,
 * string results rendered again).
 */
export function runDataPath(
  env: ExprEnv,
  exprText: string,
  name: string,
  args: PyValue[],
  attrs: readonly string[],
): PyValue {
  try {
    const e = new CompiledEngine(env);
    const c = new YaqlContext();
    let i = 0;
    let raw: PyValue;
    if (name === "ctx" && args.length === 0 && attrs.length > 0) raw = visibleVariable(e, attrs[i++]!);
    else raw = e.callCatalogRaw(name, args);
    // A mapping's attribute reads the same from the data as from its frozen copy.
    for (; i < attrs.length && isDict(raw); i++) raw = e.attribute(raw, attrs[i]!, c);
    let result: PyValue;
    if (i === attrs.length) result = roundTrip(raw);
    else {
      let value = e.freeze(raw);
      for (; i < attrs.length; i++) value = e.attribute(value, attrs[i]!, c);
      result = convertOutput(value);
    }
    if (typeof result !== "string" || !result.includes("<%")) return result;
    const again = result;
    return deeper("yaql", exprText, () => renderYaqlText(again, env));
  } catch (e) {
    throw toExpressionError(e, exprText);
  }
}

/**
 * `f(args).a.b` inside a larger expression, where f is ctx, item, result or
 * task called with literal arguments: the attributes read from the data while
 * it is a mapping (reading the same as from its frozen copy), and only what is
 * read frozen, not the whole of f's result.
 */
export function path(
  e: CompiledEngine,
  c: YaqlContext,
  name: string,
  args: PyValue[],
  attrs: readonly string[],
): PyValue {
  let i = 0;
  let raw: PyValue;
  if (name === "ctx" && args.length === 0 && attrs.length > 0) raw = visibleVariable(e, attrs[i++]!);
  else raw = e.callCatalogRaw(name, args);
  for (; i < attrs.length && isDict(raw); i++) raw = e.attribute(raw, attrs[i]!, c);
  let value = e.freeze(raw);
  for (; i < attrs.length; i++) value = e.attribute(value, attrs[i]!, c);
  return value;
}

/**
 * The attribute `name` of ctx()'s dict (a copy of the context without the
 * `__` variables, as a YAQL mapping reads it), without copying the context.
 */
function visibleVariable(e: CompiledEngine, name: string): PyValue {
  const value = name.startsWith("__") ? undefined : dictGet(e.env.ctx, name);
  if (value === undefined) throw new PyError("KeyError", name, "undefined_variable");
  return value;
}

/** `ctx().name`: one variable of the visible context, frozen without freezing the rest. */
export function ctxAttr(e: CompiledEngine, name: string): PyValue {
  return e.freeze(visibleVariable(e, name));
}

/** `receiver.name` */
export function attr(e: CompiledEngine, c: YaqlContext, receiver: PyValue, name: string): PyValue {
  return e.attribute(receiver, name, c);
}

/** An arithmetic or comparison operator over evaluated operands. */
export function op(e: CompiledEngine, c: YaqlContext, name: string, left: PyValue, right: PyValue): PyValue {
  return e.operator(name, left, right, c);
}

export function and(e: CompiledEngine, c: YaqlContext, left: PyValue, right: Thunk): PyValue {
  return yTruthy(left) ? right(e, c) : left;
}

export function or(e: CompiledEngine, c: YaqlContext, left: PyValue, right: Thunk): PyValue {
  return yTruthy(left) ? left : right(e, c);
}

export function eq(left: PyValue, right: PyValue): boolean {
  return yEquals(left, right);
}

/** `target[index]` with a target that is not a literal: mappings and sequences directly, the rest by overloads. */
export function index(e: CompiledEngine, c: YaqlContext, target: PyValue, key: PyValue): PyValue {
  if (isDict(target)) {
    const value = ydictGet(target, key);
    if (value === undefined) throw new PyError("KeyError", keyMessage(key), "undefined_variable");
    return value;
  }
  if (
    typeof key === "number" &&
    Number.isInteger(key) &&
    (Array.isArray(target) || target instanceof PyTuple)
  ) {
    const items = target instanceof PyTuple ? target.items : target;
    const i = key < 0 ? items.length + key : key;
    if (i < 0 || i >= items.length)
      throw new PyError("IndexError", `${target instanceof PyTuple ? "tuple" : "list"} index out of range`);
    return items[i]!;
  }
  return e.call("#indexer", [constNode(target), constNode(key)], c, undefined, false);
}

/** `[a, b]`: a tuple in yaql. */
export function tuple(items: PyValue[]): PyValue {
  return new PyTuple(items);
}

/** `{k1 => v1, k2 => v2}` with every pair evaluated first, as key, value, key, value ... */
export function dict(flat: PyValue[]): PyValue {
  const d: PyDict = {};
  for (let i = 0; i < flat.length; i += 2) ydictSet(d, flat[i]!, flat[i + 1]!);
  return d;
}

/** `[args]` (a tuple in yaql). */
export function list(e: CompiledEngine, c: YaqlContext, args: readonly YaqlArg[]): PyValue {
  return e.list(args, c);
}

/** `{args}` */
export function map(e: CompiledEngine, c: YaqlContext, args: readonly YaqlArg[]): PyValue {
  return e.map(args, c);
}

/**
 * One whole `<% %>` occurrence (`exprText`), as yaql/expression.ts evaluates it:
 * the result converted back, string results rendered again, failures wrapped.
 */
export function run(env: ExprEnv, exprText: string, body: Thunk): PyValue {
  try {
    let result = convertOutput(body(new CompiledEngine(env), new YaqlContext()));
    // Rendering a string again only changes one holding `<%`.
    if (typeof result === "string" && result.includes("<%")) {
      const again = result;
      result = deeper("yaql", exprText, () => renderYaqlText(again, env));
    }
    return result;
  } catch (e) {
    throw toExpressionError(e, exprText);
  }
}
