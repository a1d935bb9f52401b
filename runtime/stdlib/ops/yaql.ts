// Runtime support for translated YAQL: a YAQL engine whose argument nodes can
// be compiled thunks, so every call, operator, indexer and attribute access
// goes through the evaluator's own overload dispatch (compiler/expr/yaql).

import type { YaqlArg, YaqlNode } from "../../../compiler/expr/yaql/ast";
import { YaqlContext } from "../../../compiler/expr/yaql/context";
import { noMatching } from "../../../compiler/expr/yaql/dispatch";
import { yEquals } from "../../../compiler/expr/yaql/equality";
import { Evaluator } from "../../../compiler/expr/yaql/evaluate";
import { renderYaqlText, toExpressionError } from "../../../compiler/expr/yaql/expression";
import { convertOutput } from "../../../compiler/expr/yaql/values";
import type { ExprEnv } from "../functions/env";
import type { PyValue } from "../py/value";
import { truthy } from "../py/value";

/** The code of one YAQL node: evaluated with the engine and the current `$` context. */
export type Thunk = (e: CompiledEngine, c: YaqlContext) => PyValue;

const compiled = new WeakMap<YaqlNode, Thunk>();

/** The YAQL evaluator, with compiled nodes evaluated by their code. */
export class CompiledEngine extends Evaluator {
  override evaluate(node: YaqlNode, ctx: YaqlContext): PyValue {
    const code = compiled.get(node);
    return code ? code(this, ctx) : super.evaluate(node, ctx);
  }
}

function register(node: YaqlNode, code: Thunk): YaqlNode {
  compiled.set(node, code);
  return node;
}

/** A compiled argument node (any expression that is not a call or a keyword). */
export function node(code: Thunk): YaqlNode {
  return register(
    { kind: "wrap", expr: { kind: "keyword", name: "", start: 0, end: 0 }, start: 0, end: 0 },
    code,
  );
}

/** A compiled call node: yaql lets only these be method lambdas (`uses_receiver`). */
export function callNode(name: string, code: Thunk): YaqlNode {
  return register({ kind: "call", name, args: [], start: 0, end: 0 }, code);
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

/** `receiver.name` (`?.` when nullSafe). */
export function attr(
  e: CompiledEngine,
  c: YaqlContext,
  receiver: PyValue,
  name: string,
  nullSafe: boolean,
): PyValue {
  if (nullSafe && receiver === null) return null;
  return e.attribute(receiver, name, c);
}

/** `receiver.name(args)` / `receiver?.name(args)`. */
export function method(
  e: CompiledEngine,
  c: YaqlContext,
  receiver: PyValue,
  name: string,
  args: readonly YaqlArg[],
  nullSafe: boolean,
): PyValue {
  if (nullSafe && receiver === null) return null;
  return e.call(name, args, c, receiver);
}

/** `receiver.<anything else>`: yaql has no such operator. */
export function badDot(receiver: PyValue, nullSafe: boolean): PyValue {
  if (nullSafe && receiver === null) return null;
  throw noMatching("#operator_.", undefined);
}

export function and(left: PyValue, right: () => PyValue): PyValue {
  return truthy(left) ? right() : left;
}

export function or(left: PyValue, right: () => PyValue): PyValue {
  return truthy(left) ? left : right();
}

export function not(v: PyValue): boolean {
  return !truthy(v);
}

export function eq(a: PyValue, b: PyValue): boolean {
  return yEquals(a, b);
}

export function ne(a: PyValue, b: PyValue): boolean {
  return !yEquals(a, b);
}

/** `context -> expr`: evaluates the right side in the context the left side returned. */
export function arrow(left: PyValue, right: (c: YaqlContext) => PyValue): PyValue {
  if (!(left instanceof YaqlContext)) throw noMatching("#operator_->", undefined);
  return right(left);
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
    if (typeof result === "string") result = renderYaqlText(result, env);
    return result;
  } catch (e) {
    throw toExpressionError(e, exprText);
  }
}
