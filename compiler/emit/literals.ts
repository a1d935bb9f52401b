// Python values and IR data -> TypeScript expressions. All user text becomes
// code here, and only as string literals made by the TypeScript factory, so
// quotes, backticks, `${`, `*/`, line separators and NUL stay data.

import { ts } from "ts-morph";
import { pyJsonDumps } from "../../runtime/stdlib/functions/py-json";
import { isDict, PyFloat, PySet, PyTuple, type PyValue } from "../../runtime/stdlib/py/value";

const f = ts.factory;

export type LiteralData =
  | PyValue
  | undefined
  | readonly LiteralData[]
  | { readonly [key: string]: LiteralData };

export function stringLiteral(text: string): ts.StringLiteral {
  return f.createStringLiteral(text);
}

function numberLiteral(n: number): ts.Expression {
  if (Number.isNaN(n)) return f.createIdentifier("NaN");
  if (!Number.isFinite(n)) {
    const inf = f.createIdentifier("Infinity");
    return n > 0 ? inf : f.createPrefixUnaryExpression(ts.SyntaxKind.MinusToken, inf);
  }
  if (n < 0 || Object.is(n, -0)) {
    return f.createPrefixUnaryExpression(ts.SyntaxKind.MinusToken, f.createNumericLiteral(String(-n)));
  }
  return f.createNumericLiteral(String(n));
}

/**
 * A property name: a string literal always, so user keys never become
 * identifiers; "__proto__" is computed, because as a literal name it would set
 * the object's prototype instead of a key.
 */
function propertyName(key: string): ts.PropertyName {
  if (key === "__proto__") return f.createComputedPropertyName(f.createStringLiteral(key));
  return f.createStringLiteral(key);
}

/**
 * Nesting past which plain data is written as the text of `rt.data(...)`
 * instead of as literals: the TypeScript printer recurses about ten frames per
 * literal level, and YAML may nest data some hundreds of levels.
 */
export const MAX_LITERAL_DEPTH = 32;

/** Data that Python's json text spells exactly: no tuples, sets or undefined values. */
function isPlainData(v: LiteralData): boolean {
  if (v === undefined) return false;
  if (v === null || typeof v !== "object" || v instanceof PyFloat) return true;
  if (Array.isArray(v)) return v.every(isPlainData);
  if (!isDict(v)) return false;
  const obj = v as { readonly [key: string]: LiteralData };
  return Object.keys(obj).every((k) => isPlainData(obj[k]));
}

/**
 * A data literal. `rt` names the runtime API, used for Python values that have
 * no JSON spelling (floats with integral values, big ints, tuples, sets).
 */
export function dataLiteral(v: LiteralData, rt: ts.Expression, depth = 0): ts.Expression {
  if (v === undefined) return f.createIdentifier("undefined");
  if (v === null) return f.createNull();
  switch (typeof v) {
    case "boolean":
      return v ? f.createTrue() : f.createFalse();
    case "number":
      return numberLiteral(v);
    case "bigint":
      return f.createCallExpression(f.createIdentifier("BigInt"), undefined, [stringLiteral(v.toString())]);
    case "string":
      return stringLiteral(v);
  }
  const call = (name: string, args: ts.Expression[]) =>
    f.createCallExpression(f.createPropertyAccessExpression(rt, name), undefined, args);
  if (v instanceof PyFloat) return call("float", [numberLiteral(v.v)]);
  if (depth >= MAX_LITERAL_DEPTH && isPlainData(v))
    return call("data", [stringLiteral(pyJsonDumps(v as PyValue))]);
  const inner = (x: LiteralData) => dataLiteral(x, rt, depth + 1);
  if (v instanceof PyTuple) return call("tuple", [f.createArrayLiteralExpression(v.items.map(inner))]);
  if (v instanceof PySet) return call("set", [f.createArrayLiteralExpression(v.values().map(inner))]);
  if (Array.isArray(v)) return f.createArrayLiteralExpression(v.map(inner), v.length > 4);
  if (isDict(v) || (typeof v === "object" && v !== null && Object.getPrototypeOf(v) === Object.prototype)) {
    const obj = v as { readonly [key: string]: LiteralData };
    const props = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .map((k) => f.createPropertyAssignment(propertyName(k), inner(obj[k])));
    return f.createObjectLiteralExpression(props, props.length > 2);
  }
  throw new Error(`internal: no literal form for ${Object.prototype.toString.call(v)}`);
}

/** Text safe inside a `//` comment: no line terminators, no control characters. */
export function commentText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, "?");
}
