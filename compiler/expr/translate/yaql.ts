// Translates one YAQL `<% %>` occurrence into TypeScript. Every operator,
// call, indexer and attribute access goes through the runtime ops that wrap
// the evaluator's own dispatch (runtime/stdlib/ops/yaql.ts); arguments become
// hoisted node objects whose code the engine runs when the callee asks for
// them (eagerly, or lazily for lambdas), so yaql's lazy semantics hold.

import type { ts } from "ts-morph";
import type { ExpressionError } from "../errors";
import type { YaqlArg, YaqlNode } from "../yaql/ast";
import { stripYaqlDelimiters, toExpressionError } from "../yaql/expression";
import { parseOrThrow } from "../yaql/parser";
import { array, arrow, envArrow, Hoist, id, method, pyLiteral, rtCall, str } from "./codegen";

function assertNever(x: never): never {
  throw new Error(`unexpected YAQL node ${JSON.stringify(x)}`);
}

class YaqlTranslator {
  constructor(
    private readonly rt: ts.Expression,
    private readonly hoist: Hoist,
  ) {}

  private y(name: string, args: readonly ts.Expression[]): ts.Expression {
    return rtCall(this.rt, `y.${name}`, args);
  }

  private thunk(node: YaqlNode): ts.Expression {
    return arrow(["E", "C"], this.expr(node));
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
        const code = arrow(["E", "C"], this.y("call", [id("E"), id("C"), str(a.name), list]));
        return this.hoist.add("n", this.y("callNode", [str(a.name), list, code]));
      }
      default:
        return this.hoist.add("n", this.y("node", [this.thunk(a)]));
    }
  }

  private args(args: readonly YaqlArg[]): ts.Expression {
    return this.hoist.add("a", this.y("args", [array(args.map((a) => this.arg(a)))]));
  }

  private callOp(name: string, args: readonly YaqlArg[], receiver?: ts.Expression): ts.Expression {
    const parts = [id("E"), id("C"), str(name), this.args(args)];
    if (receiver) parts.push(receiver);
    return this.y("call", parts);
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
        return this.callOp(node.name, node.args);
      case "binary":
        return this.binary(node.op, node.left, node.right);
      case "unary":
        if (node.op === "not") return this.y("not", [this.expr(node.operand)]);
        return this.callOp(`#unary_operator_${node.op}`, [node.operand]);
      case "index":
        return this.callOp("#indexer", [node.target, ...node.args]);
      case "list":
        return this.y("list", [id("E"), id("C"), this.args(node.args)]);
      case "map":
        return this.y("map", [id("E"), id("C"), this.args(node.args)]);
      default:
        return assertNever(node);
    }
  }

  /** Every binary node runs through the engine's own `binary` (operators, `.`, `and`, `->` ...). */
  private binary(op: string, left: YaqlNode, right: YaqlNode): ts.Expression {
    const node = this.hoist.add("b", this.y("binaryNode", [str(op), this.arg(left), this.arg(right)]));
    return this.y("binary", [id("E"), id("C"), node]);
  }
}

/** `(env) => never`: throws the given failure each time. */
export function failing(rt: ts.Expression, err: ExpressionError): ts.Expression {
  return envArrow(rt, rtCall(rt, "v.fail", [str(err.category), str(err.message)]));
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
  const hoist = new Hoist();
  try {
    const body = new YaqlTranslator(rt, hoist).expr(ast);
    return hoist.wrap(envArrow(rt, rtCall(rt, "y.run", [id("env"), str(exprText), arrow(["E", "C"], body)])));
  } catch (e) {
    if (e instanceof Untranslatable) return null;
    throw e;
  }
}
