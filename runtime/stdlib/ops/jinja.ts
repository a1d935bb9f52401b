// Runtime support for translated Jinja: the operations the Jinja evaluator
// and template renderer use (compiler/expr/jinja), under short names for
// generated code. A translated expression gets a Scope (names) and a Filters
// (filters/tests) per evaluation, exactly like the tree walker.

import {
  getItemAttr,
  isDictAttribute,
  getAttr as jGetAttr,
  getItem as jGetItem,
  PySlice,
} from "../../../compiler/expr/jinja/access";
import { binaryOp, powOfFoldedLeft, unaryOp } from "../../../compiler/expr/jinja/arith";
import type { BinaryOperator, CompareOperator, JinjaTarget } from "../../../compiler/expr/jinja/ast";
import {
  addDynArgs,
  addDynKwargs,
  callValue,
  checkFolded,
  compareOp,
  dictPut,
  missingElse,
  subscript,
} from "../../../compiler/expr/jinja/evaluate";
import { Filters } from "../../../compiler/expr/jinja/filters";
import { isJinjaStrictUndefined, runJinjaTemplate, wrapJinjaError } from "../../../compiler/expr/jinja/index";
import { markupSeen, plainResult, resetMarkupSeen } from "../../../compiler/expr/jinja/markup";
import { isTrue, toStr } from "../../../compiler/expr/jinja/protocol";
import {
  CALLER_SLOT,
  filterBlockText,
  assign as jAssign,
  makeMacro,
  type RenderDepth,
  runBlock,
  runForLoop,
} from "../../../compiler/expr/jinja/render";
import { callCatalog, Scope } from "../../../compiler/expr/jinja/scope";
import { PyGenerator } from "../../../compiler/expr/jinja/values";
import type { ExprEnv } from "../functions/env";
import { contextVariable } from "../functions/orquesta";
import { dictGet, dictSet } from "../py/dict";
import { type PyDict, PyTuple, type PyValue } from "../py/value";

export { Filters, Scope };

/** The state of one translated evaluation: names, filters and macro depth. */
export interface Frame extends RenderDepth {
  readonly filters: Filters;
}

export type ExprBody = (s: Scope, f: Frame) => PyValue;
export type TemplateBody = (s: Scope, f: Frame) => string;

function frame(env: ExprEnv): Frame {
  return { filters: new Filters(env), depth: 0 };
}

/**
 * One whole `{{ }}` occurrence, as LANGUAGES.evaluateJinja does it: `{ value }`,
 * or null when the value is a StrictUndefined (Orquesta leaves the text).
 */
export function expr(env: ExprEnv, exprText: string, body: ExprBody): { readonly value: PyValue } | null {
  // runJinjaExpression's steps, without a closure per evaluation.
  let value: PyValue;
  try {
    resetMarkupSeen();
    value = body(new Scope(env), frame(env));
    if (value instanceof PyGenerator) value = value.consume();
    if (markupSeen()) value = plainResult(value);
  } catch (e) {
    throw wrapJinjaError(e, exprText);
  }
  return isJinjaStrictUndefined(value) ? null : { value };
}

/** A whole template (text with `{% %}` blocks) rendered to a string. */
export function template(env: ExprEnv, text: string, body: TemplateBody): string {
  return runJinjaTemplate(text, env, (e) => {
    const scope = new Scope(e);
    return body(scope, { ...frame(e), templateScope: scope });
  });
}

/** `{% block name [scoped] [required] %}` (see runBlock). */
export function block(
  f: Frame,
  s: Scope,
  name: string,
  scoped: boolean,
  required: boolean,
  body: (inner: Scope) => string,
): string {
  return runBlock(f, s, { name, scoped, required }, body);
}

export const truth = isTrue;
export const str = toStr;
export const fold = checkFolded;
export const bin = (op: BinaryOperator, a: PyValue, b: PyValue): PyValue => binaryOp(op, a, b);
export const unary = (op: "-" | "+", v: PyValue): PyValue => unaryOp(op, v);
export const powFoldedLeft = powOfFoldedLeft;
export const getAttr = jGetAttr;
export const getItem = jGetItem;
/** `obj.name` where `name` is not a dict attribute (see isDictAttribute): dicts read directly. */
export const itemAttr = getItemAttr;
/** `obj[arg]` (arg may be a slice). */
export const item = subscript;
export const noElse = missingElse;

export function not(v: PyValue): boolean {
  return !isTrue(v);
}

export function slice(start: PyValue, stop: PyValue, step: PyValue): PyValue {
  return new PySlice(start, stop, step);
}

export function tuple(items: PyValue[]): PyValue {
  return new PyTuple(items);
}

/** A dict literal: [key, value thunk] pairs, each key checked before its value runs. */
export function dict(pairs: (() => PyValue)[]): PyValue {
  const d: PyDict = {};
  for (let i = 0; i < pairs.length; i += 2) dictPut(d, pairs[i]!(), pairs[i + 1]!);
  return d;
}

export function and(left: PyValue, right: () => PyValue): PyValue {
  return isTrue(left) ? right() : left;
}

export function or(left: PyValue, right: () => PyValue): PyValue {
  return isTrue(left) ? left : right();
}

/** `a ~ b ~ c` */
export function concat(parts: PyValue[]): string {
  return parts.map(toStr).join("");
}

/** `a op b`: a comparison that is not a chain. */
export const cmp = (left: PyValue, op: CompareOperator, right: PyValue): boolean =>
  compareOp(op, left, right);

/** `a < b <= c`: a chain, stopping at the first false comparison. */
export function compare(first: PyValue, ops: readonly CompareOperator[], rest: (() => PyValue)[]): boolean {
  let left = first;
  for (let i = 0; i < ops.length; i++) {
    const right = rest[i]!();
    if (!compareOp(ops[i]!, left, right)) return false;
    left = right;
  }
  return true;
}

/** Call arguments: positional, `name=value` pairs, then `*args` and `**kwargs` (undefined when absent). */
export interface CallArgs {
  readonly args: PyValue[];
  readonly kwargs: PyDict;
}

export function args(positional: PyValue[], kw: [string, PyValue][]): CallArgs {
  const kwargs: PyDict = {};
  for (const [k, v] of kw) dictSet(kwargs, k, v);
  return { args: positional, kwargs };
}

export function dynArgs(a: CallArgs, extra: PyValue): CallArgs {
  addDynArgs(a.args, extra);
  return a;
}

export function dynKwargs(a: CallArgs, extra: PyValue): CallArgs {
  addDynKwargs(a.kwargs, extra);
  return a;
}

/** `name(args)` where `name` can only be the catalogue function (no local variable in scope). */
export function cat(s: Scope, name: string, positional: PyValue[], kw: [string, PyValue][]): PyValue {
  const kwargs: PyDict = {};
  for (const [k, v] of kw) dictSet(kwargs, k, v);
  return callCatalog(s.env, name, positional, kwargs);
}

/** `ctx('name')` with a literal name that is not empty: what the catalogue's ctx() returns for it. */
export function ctxKey(s: Scope, name: string): PyValue {
  return contextVariable(s.env, name);
}

/**
 * `ctx().name`: the same value as reading `name` from the fresh dict of every
 * visible variable that ctx() builds, without building it. Jinja looks for a
 * dict attribute first (`ctx().keys`): such names take the whole dict.
 */
export function ctxAttr(s: Scope, name: string): PyValue {
  if (isDictAttribute(name)) return jGetAttr(cat(s, "ctx", [], []), name);
  const value = name.startsWith("__") ? undefined : dictGet(s.env.ctx, name);
  return value !== undefined ? value : jGetAttr({}, name);
}

export function call(callee: PyValue, a: CallArgs): PyValue {
  return callValue(callee, a.args, a.kwargs);
}

export function filter(f: Frame, name: string, value: PyValue, a: CallArgs): PyValue {
  return f.filters.callFilter(name, value, a.args, a.kwargs);
}

export function test(f: Frame, name: string, value: PyValue, a: CallArgs): boolean {
  return f.filters.callTest(name, value, a.args, a.kwargs);
}

/** `{% set target = value %}` */
export function assign(s: Scope, target: JinjaTarget, value: PyValue): string {
  jAssign(s, target, value);
  return "";
}

/** `{% set target %}body{% endset %}`, optionally `| filters`. */
export function assignBlock(
  s: Scope,
  target: JinjaTarget,
  body: (inner: Scope) => string,
  filter: ((input: PyValue, s: Scope) => PyValue) | null,
): string {
  let value: PyValue = body(s.child());
  if (filter) value = filter(value, s);
  jAssign(s, target, value);
  return "";
}

/** `{% with a = x, b = y %}body{% endwith %}` */
export function withBlock(
  s: Scope,
  targets: readonly JinjaTarget[],
  values: ((s: Scope) => PyValue)[],
  body: (inner: Scope) => string,
): string {
  const inner = s.child();
  targets.forEach((t, i) => {
    jAssign(inner, t, values[i]!(s));
  });
  return body(inner);
}

/** `{% filter f %}body{% endfilter %}` */
export function filterBlock(
  s: Scope,
  body: (inner: Scope) => string,
  filter: (input: PyValue, s: Scope) => PyValue,
): string {
  return filterBlockText(filter(body(s.child()), s));
}

export function forLoop(
  f: Frame,
  s: Scope,
  iterable: PyValue,
  target: JinjaTarget,
  test: ((inner: Scope) => PyValue) | null,
  body: (inner: Scope) => string,
  else_: (inner: Scope) => string,
  recursive = false,
): string {
  return runForLoop(f, s, iterable, target, { test, body, else_, recursive });
}

/** `{% call(params) m(args) %}body{% endcall %}`: `call` runs in a scope holding the caller macro. */
export function callBlock(
  f: Frame,
  s: Scope,
  params: readonly string[],
  defaults: ((s: Scope) => PyValue)[],
  body: (inner: Scope) => string,
  special: readonly string[],
  call: (inner: Scope) => PyValue,
): string {
  const inner = s.child();
  inner.set(CALLER_SLOT, makeMacro(f, s, null, params, { defaults, body, special }));
  return toStr(call(inner));
}

/** `{% macro name(params) %}` */
export function macro(
  f: Frame,
  s: Scope,
  name: string,
  params: readonly string[],
  defaults: ((s: Scope) => PyValue)[],
  body: (inner: Scope) => string,
  special: readonly string[] = [],
): string {
  s.set(name, makeMacro(f, s, name, params, { defaults, body, special }));
  return "";
}
