// Small helpers over the TypeScript factory for the expression translators.
// User text only ever becomes code through string and numeric literals.

import { ts } from "ts-morph";
import { isDict, PyFloat, PySet, PyTuple, type PyValue } from "../../../runtime/stdlib/py/value";

const f = ts.factory;

export const id = (name: string): ts.Identifier => f.createIdentifier(name);
export const str = (s: string): ts.StringLiteral => f.createStringLiteral(s);

/** A finite JS number (also -0, Infinity, NaN) as an expression. */
export function num(n: number): ts.Expression {
  if (Number.isNaN(n)) return id("NaN");
  if (n === Number.POSITIVE_INFINITY) return id("Infinity");
  if (n === Number.NEGATIVE_INFINITY)
    return f.createPrefixUnaryExpression(ts.SyntaxKind.MinusToken, id("Infinity"));
  if (n < 0 || Object.is(n, -0))
    return f.createPrefixUnaryExpression(ts.SyntaxKind.MinusToken, f.createNumericLiteral(String(-n)));
  return f.createNumericLiteral(String(n));
}

export const bool = (b: boolean): ts.Expression => (b ? f.createTrue() : f.createFalse());

/** `rt.a.b(...)` where path is "a.b". */
export function rtCall(rt: ts.Expression, path: string, args: readonly ts.Expression[]): ts.CallExpression {
  return f.createCallExpression(rtRef(rt, path), undefined, args);
}

export function rtRef(rt: ts.Expression, path: string): ts.Expression {
  let e: ts.Expression = rt;
  for (const part of path.split(".")) e = f.createPropertyAccessExpression(e, part);
  return e;
}

export function call(callee: ts.Expression, args: readonly ts.Expression[]): ts.CallExpression {
  return f.createCallExpression(callee, undefined, args);
}

export function method(
  target: ts.Expression,
  name: string,
  args: readonly ts.Expression[],
): ts.CallExpression {
  return f.createCallExpression(f.createPropertyAccessExpression(target, name), undefined, args);
}

/** `(a, b) => body` with contextually typed parameters. */
export function arrow(
  params: readonly string[],
  body: ts.Expression | ts.Block,
  types?: readonly (ts.TypeNode | undefined)[],
): ts.ArrowFunction {
  return f.createArrowFunction(
    undefined,
    undefined,
    params.map((p, i) => f.createParameterDeclaration(undefined, undefined, p, undefined, types?.[i])),
    undefined,
    f.createToken(ts.SyntaxKind.EqualsGreaterThanToken),
    ts.isBlock(body) ? body : parenthesizeObject(body),
  );
}

function parenthesizeObject(e: ts.Expression): ts.Expression {
  return ts.isObjectLiteralExpression(e) ? f.createParenthesizedExpression(e) : e;
}

export const array = (items: readonly ts.Expression[]): ts.ArrayLiteralExpression =>
  f.createArrayLiteralExpression([...items], false);

export function cond(test: ts.Expression, a: ts.Expression, b: ts.Expression): ts.Expression {
  return f.createParenthesizedExpression(
    f.createConditionalExpression(
      test,
      f.createToken(ts.SyntaxKind.QuestionToken),
      a,
      f.createToken(ts.SyntaxKind.ColonToken),
      b,
    ),
  );
}

export function plus(parts: readonly ts.Expression[]): ts.Expression {
  if (parts.length === 0) return str("");
  let e = parts[0]!;
  for (const p of parts.slice(1)) e = f.createBinaryExpression(e, ts.SyntaxKind.PlusToken, p);
  return f.createParenthesizedExpression(e);
}

/** Plain data (strings, numbers, booleans, null, arrays, objects) as a literal; used for AST pieces. */
export function data(v: unknown): ts.Expression {
  if (v === null || v === undefined) return f.createNull();
  if (typeof v === "string") return str(v);
  if (typeof v === "number") return num(v);
  if (typeof v === "boolean") return bool(v);
  if (Array.isArray(v)) return array(v.map(data));
  if (typeof v === "object") {
    return f.createObjectLiteralExpression(
      Object.entries(v as Record<string, unknown>)
        .filter(([, x]) => x !== undefined)
        .map(([k, x]) => f.createPropertyAssignment(str(k), data(x))),
      false,
    );
  }
  throw new Error(`cannot write ${typeof v} as data`);
}

/** A Python value as code that builds a fresh copy of it; null when it is not plain data. */
export function pyLiteral(rt: ts.Expression, v: PyValue): ts.Expression | null {
  if (v === null) return f.createNull();
  if (typeof v === "boolean") return bool(v);
  if (typeof v === "string") return str(v);
  if (typeof v === "number") return num(v);
  if (typeof v === "bigint") return rtCall(rt, "v.int", [str(v.toString())]);
  if (v instanceof PyFloat) return rtCall(rt, "v.float", [num(v.v)]);
  const many = (items: readonly PyValue[]): ts.Expression | null => {
    const out: ts.Expression[] = [];
    for (const x of items) {
      const e = pyLiteral(rt, x);
      if (!e) return null;
      out.push(e);
    }
    return array(out);
  };
  if (Array.isArray(v)) return many(v);
  if (v instanceof PyTuple) {
    const items = many(v.items);
    return items && rtCall(rt, "v.tuple", [items]);
  }
  if (v instanceof PySet) {
    const items = many(v.values());
    return items && rtCall(rt, "v.set", [items]);
  }
  if (isDict(v)) {
    const pairs: ts.Expression[] = [];
    for (const k of Object.keys(v)) {
      const e = pyLiteral(rt, v[k]!);
      if (!e) return null;
      pairs.push(array([str(k), e]));
    }
    return rtCall(rt, "v.dict", [array(pairs)]);
  }
  return null;
}

/** Declarations hoisted out of the per-evaluation function (built once per module load). */
export class Hoist {
  private readonly decls: ts.VariableStatement[] = [];
  private n = 0;

  add(prefix: string, init: ts.Expression): ts.Identifier {
    const name = `${prefix}${this.n++}`;
    this.decls.push(
      f.createVariableStatement(
        undefined,
        f.createVariableDeclarationList(
          [f.createVariableDeclaration(name, undefined, undefined, init)],
          ts.NodeFlags.Const,
        ),
      ),
    );
    return id(name);
  }

  /** `(() => { decls; return e; })()`, or `e` when nothing was hoisted. */
  wrap(e: ts.Expression): ts.Expression {
    if (this.decls.length === 0) return e;
    const body = f.createBlock([...this.decls, f.createReturnStatement(e)], true);
    return f.createCallExpression(f.createParenthesizedExpression(arrow([], body)), undefined, []);
  }
}

/** The type of the env parameter: `Parameters<typeof rt.r.yaql>[0]`. */
export function envType(rt: ts.Expression): ts.TypeNode {
  const entity = (e: ts.Expression): ts.EntityName => {
    if (ts.isIdentifier(e)) return e;
    if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.name))
      return f.createQualifiedName(entity(e.expression), e.name);
    throw new Error("the runtime namespace must be an identifier or a property access");
  };
  const yaqlFn = f.createQualifiedName(f.createQualifiedName(entity(rt), "r"), "yaql");
  return f.createIndexedAccessTypeNode(
    f.createTypeReferenceNode("Parameters", [f.createTypeQueryNode(yaqlFn)]),
    f.createLiteralTypeNode(f.createNumericLiteral("0")),
  );
}

/** `(env: Env) => body` */
export function envArrow(rt: ts.Expression, body: ts.Expression): ts.ArrowFunction {
  return arrow(["env"], body, [envType(rt)]);
}
