// Translates a workflow value as Orquesta renders it (compiler/expr/render.ts):
// a string with Jinja or YAQL expressions becomes a call of the shared render
// rules with each expression (or the template) precompiled; lists and dicts
// are rendered element by element, keys included.

import { ts } from "ts-morph";
import { dictKeys } from "../../../runtime/stdlib/py/dict";
import { isDict, type PyValue } from "../../../runtime/stdlib/py/value";
import { constantOf } from "../constant";
import { findAll, hasJinja, hasYaql, JINJA_BLOCK, JINJA_EXPR, YAQL_EXPR } from "../find";
import { hideRawBlocks } from "../render";
import { array, call, data, envArrow, Hoist, id, pyLiteral, rtCall, str } from "./codegen";
import { translateJinjaExpression, translateJinjaTemplate } from "./jinja";
import { translateYaqlExpression } from "./yaql";

const f = ts.factory;

function all(items: readonly (ts.Expression | null)[]): ts.Expression[] | null {
  return items.some((x) => x === null) ? null : (items as ts.Expression[]);
}

/**
 * `(env) => PyValue` equal to renderValue(text, env) for every env (value,
 * type and ExpressionError); null when some construct cannot be translated.
 */
export function translateValueString(text: string, rt: ts.Expression): ts.Expression | null {
  // A constant string is rendered once, here; the code builds a fresh copy of its value.
  const constant = constantOf(text);
  const literal = constant && pyLiteral(rt, constant.value);
  if (literal) return envArrow(rt, literal);
  if (hasJinja(text)) return jinjaString(text, rt);
  if (hasYaql(text)) return yaqlString(text, rt);
  return envArrow(rt, str(text));
}

function jinjaString(text: string, rt: ts.Expression): ts.Expression | null {
  const hidden = hideRawBlocks(text);
  const hoist = new Hoist();
  if (findAll(JINJA_BLOCK, hidden.text).length > 0) {
    const template = translateJinjaTemplate(hidden.text, rt);
    if (!template) return null;
    const compiled = hoist.add(
      "c",
      f.createObjectLiteralExpression(
        [
          f.createPropertyAssignment("rawBlocks", data(hidden.rawBlocks)),
          f.createPropertyAssignment("template", template),
        ],
        true,
      ),
    );
    return hoist.wrap(envArrow(rt, rtCall(rt, "r.jinja", [id("env"), str(hidden.text), compiled])));
  }
  const exprs = findAll(JINJA_EXPR, hidden.text);
  const evaluate = all(exprs.map((e) => translateJinjaExpression(e, rt)));
  if (!evaluate) return null;
  if (hidden.rawBlocks.length === 0 && exprs.length === 1 && exprs[0] === text) {
    const fn = hoist.add("e", evaluate[0]!);
    return hoist.wrap(envArrow(rt, rtCall(rt, "r.jinjaOne", [id("env"), str(text), fn])));
  }
  // Only raw blocks: empty lists inline, where the parameter types them.
  const list = exprs.length > 0 ? hoist.add("x", data(exprs)) : array([]);
  const fns = exprs.length > 0 ? hoist.add("e", array(evaluate)) : array([]);
  const args: ts.Expression[] = [id("env"), str(hidden.text), list, fns];
  if (hidden.rawBlocks.length > 0) args.push(hoist.add("w", data(hidden.rawBlocks)));
  return hoist.wrap(envArrow(rt, rtCall(rt, "r.jinjaText", args)));
}

function yaqlString(text: string, rt: ts.Expression): ts.Expression | null {
  const exprs = findAll(YAQL_EXPR, text);
  const evaluate = all(exprs.map((e) => translateYaqlExpression(e, rt)));
  if (!evaluate) return null;
  const hoist = new Hoist();
  if (exprs.length === 1 && exprs[0] === text) {
    const fn = hoist.add("e", evaluate[0]!);
    return hoist.wrap(envArrow(rt, rtCall(rt, "r.yaqlOne", [id("env"), fn, str(text)])));
  }
  const list = hoist.add("x", data(exprs));
  const fns = hoist.add("e", array(evaluate));
  return hoist.wrap(envArrow(rt, rtCall(rt, "r.yaqlText", [id("env"), str(text), list, fns])));
}

/** `(env) => PyValue` equal to renderValue(value, env) for any workflow value (structures recursed). */
export function translateValue(value: PyValue, rt: ts.Expression): ts.Expression | null {
  if (typeof value === "string") return translateValueString(value, rt);
  const hoist = new Hoist();
  const body = structure(value, rt, hoist);
  return body && hoist.wrap(envArrow(rt, body));
}

/** Code computing the rendered value with `env` in scope; leaf strings hoisted as functions. */
function structure(value: PyValue, rt: ts.Expression, hoist: Hoist): ts.Expression | null {
  if (typeof value === "string") {
    if (!hasJinja(value) && !hasYaql(value)) return str(value);
    const fn = translateValueString(value, rt);
    return fn && call(hoist.add("s", fn), [id("env")]);
  }
  if (Array.isArray(value)) {
    const items = all(value.map((v) => structure(v, rt, hoist)));
    return items && array(items);
  }
  if (isDict(value)) {
    const pairs: ts.Expression[] = [];
    for (const k of dictKeys(value)) {
      const key = structure(k, rt, hoist);
      const v = structure(value[k]!, rt, hoist);
      if (!key || !v) return null;
      pairs.push(array([key, v]));
    }
    return rtCall(rt, "r.renderedDict", [array(pairs)]);
  }
  return pyLiteral(rt, value);
}
