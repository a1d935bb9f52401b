// Rendering of a parsed Jinja template to text: output of expressions as
// Python str(), if/elif/else, for (loop.*, else, inline filter), set (also
// block set and namespace attributes), with, filter blocks and macros.

import type { ExprEnv } from "../../../runtime/stdlib/functions/env";
import { dictDelete, dictKeys, dictSet } from "../../../runtime/stdlib/py/dict";
import { strRepr } from "../../../runtime/stdlib/py/text";
import {
  type PyDict,
  PyError,
  PyTuple,
  type PyValue,
  pyTypeName,
  typeError,
} from "../../../runtime/stdlib/py/value";
import type { JinjaExpr, JinjaStmt, JinjaTarget, JinjaTemplate } from "./ast";
import { asMarkup } from "./autoescape";
import { Evaluator, isConst } from "./evaluate";
import { checkCompile, checkFolding } from "./fold-check";
import { Markup } from "./markup";
import { escapeValue, isTrue, iterate, toStr } from "./protocol";
import { Scope } from "./scope";
import { JinjaUndefined } from "./undefined";
import { JinjaMacro, JinjaNamespace, LoopContext, TemplateReference } from "./values";

/** Binds a `set`/`for`/`with` target. */
export function assign(scope: Scope, target: JinjaTarget, value: PyValue): void {
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

class Renderer implements RenderDepth {
  readonly ev: Evaluator;
  depth = 0;
  templateScope?: Scope;

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
      case "output": {
        // Jinja renders a constant output at compile time: no fold check (`{{ 1e400 }}` is "inf")
        const constant = isConst(s.expr);
        const v = this.ev.eval(s.expr, scope, constant);
        const ae = this.ev.autoescape;
        const escaping = ae.volatile && !constant ? ae.runtime : ae.compileTime;
        return escaping ? escapeValue(v).text : toStr(v);
      }
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
        let value: PyValue = this.blockText(this.body(s.body, scope.child()));
        if (s.filter) value = this.applyFilterChain(s.filter, value, scope);
        assign(scope, s.target, this.ev.autoescape.runtime ? asMarkup(value) : value);
        return "";
      }
      case "with": {
        const inner = scope.child();
        for (const [i, t] of s.targets.entries()) assign(inner, t, this.expr(s.values[i]!, scope));
        return this.body(s.body, inner);
      }
      case "filterblock":
        return filterBlockText(
          this.applyFilterChain(s.filter, this.blockText(this.body(s.body, scope.child())), scope),
        );
      case "autoescape":
        return this.autoescapeBlock(s, scope);
      case "macro":
        scope.set(s.name, this.macro(s, scope));
        return "";
      case "callblock":
        return this.callBlock(s, scope);
      case "block":
        return runBlock(this, scope, s, (inner) => this.body(s.body, inner));
      case "unsupported":
        throw typeError("no loader for this environment specified");
    }
  }

  /** A block's rendered text as Jinja hands it on: a Markup while autoescaping. */
  blockText(text: string): PyValue {
    return this.ev.autoescape.runtime ? new Markup(text) : text;
  }

  private autoescapeBlock(s: Extract<JinjaStmt, { kind: "autoescape" }>, scope: Scope): string {
    const ae = this.ev.autoescape;
    const saved = { ...ae };
    const flag = isTrue(this.expr(s.value, scope));
    if (isConst(s.value)) ae.compileTime = flag;
    else ae.volatile = true;
    ae.runtime = flag;
    try {
      return this.body(s.body, scope.child());
    } finally {
      Object.assign(ae, saved);
    }
  }

  /**
   * A macro's body renders with the autoescape state of where it is written;
   * its result is a Markup when that state, or the caller's, autoescapes.
   */
  private macroParts(body: readonly JinjaStmt[]) {
    const ae = this.ev.autoescape;
    const written = { volatile: ae.volatile, compileTime: ae.compileTime };
    return {
      body: (inner: Scope) => {
        const outer = { volatile: ae.volatile, compileTime: ae.compileTime };
        Object.assign(ae, written);
        try {
          return this.body(body, inner);
        } finally {
          Object.assign(ae, outer);
        }
      },
      wrap: (text: string): PyValue =>
        (written.volatile ? ae.runtime : written.compileTime) || ae.runtime ? new Markup(text) : text,
    };
  }

  /** A filter chain parsed with no input (`{% filter upper %}`): the innermost filter gets `input`. */
  private applyFilterChain(node: JinjaExpr, input: PyValue, scope: Scope): PyValue {
    if (node.kind !== "filter") return this.expr(node, scope);
    const value = node.node === null ? input : this.applyFilterChain(node.node, input, scope);
    const [args, kwargs] = this.ev.evalArgs(node, scope);
    return this.ev.filters.callFilter(node.name, value, args, kwargs);
  }

  private forLoop(s: Extract<JinjaStmt, { kind: "for" }>, scope: Scope): string {
    const test = s.test;
    return runForLoop(this, scope, this.expr(s.iter, scope), s.target, {
      test: test ? (inner) => this.expr(test, inner) : null,
      body: (inner) => this.body(s.body, inner),
      else_: (inner) => this.body(s.else_, inner),
      recursive: s.recursive,
    });
  }

  /** The call with one more keyword argument: `caller`, a macro rendering the block's body. */
  private callBlock(s: Extract<JinjaStmt, { kind: "callblock" }>, scope: Scope): string {
    const caller = makeMacro(this, scope, null, s.params, {
      defaults: s.defaults.map((d) => (sc: Scope) => this.expr(d, sc)),
      ...this.macroParts(s.body),
      special: macroSpecialNames(s.body),
    });
    const inner = scope.child();
    inner.set(CALLER_SLOT, caller);
    return toStr(this.ev.eval(callWithCaller(s), inner));
  }

  private macro(s: Extract<JinjaStmt, { kind: "macro" }>, defScope: Scope): PyValue {
    return makeMacro(this, defScope, s.name, s.params, {
      defaults: s.defaults.map((d) => (sc: Scope) => this.expr(d, sc)),
      ...this.macroParts(s.body),
      special: macroSpecialNames(s.body),
    });
  }
}

/**
 * A filter block's output: Jinja yields the filter's result as it is, and the
 * render joins the pieces with "".join, so anything but a string fails.
 */
export function filterBlockText(v: PyValue): string {
  if (v instanceof Markup) return v.text;
  if (typeof v !== "string")
    throw typeError(`sequence item 0: expected str instance, ${pyTypeName(v)} found`);
  return v;
}

/** Where a call block keeps its caller for the call (no template can name it: not an identifier). */
export const CALLER_SLOT = "caller block";

/** A call block's call, given `caller=` the macro kept in CALLER_SLOT. */
export function callWithCaller(s: Extract<JinjaStmt, { kind: "callblock" }>): JinjaExpr {
  const callerRef: JinjaExpr = { kind: "name", name: CALLER_SLOT, start: s.call.start, end: s.call.start };
  return { ...s.call, kwargs: [...s.call.kwargs, { key: "caller", value: callerRef }] };
}

/** Macro nesting depth (loop.depth inside macros), shared by a render. */
export interface RenderDepth {
  depth: number;
  /** The template's own scope: what a block that is not `scoped` sees. */
  templateScope?: Scope;
}

/**
 * `{% block %}` in a template that extends nothing: its body in place, in a
 * scope of its own over the template's variables (the enclosing loop's or
 * with's only when `scoped`); a `required` block has no body to render.
 */
export function runBlock(
  r: RenderDepth,
  scope: Scope,
  block: { readonly name: string; readonly scoped: boolean; readonly required: boolean },
  body: (inner: Scope) => string,
): string {
  if (block.required) throw new PyError("TemplateRuntimeError", `Required block '${block.name}' not found`);
  return body((block.scoped ? scope : (r.templateScope ?? scope)).child());
}

/**
 * `{% for target in iterable if test %}body{% else %}else_{% endfor %}`; with
 * `recursive`, `loop(children)` renders the whole loop (else included) again
 * over `children`, one level deeper.
 */
export function runForLoop(
  r: RenderDepth,
  scope: Scope,
  iterable: PyValue,
  target: JinjaTarget,
  parts: {
    readonly test: ((inner: Scope) => PyValue) | null;
    readonly body: (inner: Scope) => string;
    readonly else_: (inner: Scope) => string;
    readonly recursive?: boolean;
  },
  depth0 = r.depth,
): string {
  let items = iterate(iterable);
  const test = parts.test;
  if (test) {
    items = items.filter((item) => {
      const inner = scope.child();
      assign(inner, target, item);
      return isTrue(test(inner));
    });
  }
  if (items.length === 0) return parts.else_(scope.child());
  const recurse = parts.recursive
    ? (children: PyValue) => runForLoop(r, scope, children, target, parts, depth0 + 1)
    : null;
  const loop = new LoopContext(items, depth0, recurse);
  let out = "";
  for (const item of items) {
    loop.index0++;
    const inner = scope.child();
    inner.set("loop", loop);
    assign(inner, target, item);
    out += parts.body(inner);
  }
  return out;
}

/** `{% macro name(params) %}body{% endmacro %}` as a callable value. */
export function makeMacro(
  r: RenderDepth,
  defScope: Scope,
  name: string | null,
  params: readonly string[],
  parts: {
    readonly defaults: readonly ((scope: Scope) => PyValue)[];
    readonly body: (inner: Scope) => string;
    /** Which of varargs, kwargs and caller the body reads (Jinja's catch_varargs, catch_kwargs, caller). */
    readonly special?: readonly string[];
    /** The call's value from the body's text (a Markup while autoescaping); the text by default. */
    readonly wrap?: (text: string) => PyValue;
  },
): PyValue {
  const special = new Set(parts.special ?? []);
  const named = name === null ? "None" : strRepr(name);
  const invoke = (args: PyValue[], kwargs: PyDict): PyValue => {
    const rest: PyDict = {};
    for (const k of dictKeys(kwargs)) dictSet(rest, k, kwargs[k]!);
    const inner = defScope.child();
    const firstDefault = params.length - parts.defaults.length;
    params.forEach((p, i) => {
      let v: PyValue | undefined;
      if (i < args.length) v = args[i];
      else if (Object.hasOwn(rest, p)) {
        v = rest[p];
        dictDelete(rest, p);
      }
      if (v === undefined) {
        v =
          i >= firstDefault
            ? parts.defaults[i - firstDefault]!(defScope)
            : new JinjaUndefined({ hint: `parameter '${p}' was not provided`, name: p });
      }
      inner.set(p, v);
    });
    if (special.has("caller")) {
      const caller = Object.hasOwn(rest, "caller") ? rest.caller! : null;
      dictDelete(rest, "caller");
      inner.set("caller", caller ?? new JinjaUndefined({ hint: "No caller defined", name: "caller" }));
    }
    const extra = dictKeys(rest);
    if (special.has("kwargs")) inner.set("kwargs", rest);
    else if (extra.length > 0)
      throw typeError(`macro ${named} takes no keyword argument ${strRepr(extra[0]!)}`);
    if (special.has("varargs")) inner.set("varargs", new PyTuple(args.slice(params.length)));
    else if (args.length > params.length)
      throw typeError(`macro ${named} takes not more than ${params.length} argument(s)`);
    r.depth++;
    try {
      const text = parts.body(inner);
      return parts.wrap ? parts.wrap(text) : text;
    } finally {
      r.depth--;
    }
  };
  return new JinjaMacro(name, invoke, params, special);
}

/** The special names (varargs, kwargs, caller) a macro body reads. */
export function macroSpecialNames(body: readonly JinjaStmt[]): string[] {
  const found = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const x of node) visit(x);
      return;
    }
    if (node === null || typeof node !== "object") return;
    const n = node as { kind?: unknown; name?: unknown };
    if (n.kind === "name" && (n.name === "varargs" || n.name === "kwargs" || n.name === "caller")) {
      found.add(n.name);
    }
    for (const v of Object.values(node)) if (v !== null && typeof v === "object") visit(v);
  };
  visit(body);
  return [...found].sort();
}

/**
 * Unknown filters/tests, and a block name used twice, fail a template before
 * it renders (TemplateAssertionError, which Orquesta reports as an evaluation error).
 */
export function checkTemplateNames(stmts: readonly JinjaStmt[]): void {
  checkBlockNames(stmts, new Set());
  checkFilterAndTestNames(stmts);
}

/**
 * Each statement's expressions in order: folding errors, then unknown names
 * (`check`). Jinja checks names only when they run in an `if` (its test and
 * the statements of its branches, a "soft" frame) but still folds there at
 * compile time; loop, macro, `with`, block, filter and autoescape bodies are
 * checked at compile time again (recorded from Orquesta).
 */
function checkFilterAndTestNames(
  stmts: readonly JinjaStmt[],
  check: (e: JinjaExpr) => void = checkCompile,
): void {
  const inner = checkCompile;
  for (const s of stmts) {
    switch (s.kind) {
      case "output":
        check(s.expr);
        break;
      case "if":
        checkFolding(s.test);
        checkFilterAndTestNames(s.body, checkFolding);
        for (const e of s.elifs) {
          checkFolding(e.test);
          checkFilterAndTestNames(e.body, checkFolding);
        }
        checkFilterAndTestNames(s.else_, checkFolding);
        break;
      case "for":
        // a loop filter (`for x in y if t`) is compiled first, in a frame of its own
        if (s.test) inner(s.test);
        check(s.iter);
        checkFilterAndTestNames(s.body, inner);
        checkFilterAndTestNames(s.else_, inner);
        break;
      case "assign":
        check(s.value);
        break;
      case "with":
        for (const v of s.values) check(v);
        checkFilterAndTestNames(s.body, inner);
        break;
      case "macro":
        for (const d of s.defaults) inner(d);
        checkFilterAndTestNames(s.body, inner);
        break;
      case "assignblock":
      case "block":
        checkFilterAndTestNames(s.body, inner);
        break;
      case "callblock":
        for (const d of s.defaults) inner(d);
        checkFilterAndTestNames(s.body, inner);
        check(s.call);
        break;
      case "filterblock":
        inner(s.filter);
        checkFilterAndTestNames(s.body, inner);
        break;
      case "autoescape":
        check(s.value);
        checkFilterAndTestNames(s.body, inner);
        break;
    }
  }
}

/** Every `{% block %}` anywhere in the template, each name once. */
function checkBlockNames(node: unknown, seen: Set<string>): void {
  if (Array.isArray(node)) {
    for (const n of node) checkBlockNames(n, seen);
    return;
  }
  if (node === null || typeof node !== "object") return;
  const stmt = node as { kind?: unknown; name?: unknown };
  if (stmt.kind === "block" && typeof stmt.name === "string") {
    if (seen.has(stmt.name))
      throw new PyError("TemplateAssertionError", `block '${stmt.name}' defined twice`);
    seen.add(stmt.name);
  }
  for (const value of Object.values(node)) if (typeof value === "object") checkBlockNames(value, seen);
}

/** Renders a parsed template (Jinja's Template.render) against a workflow context. */
export function renderJinjaTemplate(ast: JinjaTemplate, env: ExprEnv, vars?: PyDict): string {
  checkTemplateNames(ast.body);
  const renderer = new Renderer(env);
  const scope = new Scope(env);
  // Variables handed to the render, as Jinja's `template.render(**vars)`.
  if (vars) for (const name of Object.keys(vars)) scope.set(name, vars[name]!);
  renderer.templateScope = scope;
  // Made only when the template names `self`: finding the blocks walks the whole tree.
  scope.templateRef = () => {
    const blocks = new Map<string, () => PyValue>();
    for (const b of blocksOf(ast.body))
      blocks.set(b.name, () =>
        renderer.blockText(runBlock(renderer, scope, b, (inner) => renderer.body(b.body, inner))),
      );
    return new TemplateReference(blocks);
  };
  return renderer.body(ast.body, scope);
}

/** Every `{% block %}` of a template, nested ones included (Jinja compiles them all as the template's blocks). */
function blocksOf(node: unknown, out: Array<Extract<JinjaStmt, { kind: "block" }>> = []) {
  if (Array.isArray(node)) for (const x of node) blocksOf(x, out);
  else if (node !== null && typeof node === "object") {
    if ((node as { kind?: string }).kind === "block") out.push(node as Extract<JinjaStmt, { kind: "block" }>);
    for (const value of Object.values(node)) if (typeof value === "object") blocksOf(value, out);
  }
  return out;
}
