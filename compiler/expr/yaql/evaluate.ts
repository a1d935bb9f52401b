// The YAQL evaluator: walks the syntax tree with yaql 3.2's semantics. Most
// operators are overloaded functions of the standard library (`#operator_+`,
// `#indexer` ...) resolved by dispatch.ts; `.`, `?.`, `and`, `or`, `not`,
// `=`, `!=` and `->` are handled here. Unknown names fall back to the
// Orquesta/StackStorm function catalogue (functions only, never methods).

import { fromYaqlCall } from "../../../runtime/stdlib/functions/args";
import type { CatalogFunction } from "../../../runtime/stdlib/functions/catalog";
import type { ExprEnv } from "../../../runtime/stdlib/functions/env";
import {
  lookupFunction,
  type YaqlArguments,
  yaqlArgumentsOf,
} from "../../../runtime/stdlib/functions/registry";
import { newDict } from "../../../runtime/stdlib/py/dict";
import { markPlainDeep, markPlainDict } from "../../../runtime/stdlib/py/plain-dict";
import { isDict, mkInt, type PyDict, PyError, PyTuple, type PyValue } from "../../../runtime/stdlib/py/value";
import { type BinaryNode, constNode, type YaqlArg, type YaqlNode } from "./ast";
import { YaqlContext } from "./context";
import { callOverloads, describe, type Engine, noMatching, yaqlError } from "./dispatch";
import { yEquals } from "./equality";
import { fastOperator, isFastOperator } from "./fast-operators";
import { hasOverloads, overloadsOf } from "./types";
import {
  convertInput,
  convertOutput,
  handOverFrozen,
  handOverIterated,
  isYaqlIterable,
  itemsOf,
  iter,
  YaqlIter,
  ydictGet,
  ydictSet,
  yTruthy,
} from "./values";
import "./stdlib-core";
import "./stdlib-collections";
import "./stdlib-queries";
import "./stdlib-sequences";
import "./stdlib-strings";
import "./stdlib-math";

/**
 * Catalogue functions whose results come from the workflow context, which yaql sees frozen.
 * StackStorm's task() is not one: it reads the task's record from the database and
 * hands yaql plain lists and dicts, as any Python function's result.
 */
export const FROM_CONTEXT: ReadonlySet<string> = new Set(["ctx", "item", "result"]);

/**
 * The catalogue function a call `name(...)` without receiver reaches when no
 * `def()` in the expression can shadow it: undefined when the yaql standard
 * library has overloads of that name (they win) or the name is unknown.
 */
export function catalogueFunction(name: string): CatalogFunction | undefined {
  return overloadsOf(name, false).length > 0 ? undefined : lookupFunction(name);
}

/** How each kind of catalogue function gets a YAQL value (see YaqlArguments). */
const HAND_OVER: Record<YaqlArguments, (v: PyValue) => PyValue> = {
  data: convertOutput,
  frozen: handOverFrozen,
  iterated: handOverIterated,
  python: (v) => v,
};

/**
 * The argument list an operator or indexer node calls its overloads with:
 * one list per node, so that the call's overload binding is planned once.
 */
const operandLists = new WeakMap<YaqlNode, readonly YaqlArg[]>();

function operandsOf(node: YaqlNode, operands: readonly YaqlArg[]): readonly YaqlArg[] {
  const known = operandLists.get(node);
  if (known) return known;
  operandLists.set(node, operands);
  return operands;
}

/** The tree walker; exported so translated code (runtime/stdlib/ops) calls the same operations. */
export class Evaluator implements Engine {
  /** Context data already frozen during this evaluation (yaql freezes its input once); made on first use. */
  private frozen: Map<object, PyValue> | undefined;

  constructor(readonly env: ExprEnv) {}

  /** yaql's frozen view of workflow data: converted once per evaluation (shared sub-values stay shared). */
  freeze(v: PyValue): PyValue {
    if (v === null || typeof v !== "object") return v;
    this.frozen ??= new Map();
    return convertInput(v, this.frozen);
  }

  /**
   * A catalogue function (ctx, result, st2kv ...) called with evaluated
   * arguments: they are handed over as plain data, and what comes from the
   * workflow context is frozen.
   */
  callCatalog(name: string, fn: CatalogFunction, positional: PyValue[], kwargs: PyDict): PyValue {
    // Orquesta's zip_ hands a single argument back as it is: an iterator stays one (set() flattens it)
    if (name === "zip" && positional.length === 1 && positional[0] instanceof YaqlIter) return positional[0];
    // use_none gives back what it gets: a view stays a view until the output is converted
    const mode = yaqlArgumentsOf(name);
    const hand = HAND_OVER[mode];
    for (const k of Object.keys(kwargs)) kwargs[k] = hand(kwargs[k]!);
    const result = fn(this.env, positional.map(hand), fromYaqlCall(kwargs), "yaql");
    // Python functions return plain dicts (those that hand back their arguments mark their own);
    // so does ctx() with no key or a falsy one (`ctx('')`: a new dict of the frozen variables).
    if (!FROM_CONTEXT.has(name)) return mode === "data" ? markPlainDeep(result) : result;
    const frozen = this.freeze(result);
    const key = positional[0] ?? kwargs.key;
    return name === "ctx" && (key === undefined || !yTruthy(key)) ? markPlainDict(frozen) : frozen;
  }

  /** What a workflow-data function (ctx, item, result, task) returns before yaql freezes it. */
  callCatalogRaw(name: string, positional: PyValue[]): PyValue {
    const fn = lookupFunction(name);
    if (!fn || !FROM_CONTEXT.has(name)) throw new Error(`${name} is not a workflow-data function`);
    return fn(this.env, positional.map(convertOutput), {}, "yaql");
  }

  /** An arithmetic or comparison operator over evaluated operands (FAST_OPS, literals checked by the caller). */
  operator(op: string, left: PyValue, right: PyValue, ctx: YaqlContext): PyValue {
    const fast = fastOperator(op, left, right);
    if (fast !== undefined) return fast;
    return this.call(`#operator_${op}`, [constNode(left), constNode(right)], ctx, undefined, false);
  }

  evaluate(node: YaqlNode, ctx: YaqlContext): PyValue {
    switch (node.kind) {
      case "const":
        return typeof node.value === "bigint" ? mkInt(node.value) : node.value;
      case "keyword":
        return node.name;
      case "dollar":
        return ctx.get(node.name);
      case "wrap":
        return this.evaluate(node.expr, ctx);
      case "call":
        return this.call(node.name, node.args, ctx, undefined);
      case "binary":
        return this.binary(node, ctx);
      case "unary":
        if (node.op === "not") return !yTruthy(this.evaluate(node.operand, ctx));
        return this.call(`#unary_operator_${node.op}`, operandsOf(node, [node.operand]), ctx, undefined);
      case "index":
        return this.call("#indexer", operandsOf(node, [node.target, ...node.args]), ctx, undefined);
      case "list":
        return this.list(node.args, ctx);
      case "map":
        return this.map(node.args, ctx);
    }
  }

  /** A binary node; public so translated code runs operators exactly as the tree walker does. */
  binary(node: BinaryNode, ctx: YaqlContext): PyValue {
    switch (node.op) {
      case ".":
      case "?.": {
        // No `.` overload takes a right side that is neither a name nor a call: yaql
        // fails choosing one, before it evaluates the receiver.
        if (node.op === "." && node.right.kind !== "call" && node.right.kind !== "keyword")
          throw noMatching("#operator_.", undefined);
        const receiver = this.evaluate(node.left, ctx);
        if (node.op === "?." && receiver === null) return null;
        return this.dot(receiver, node.right, ctx);
      }
      case "and": {
        const left = this.evaluate(node.left, ctx);
        return yTruthy(left) ? this.evaluate(node.right, ctx) : left;
      }
      case "or": {
        const left = this.evaluate(node.left, ctx);
        return yTruthy(left) ? left : this.evaluate(node.right, ctx);
      }
      case "=":
        return yEquals(this.evaluate(node.left, ctx), this.evaluate(node.right, ctx));
      case "!=":
        return !yEquals(this.evaluate(node.left, ctx), this.evaluate(node.right, ctx));
      case "->": {
        const left = this.evaluate(node.left, ctx);
        if (!(left instanceof YaqlContext)) throw noMatching("#operator_->", undefined);
        return this.evaluate(node.right, left);
      }
      default:
        if (isFastOperator(node.op, node.left, node.right)) {
          const left = this.evaluate(node.left, ctx);
          return this.operator(node.op, left, this.evaluate(node.right, ctx), ctx);
        }
        return this.call(`#operator_${node.op}`, operandsOf(node, [node.left, node.right]), ctx, undefined);
    }
  }

  /** `receiver.right`: a method call, a key of a mapping, a key of each element, or a property. */
  dot(receiver: PyValue, right: YaqlNode, ctx: YaqlContext): PyValue {
    if (right.kind === "call") return this.call(right.name, right.args, ctx, receiver);
    if (right.kind !== "keyword") throw noMatching("#operator_.", undefined);
    return this.attribute(receiver, right.name, ctx);
  }

  attribute(receiver: PyValue, name: string, ctx: YaqlContext): PyValue {
    if (isDict(receiver)) {
      const value = ydictGet(receiver, name);
      if (value === undefined) throw new PyError("KeyError", name, "undefined_variable");
      return value;
    }
    if (isYaqlIterable(receiver)) return iter(attributeOfEach(this, receiver, name, ctx));
    const property = `#property#${name}`;
    const overloads = overloadsOf(property, false);
    if (overloads.length === 0)
      throw yaqlError("NoFunctionRegisteredException", `Unknown function "${property}"`);
    return callOverloads(this, property, overloads, [constNode(receiver)], ctx, undefined);
  }

  /**
   * `name(args)` or `receiver.name(args)`. `site`: `args` is a call site's own
   * list (from a parsed or translated expression), so its overload binding can
   * be kept; false for lists made for one call.
   */
  call(
    name: string,
    args: readonly YaqlArg[],
    ctx: YaqlContext,
    receiver: PyValue | undefined,
    site = true,
  ): PyValue {
    if (receiver === undefined) {
      const user = ctx.findFunction(name);
      if (user) {
        const { positional, kwargs } = this.plainArgs(name, args, ctx);
        return user(positional, new Map(Object.entries(kwargs)));
      }
    }
    const overloads = overloadsOf(name, receiver !== undefined);
    if (overloads.length > 0) return callOverloads(this, name, overloads, args, ctx, receiver, site);
    if (receiver === undefined) {
      const fn = lookupFunction(name);
      if (fn) {
        const { positional, kwargs } = this.plainArgs(name, args, ctx);
        return this.callCatalog(name, fn, positional, kwargs);
      }
      throw yaqlError("NoFunctionRegisteredException", `Unknown function "${name}"`);
    }
    if (hasOverloads(name) || lookupFunction(name)) {
      throw yaqlError(
        "NoMethodRegisteredException",
        `Unknown method "${name}" for receiver ${describe(receiver)}`,
      );
    }
    throw yaqlError(
      "NoMethodRegisteredException",
      `Unknown method "${name}" for receiver ${describe(receiver)}`,
    );
  }

  /** Arguments for plain Python functions: positional values and `name => value` keywords. */
  plainArgs(name: string, args: readonly YaqlArg[], ctx: YaqlContext) {
    const positional: PyValue[] = [];
    const kwargs = newDict();
    for (const arg of args) {
      if (arg.kind === "novalue") throw noMatching(name, undefined);
      if (arg.kind === "mapping") {
        if (arg.key.kind !== "keyword") {
          throw yaqlError("MappingTranslationException", "Cannot convert mapping to keyword argument");
        }
        kwargs[arg.key.name] = this.evaluate(arg.value, ctx);
      } else {
        if (Object.keys(kwargs).length > 0) throw noMatching(name, undefined);
        positional.push(this.evaluate(arg, ctx));
      }
    }
    return { positional, kwargs };
  }

  list(args: readonly YaqlArg[], ctx: YaqlContext): PyValue {
    const items: PyValue[] = [];
    for (const arg of args) {
      if (arg.kind === "novalue" || arg.kind === "mapping") throw noMatching("#list", undefined);
      items.push(this.evaluate(arg, ctx));
    }
    return new PyTuple(items);
  }

  map(args: readonly YaqlArg[], ctx: YaqlContext): PyValue {
    const pairs: [PyValue, PyValue][] = [];
    for (const arg of args) {
      if (arg.kind !== "mapping") throw noMatching("#map", undefined);
      pairs.push([this.evaluate(arg.key, ctx), this.evaluate(arg.value, ctx)]);
    }
    const d = {};
    for (const [k, v] of pairs) ydictSet(d, k, v);
    return d;
  }
}

/**
 * Evaluates a parsed expression and converts the result the way yaql hands it
 * back (tuples and iterators become lists). Throws PyError on failure.
 */
export function evaluateYaql(ast: YaqlNode, env: ExprEnv): PyValue {
  const evaluator = new Evaluator(env);
  return convertOutput(evaluator.evaluate(ast, new YaqlContext()));
}

/**
 * `collection.name`: the attribute of each element, lazily. A module-level
 * generator: a generator function created per call (a closure) costs V8 a
 * prototype object and its map each time, some 1-2 µs here.
 */
function* attributeOfEach(
  engine: Evaluator,
  receiver: PyValue,
  name: string,
  ctx: YaqlContext,
): Generator<PyValue> {
  for (const item of itemsOf(receiver)) yield engine.attribute(item, name, ctx);
}
