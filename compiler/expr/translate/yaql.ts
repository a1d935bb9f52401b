// Translates one YAQL `<% %>` occurrence into TypeScript. What the tree walker
// would do the same way whatever the values (catalogue functions such as
// ctx(), attribute access, `and`/`or`/`=`, arithmetic, indexing, literals)
// becomes direct code over runtime/stdlib/ops/yaql.ts; everything that needs
// yaql's overload resolution (methods, the standard library, lambdas) goes
// through the evaluator's own dispatch, with arguments as hoisted node
// objects whose code the engine runs when the callee asks for them (eagerly,
// or lazily for lambdas), so yaql's lazy semantics hold.

import type { ts } from "ts-morph";
import type { PyValue } from "../../../runtime/stdlib/py/value";
import type { ExpressionError } from "../errors";
import type { YaqlArg, YaqlNode } from "../yaql/ast";
import { catalogueFunction, FROM_CONTEXT } from "../yaql/evaluate";
import { stripYaqlDelimiters, toExpressionError } from "../yaql/expression";
import { isFastOperator } from "../yaql/fast-operators";
import { parseOrThrow } from "../yaql/parser";
import { array, arrow, bool, data, envArrow, Hoist, id, method, pyLiteral, rtCall, str } from "./codegen";

function assertNever(x: never): never {
  throw new Error(`unexpected YAQL node ${JSON.stringify(x)}`);
}

/** Whether the expression defines functions (`def()`), which may shadow any name. */
function definesFunctions(node: YaqlArg): boolean {
  switch (node.kind) {
    case "call":
      return node.name === "def" || node.args.some(definesFunctions);
    case "binary":
      return definesFunctions(node.left) || definesFunctions(node.right);
    case "unary":
      return definesFunctions(node.operand);
    case "wrap":
      return definesFunctions(node.expr);
    case "index":
      return definesFunctions(node.target) || node.args.some(definesFunctions);
    case "list":
    case "map":
      return node.args.some(definesFunctions);
    case "mapping":
      return definesFunctions(node.key) || definesFunctions(node.value);
    default:
      return false;
  }
}

/** A literal operand (yaql resolves overloads on literals before evaluating anything). */
function isLiteral(node: YaqlNode): boolean {
  return node.kind === "const" || node.kind === "keyword";
}

/** Plain call arguments: positional ones, then `name => value` keywords, none skipped. */
function plainArgs(
  args: readonly YaqlArg[],
): { positional: YaqlNode[]; kwargs: [string, YaqlNode][] } | null {
  const positional: YaqlNode[] = [];
  const kwargs: [string, YaqlNode][] = [];
  for (const a of args) {
    if (a.kind === "novalue") return null;
    if (a.kind === "mapping") {
      if (a.key.kind !== "keyword") return null;
      kwargs.push([a.key.name, a.value]);
    } else if (kwargs.length > 0) return null;
    else positional.push(a);
  }
  return { positional, kwargs };
}

class YaqlTranslator {
  constructor(
    private readonly rt: ts.Expression,
    private readonly hoist: Hoist,
    /** False when a def() in the expression may shadow catalogue functions. */
    private readonly direct: boolean,
  ) {}

  private y(name: string, args: readonly ts.Expression[]): ts.Expression {
    return rtCall(this.rt, `y.${name}`, args);
  }

  /** `(E, C) => code`, hoisted: it captures nothing. */
  private thunk(node: YaqlNode): ts.Expression {
    return this.hoist.add("t", this.y("thunk", [arrow(["E", "C"], this.expr(node))]));
  }

  /** An argument as a hoisted node object the engine evaluates (literals and words stay literal nodes). */
  arg(a: YaqlArg): ts.Expression {
    switch (a.kind) {
      case "novalue":
        return this.hoist.add("n", this.y("noValue", []));
      case "mapping":
        return this.hoist.add("n", this.y("mapping", [this.arg(a.key), this.arg(a.value)]));
      case "keyword":
        return this.hoist.add("n", this.y("keyword", [str(a.name)]));
      case "const":
        return this.hoist.add("n", this.y("constNode", [this.expr(a)]));
      case "call": {
        const list = this.args(a.args);
        return this.hoist.add("n", this.y("callNode", [str(a.name), list, this.thunk(a)]));
      }
      default:
        return this.hoist.add("n", this.y("node", [this.thunk(a)]));
    }
  }

  private args(args: readonly YaqlArg[]): ts.Expression {
    return this.hoist.add("a", this.y("args", [array(args.map((a) => this.arg(a)))]));
  }

  private callOp(name: string, args: readonly YaqlArg[], receiver?: ts.Expression): ts.Expression {
    // Only a def() in the expression could shadow a function (methods are never user functions).
    if (this.direct || receiver) {
      const at = this.hoist.add(
        "s",
        this.y("site", [str(name), this.args(args), bool(receiver !== undefined)]),
      );
      return this.y("callAt", receiver ? [id("E"), id("C"), at, receiver] : [id("E"), id("C"), at]);
    }
    return this.y("call", [id("E"), id("C"), str(name), this.args(args)]);
  }

  expr(node: YaqlNode): ts.Expression {
    switch (node.kind) {
      case "const": {
        const lit = pyLiteral(this.rt, node.value);
        if (!lit) throw new Untranslatable("constant");
        return lit;
      }
      case "keyword":
        return str(node.name);
      case "dollar":
        return method(id("C"), "get", [str(node.name)]);
      case "wrap":
        return this.expr(node.expr);
      case "call":
        return this.call(node.name, node.args);
      case "binary":
        return this.binary(node.op, node.left, node.right);
      case "unary":
        if (node.op === "not") return this.y("not", [this.expr(node.operand)]);
        return this.callOp(`#unary_operator_${node.op}`, [node.operand]);
      case "index":
        if (
          this.direct &&
          node.args.length === 1 &&
          node.args[0]!.kind !== "mapping" &&
          node.args[0]!.kind !== "novalue" &&
          !isLiteral(node.target)
        )
          return this.y("index", [id("E"), id("C"), this.expr(node.target), this.expr(node.args[0]!)]);
        return this.callOp("#indexer", [node.target, ...node.args]);
      case "list":
        if (node.args.every((a) => a.kind !== "novalue" && a.kind !== "mapping"))
          return this.y("tuple", [array(node.args.map((a) => this.expr(a as YaqlNode)))]);
        return this.y("list", [id("E"), id("C"), this.args(node.args)]);
      case "map":
        if (node.args.every((a) => a.kind === "mapping"))
          return this.y("dict", [
            array(
              node.args.flatMap((a) => (a.kind === "mapping" ? [this.expr(a.key), this.expr(a.value)] : [])),
            ),
          ]);
        return this.y("map", [id("E"), id("C"), this.args(node.args)]);
      default:
        return assertNever(node);
    }
  }

  /** `name(args)` without receiver: catalogue functions directly, everything else by the engine's dispatch. */
  private call(name: string, args: readonly YaqlArg[]): ts.Expression {
    const plain = this.direct && catalogueFunction(name) ? plainArgs(args) : null;
    if (!plain) return this.callOp(name, args);
    const [first] = plain.positional;
    if (
      name === "ctx" &&
      plain.positional.length === 1 &&
      plain.kwargs.length === 0 &&
      first!.kind === "keyword"
    )
      return this.y("ctxKey", [id("E"), str(first!.name)]);
    const parts = [id("E"), str(name), array(plain.positional.map((a) => this.expr(a)))];
    if (plain.kwargs.length > 0)
      parts.push(array(plain.kwargs.map(([k, v]) => array([str(k), this.expr(v)]))));
    return this.y("cat", parts);
  }

  private binary(op: string, left: YaqlNode, right: YaqlNode): ts.Expression {
    const E = id("E");
    const C = id("C");
    switch (op) {
      case ".":
        if (right.kind === "keyword") {
          if (this.isContextCall(left)) return this.y("ctxAttr", [E, str(right.name)]);
          const path = this.direct ? dataPath({ kind: "binary", op, left, right, start: 0, end: 0 }) : null;
          if (path) {
            // An empty list stays inline, where the parameter types it.
            const args = path.args.length > 0 ? this.hoist.add("p", data(path.args)) : array([]);
            return this.y("path", [E, C, str(path.name), args, this.hoist.add("p", data(path.attrs))]);
          }
          return this.y("attr", [E, C, this.expr(left), str(right.name)]);
        }
        if (right.kind === "call") return this.callOp(right.name, right.args, this.expr(left));
        break;
      case "and":
      case "or":
        return this.y(op, [E, C, this.expr(left), this.thunk(right)]);
      case "=":
        return this.y("eq", [this.expr(left), this.expr(right)]);
      case "!=":
        return this.y("not", [this.y("eq", [this.expr(left), this.expr(right)])]);
      default:
        if (isFastOperator(op, left, right))
          return this.y("op", [E, C, str(op), this.expr(left), this.expr(right)]);
    }
    // Every other binary node runs through the engine's own `binary` (`?.`, `->`, `in` ...).
    const node = this.hoist.add("b", this.y("binaryNode", [str(op), this.arg(left), this.arg(right)]));
    return this.y("binary", [E, C, node]);
  }

  /** `ctx()` reaching the catalogue function. */
  private isContextCall(node: YaqlNode): boolean {
    return (
      node.kind === "call" &&
      node.name === "ctx" &&
      node.args.length === 0 &&
      this.direct &&
      catalogueFunction("ctx") !== undefined
    );
  }
}

/**
 * `f(args).a.b` where f is a workflow-data function (ctx, item, result, task)
 * reaching the catalogue, called with literal arguments only.
 */
function dataPath(node: YaqlNode): { name: string; args: PyValue[]; attrs: string[] } | null {
  const attrs: string[] = [];
  let n = node;
  while (n.kind === "wrap") n = n.expr;
  while (n.kind === "binary" && n.op === "." && n.right.kind === "keyword") {
    attrs.unshift(n.right.name);
    n = n.left;
    while (n.kind === "wrap") n = n.expr;
  }
  if (n.kind !== "call" || !FROM_CONTEXT.has(n.name) || !catalogueFunction(n.name)) return null;
  const args: PyValue[] = [];
  for (const a of n.args) {
    if (a.kind === "keyword") args.push(a.name);
    else if (a.kind === "const" && typeof a.value === "string") args.push(a.value);
    else return null;
  }
  return { name: n.name, args, attrs };
}

/** `(env) => never`: throws the given failure each time. */
export function failing(rt: ts.Expression, err: ExpressionError): ts.Expression {
  const args = [str(err.category), str(err.message), ...(err.reason === undefined ? [] : [str(err.reason)])];
  return envArrow(rt, rtCall(rt, "v.fail", args));
}

/** A construct the translator cannot express as code. */
export class Untranslatable extends Error {}

/**
 * `(env) => PyValue` for one whole `<% %>` occurrence, equal to
 * evaluateYaqlExpression(exprText, env); null when it cannot be translated.
 */
export function translateYaqlExpression(exprText: string, rt: ts.Expression): ts.Expression | null {
  let ast: YaqlNode;
  try {
    ast = parseOrThrow(stripYaqlDelimiters(exprText));
  } catch (e) {
    return failing(rt, toExpressionError(e, exprText));
  }
  // A def() in the expression may shadow any name: then nothing is resolved statically.
  const direct = !definesFunctions(ast);
  const path = direct ? dataPath(ast) : null;
  const hoist = new Hoist();
  if (path) {
    // Lists made once; an empty one stays inline, where the parameter types it.
    const list = (items: readonly PyValue[], prefix: string) =>
      items.length > 0 ? hoist.add(prefix, data(items)) : array([]);
    return hoist.wrap(
      envArrow(
        rt,
        rtCall(rt, "y.runDataPath", [
          id("env"),
          str(exprText),
          str(path.name),
          list(path.args, "p"),
          list(path.attrs, "p"),
        ]),
      ),
    );
  }
  try {
    const body = new YaqlTranslator(rt, hoist, direct).expr(ast);
    return hoist.wrap(envArrow(rt, rtCall(rt, "y.run", [id("env"), str(exprText), arrow(["E", "C"], body)])));
  } catch (e) {
    if (e instanceof Untranslatable) return null;
    throw e;
  }
}
