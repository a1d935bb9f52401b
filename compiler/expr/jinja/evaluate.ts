// Evaluation of Jinja expressions with Python value semantics. Undefined
// names/attributes evaluate to StrictUndefined values that raise only when
// used. Like Jinja's optimizer, constant subexpressions are folded first: a
// folded float inf/nan cannot be written back as code and fails (NameError).

import type { ExprEnv } from "../../../runtime/stdlib/functions/env";
import { dictKeys, dictSet } from "../../../runtime/stdlib/py/dict";
import { keySlot } from "../../../runtime/stdlib/py/key-index";
import {
  isDict,
  isFloat,
  numberOf,
  type PyDict,
  PyError,
  PyFloat,
  PyTuple,
  type PyValue,
  typeError,
} from "../../../runtime/stdlib/py/value";
import { getAttr, getItem, PySlice, sliceValue } from "./access";
import { binaryOp, powOfFoldedLeft, unaryOp } from "./arith";
import { type CallArgs, exprChildren, type JinjaExpr } from "./ast";
import { type AutoescapeState, autoescapeOff, markupJoin } from "./autoescape";
import { Filters, isKnownFilter, isKnownTest, unknownFilter, unknownTest } from "./filters";
import { checkCompile } from "./fold-check";
import { compare, contains, equals, isTrue, iterate, notCallable, toStr } from "./protocol";
import { Scope } from "./scope";
import { JinjaUndefined } from "./undefined";
import { JinjaCallable, LoopContext } from "./values";

const RANDOM_FILTERS = new Set(["random", "map", "select", "reject", "selectattr", "rejectattr"]);
const constMemo = new WeakMap<JinjaExpr, boolean>();

/** True when Jinja's optimizer would fold the node to a constant. */
export function isConst(node: JinjaExpr): boolean {
  const memo = constMemo.get(node);
  if (memo !== undefined) return memo;
  let r: boolean;
  switch (node.kind) {
    case "const":
      r = true;
      break;
    case "name":
    case "call":
      r = false;
      break;
    case "tuple":
    case "list":
      r = node.items.every(isConst);
      break;
    case "dict":
      r = node.pairs.every((p) => isConst(p.key) && isConst(p.value));
      break;
    case "getattr":
    case "unary":
      r = isConst(node.node);
      break;
    case "getitem":
      r = isConst(node.node) && isConst(node.arg);
      break;
    case "slice":
      r = [node.start_, node.stop, node.step].every((n) => n === undefined || isConst(n));
      break;
    case "filter":
    case "test":
      r =
        node.node !== null &&
        isConst(node.node) &&
        node.args.every(isConst) &&
        node.kwargs.every((k) => isConst(k.value)) &&
        !node.dynArgs &&
        !node.dynKwargs &&
        (node.kind === "test" || (!RANDOM_FILTERS.has(node.name) && isKnownFilter(node.name)));
      break;
    case "condexpr":
      r = isConst(node.test) && isConst(node.expr1) && (node.expr2 === undefined || isConst(node.expr2));
      break;
    case "binop":
    case "and":
    case "or":
      r = isConst(node.left) && isConst(node.right);
      break;
    case "concat":
      r = node.nodes.every(isConst);
      break;
    case "compare":
      r = isConst(node.expr) && node.ops.every((o) => isConst(o.expr));
      break;
  }
  constMemo.set(node, r);
  return r;
}

function nonFinite(v: PyValue): string | null {
  if (v instanceof PyFloat || isFloat(v)) {
    const n = numberOf(v);
    if (Number.isNaN(n)) return "nan";
    if (!Number.isFinite(n)) return "inf";
    return null;
  }
  const items = Array.isArray(v)
    ? v
    : v instanceof PyTuple
      ? v.items
      : isDict(v)
        ? dictKeys(v).map((k) => v[k]!)
        : [];
  for (const x of items) {
    const r = nonFinite(x);
    if (r) return r;
  }
  return null;
}

/** Whether a node outside a folded one is folded and checked: a literal only when it is inf/nan (`1e400`). */
export function needsFoldCheck(node: JinjaExpr): boolean {
  return node.kind === "const" ? nonFinite(node.value) !== null : isConst(node);
}

/** A folded constant must be writable back as code: inf/nan inside it fail (NameError). */
export function checkFolded(v: PyValue): PyValue {
  const bad = nonFinite(v);
  if (bad) throw new PyError("NameError", `name '${bad}' is not defined`);
  return v;
}

/** A power whose left operand is folded to a constant while the power itself is not (see powOfFoldedLeft). */
export function foldsLeftOnly(node: JinjaExpr & { kind: "binop" }, folded: boolean): boolean {
  return node.op === "**" && !folded && isConst(node.left) && !isConst(node.right);
}

/** Raises TemplateAssertionError for unknown filters/tests outside conditional expressions. */
export function checkNames(node: JinjaExpr): void {
  // an inline if is a soft frame: its names are checked when they run
  if (node.kind === "condexpr") return;
  if (node.kind === "filter" && !isKnownFilter(node.name)) throw unknownFilter(node.name);
  if (node.kind === "test" && !isKnownTest(node.name)) throw unknownTest(node.name);
  for (const child of exprChildren(node)) checkNames(child);
}

export class Evaluator {
  readonly filters: Filters;
  /** Changed by `{% autoescape %}` blocks and macro bodies (jinja/autoescape.ts). */
  readonly autoescape: AutoescapeState = autoescapeOff();

  constructor(readonly env: ExprEnv) {
    this.filters = new Filters(env, this.autoescape);
  }

  eval(node: JinjaExpr, scope: Scope, folded = false): PyValue {
    if (!folded && needsFoldCheck(node)) return checkFolded(this.evalNode(node, scope, true));
    return this.evalNode(node, scope, folded);
  }

  private evalNode(node: JinjaExpr, scope: Scope, folded: boolean): PyValue {
    const ev = (n: JinjaExpr) => this.eval(n, scope, folded);
    switch (node.kind) {
      case "const":
        return node.value;
      case "name":
        return scope.lookup(node.name);
      case "tuple":
        return new PyTuple(node.items.map(ev));
      case "list":
        return node.items.map(ev);
      case "dict": {
        const d: PyDict = {};
        for (const p of node.pairs) dictPut(d, ev(p.key), () => ev(p.value));
        return d;
      }
      case "getattr":
        return getAttr(ev(node.node), node.attr);
      case "getitem":
        return subscript(ev(node.node), ev(node.arg));
      case "slice": {
        const part = (n?: JinjaExpr) => (n === undefined ? null : ev(n));
        return new PySlice(part(node.start_), part(node.stop), part(node.step));
      }
      case "call": {
        const callee = ev(node.node);
        const [args, kwargs] = this.evalArgs(node, scope, folded);
        return callValue(callee, args, kwargs);
      }
      case "filter": {
        const value = node.node === null ? "" : ev(node.node);
        const [args, kwargs] = this.evalArgs(node, scope, folded);
        return this.filters.callFilter(node.name, value, args, kwargs);
      }
      case "test": {
        const value = ev(node.node);
        const [args, kwargs] = this.evalArgs(node, scope, folded);
        return this.filters.callTest(node.name, value, args, kwargs);
      }
      case "condexpr":
        if (isTrue(ev(node.test))) return ev(node.expr1);
        if (node.expr2) return ev(node.expr2);
        return missingElse();
      case "binop":
        if (foldsLeftOnly(node, folded)) return powOfFoldedLeft(ev(node.left), ev(node.right));
        return binaryOp(node.op, ev(node.left), ev(node.right));
      case "unary":
        if (node.op === "not") return !isTrue(ev(node.node));
        return unaryOp(node.op, ev(node.node));
      case "and": {
        const left = ev(node.left);
        return isTrue(left) ? ev(node.right) : left;
      }
      case "or": {
        const left = ev(node.left);
        return isTrue(left) ? left : ev(node.right);
      }
      case "concat": {
        // every part is evaluated before any is converted to str (Jinja builds a tuple first)
        const parts = node.nodes.map(ev);
        const ae = this.autoescape;
        if (ae.compileTime && !ae.volatile && !isConst(node)) return markupJoin(parts);
        return parts.map(toStr).join("");
      }
      case "compare": {
        let left = ev(node.expr);
        for (const { op, expr } of node.ops) {
          const right = ev(expr);
          if (!compareOp(op, left, right)) return false;
          left = right;
        }
        return true;
      }
    }
  }

  evalArgs(node: CallArgs, scope: Scope, folded = false): [PyValue[], PyDict] {
    const args = node.args.map((a) => this.eval(a, scope, folded));
    const kwargs: PyDict = {};
    for (const k of node.kwargs) dictSet(kwargs, k.key, this.eval(k.value, scope, folded));
    if (node.dynArgs) addDynArgs(args, this.eval(node.dynArgs, scope, folded));
    if (node.dynKwargs) addDynKwargs(kwargs, this.eval(node.dynKwargs, scope, folded));
    return [args, kwargs];
  }
}

/** `obj[arg]`, arg possibly a slice. */
export function subscript(obj: PyValue, arg: PyValue): PyValue {
  return arg instanceof PySlice ? sliceValue(obj, arg) : getItem(obj, arg);
}

/** One `key: value` of a dict literal: the key is checked before the value is evaluated. */
export function dictPut(d: PyDict, key: PyValue, value: () => PyValue): void {
  if (key instanceof JinjaUndefined) key.fail();
  if (typeof key !== "string" && (Array.isArray(key) || isDict(key))) {
    throw typeError(`unhashable type: '${Array.isArray(key) ? "list" : "dict"}'`);
  }
  // the key is placed (or found) before the value is evaluated, as Python does
  const text = keySlot(d, key);
  dictSet(d, text, value());
}

/** The value of `a if cond` when cond is false and there is no else. */
export function missingElse(): PyValue {
  return new JinjaUndefined({
    hint: "the inline if-expression on line 1 evaluated to false and no else section was defined.",
    strict: false,
  });
}

/** `f(*extra)` */
export function addDynArgs(args: PyValue[], extra: PyValue): void {
  args.push(...iterate(extra));
}

/** `f(**extra)` */
export function addDynKwargs(kwargs: PyDict, extra: PyValue): void {
  if (!isDict(extra)) throw typeError("argument after ** must be a mapping");
  for (const k of dictKeys(extra)) dictSet(kwargs, k, extra[k]!);
}

export function compareOp(op: string, a: PyValue, b: PyValue): boolean {
  switch (op) {
    case "eq":
      return equals(a, b);
    case "ne":
      return !equals(a, b);
    case "lt":
      return compare(a, b, "<") < 0;
    case "lteq":
      return compare(a, b, "<=") <= 0;
    case "gt":
      return compare(a, b, ">") > 0;
    case "gteq":
      return compare(a, b, ">=") >= 0;
    case "in":
      return contains(b, a);
    default:
      return !contains(b, a);
  }
}

export function callValue(callee: PyValue, args: PyValue[], kwargs: PyDict): PyValue {
  if (callee instanceof JinjaUndefined) callee.fail();
  if (callee instanceof JinjaCallable) return callee.invoke(args, kwargs);
  if (callee instanceof LoopContext) return callee.call(args);
  throw notCallable(callee);
}

/** Evaluates one expression against a workflow context. */
export function evaluateJinjaExpression(ast: JinjaExpr, env: ExprEnv): PyValue {
  checkCompile(ast);
  return new Evaluator(env).eval(ast, new Scope(env));
}
