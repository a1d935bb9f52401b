// Rendering of a parsed Jinja template to text: output of expressions as
// Python str(), if/elif/else, for (loop.*, else, inline filter), set (also
// block set and namespace attributes), with, filter blocks and macros.

import type { ExprEnv } from "../../../runtime/stdlib/functions/env";
import { dictSet } from "../../../runtime/stdlib/py/dict";
import { type PyDict, PyError, type PyValue, typeError } from "../../../runtime/stdlib/py/value";
import type { JinjaExpr, JinjaStmt, JinjaTarget, JinjaTemplate } from "./ast";
import { checkNames, Evaluator } from "./evaluate";
import { isTrue, iterate, toStr } from "./protocol";
import { Scope } from "./scope";
import { JinjaUndefined } from "./undefined";
import { fn, JinjaNamespace, LoopContext } from "./values";

function assign(scope: Scope, target: JinjaTarget, value: PyValue): void {
  switch (target.kind) {
    case "name":
      scope.set(target.name, value);
      return;
    case "nsref": {
      const ns = scope.lookup(target.name);
      if (!(ns instanceof JinjaNamespace)) {
        throw new PyError("TemplateRuntimeError", "cannot assign attribute on non-namespace object");
      }
      dictSet(ns.attrs, target.attr, value);
      return;
    }
    case "tuple": {
      const items = iterate(value);
      if (items.length !== target.items.length) {
        throw new PyError(
          "ValueError",
          items.length > target.items.length
            ? `too many values to unpack (expected ${target.items.length})`
            : `not enough values to unpack (expected ${target.items.length}, got ${items.length})`,
        );
      }
      for (const [i, t] of target.items.entries()) assign(scope, t, items[i]!);
    }
  }
}

class Renderer {
  readonly ev: Evaluator;
  private depth = 0;

  constructor(env: ExprEnv) {
    this.ev = new Evaluator(env);
  }

  expr(node: JinjaExpr, scope: Scope): PyValue {
    return this.ev.eval(node, scope);
  }

  body(stmts: readonly JinjaStmt[], scope: Scope): string {
    let out = "";
    for (const s of stmts) out += this.stmt(s, scope);
    return out;
  }

  private stmt(s: JinjaStmt, scope: Scope): string {
    switch (s.kind) {
      case "data":
        return s.text;
      case "output":
        return toStr(this.expr(s.expr, scope));
      case "if": {
        if (isTrue(this.expr(s.test, scope))) return this.body(s.body, scope);
        for (const e of s.elifs) if (isTrue(this.expr(e.test, scope))) return this.body(e.body, scope);
        return this.body(s.else_, scope);
      }
      case "for":
        return this.forLoop(s, scope);
      case "assign":
        assign(scope, s.target, this.expr(s.value, scope));
        return "";
      case "assignblock": {
        let value: PyValue = this.body(s.body, scope.child());
        if (s.filter) value = this.applyFilterChain(s.filter, value, scope);
        assign(scope, s.target, value);
        return "";
      }
      case "with": {
        const inner = scope.child();
        for (const [i, t] of s.targets.entries()) assign(inner, t, this.expr(s.values[i]!, scope));
        return this.body(s.body, inner);
      }
      case "filterblock":
        return toStr(this.applyFilterChain(s.filter, this.body(s.body, scope.child()), scope));
      case "macro":
        scope.set(s.name, this.macro(s, scope));
        return "";
      case "unsupported":
        throw typeError("no loader for this environment specified");
    }
  }

  /** A filter chain parsed with no input (`{% filter upper %}`): the innermost filter gets `input`. */
  private applyFilterChain(node: JinjaExpr, input: PyValue, scope: Scope): PyValue {
    if (node.kind !== "filter") return this.expr(node, scope);
    const value = node.node === null ? input : this.applyFilterChain(node.node, input, scope);
    const [args, kwargs] = this.ev.evalArgs(node, scope);
    return this.ev.filters.callFilter(node.name, value, args, kwargs);
  }

  private forLoop(s: Extract<JinjaStmt, { kind: "for" }>, scope: Scope): string {
    let items = iterate(this.expr(s.iter, scope));
    if (s.test) {
      const test = s.test;
      items = items.filter((item) => {
        const inner = scope.child();
        assign(inner, s.target, item);
        return isTrue(this.expr(test, inner));
      });
    }
    if (items.length === 0) return this.body(s.else_, scope.child());
    const loop = new LoopContext(items, this.depth);
    let out = "";
    for (const item of items) {
      loop.index0++;
      const inner = scope.child();
      inner.set("loop", loop);
      assign(inner, s.target, item);
      out += this.body(s.body, inner);
    }
    return out;
  }

  private macro(s: Extract<JinjaStmt, { kind: "macro" }>, defScope: Scope): PyValue {
    return fn(
      s.name,
      (args: PyValue[], kwargs: PyDict) => {
        if (args.length > s.params.length)
          throw typeError(`macro '${s.name}' takes not more than ${s.params.length} argument(s)`);
        const inner = defScope.child();
        const firstDefault = s.params.length - s.defaults.length;
        s.params.forEach((p, i) => {
          let v: PyValue | undefined = i < args.length ? args[i] : kwargs[p];
          if (v === undefined) {
            v =
              i >= firstDefault
                ? this.expr(s.defaults[i - firstDefault]!, defScope)
                : new JinjaUndefined({ hint: `parameter '${p}' was not provided`, name: p });
          }
          inner.set(p, v);
        });
        this.depth++;
        try {
          return this.body(s.body, inner);
        } finally {
          this.depth--;
        }
      },
      "Macro",
    );
  }
}

function checkTemplateNames(stmts: readonly JinjaStmt[]): void {
  for (const s of stmts) {
    switch (s.kind) {
      case "output":
        checkNames(s.expr);
        break;
      case "for":
        checkNames(s.iter);
        checkTemplateNames(s.body);
        checkTemplateNames(s.else_);
        break;
      case "assign":
        checkNames(s.value);
        break;
      case "assignblock":
      case "with":
      case "macro":
        checkTemplateNames(s.body);
        break;
      case "filterblock":
        checkNames(s.filter);
        checkTemplateNames(s.body);
        break;
    }
  }
}

/** Renders a parsed template (Jinja's Template.render) against a workflow context. */
export function renderJinjaTemplate(ast: JinjaTemplate, env: ExprEnv): string {
  checkTemplateNames(ast.body);
  const renderer = new Renderer(env);
  return renderer.body(ast.body, new Scope(env));
}
