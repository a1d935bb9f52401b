// Runtime support for translated YAQL: a YAQL engine whose argument nodes can
// be compiled thunks, so every call, operator, indexer and attribute access
// goes through the evaluator's own overload dispatch (compiler/expr/yaql).

import type { BinaryNode, YaqlArg, YaqlNode } from "../../../compiler/expr/yaql/ast";
import { YaqlContext } from "../../../compiler/expr/yaql/context";
import { Evaluator } from "../../../compiler/expr/yaql/evaluate";
import { renderYaqlText, toExpressionError } from "../../../compiler/expr/yaql/expression";
import { convertOutput } from "../../../compiler/expr/yaql/values";
import type { ExprEnv } from "../functions/env";
import type { PyValue } from "../py/value";
import { truthy } from "../py/value";

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

export function not(v: PyValue): boolean {
  return !truthy(v);
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
