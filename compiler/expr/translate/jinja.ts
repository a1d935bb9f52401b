// Translates Jinja into TypeScript: one `{{ }}` occurrence into
// `(env) => { value } | null`, a template with `{% %}` blocks into
// `(env) => string`. Statements become expressions over the template
// renderer's own operations (runtime/stdlib/ops/jinja.ts); constant
// subexpressions keep Jinja's folding check; unknown filters/tests fail as
// the evaluator fails them, before anything is evaluated.

import type { ts } from "ts-morph";
import { lookupFunction } from "../../../runtime/stdlib/functions/registry";
import { PyError } from "../../../runtime/stdlib/py/value";
import { isDictAttribute } from "../jinja/access";
import type { CallArgs, JinjaExpr, JinjaStmt, JinjaTemplate } from "../jinja/ast";
import { foldsLeftOnly, isConst, needsFoldCheck } from "../jinja/evaluate";
import { checkCompile } from "../jinja/fold-check";
import {
  jinjaSyntaxError,
  parseJinjaExpression,
  parseJinjaTemplate,
  stripJinjaDelimiter,
} from "../jinja/index";
import { callWithCaller, checkTemplateNames, macroSpecialNames } from "../jinja/render";
import { array, arrow, cond, data, envArrow, id, method, plus, pyLiteral, rtCall, str } from "./codegen";
import { failing, Untranslatable } from "./yaql";

/** A name that resolves to a catalogue function when no local variable shadows it. */
function isCatalogueName(name: string): boolean {
  return !name.startsWith("__") && lookupFunction(name) !== undefined;
}

function assertNever(x: never): never {
  throw new Error(`unexpected Jinja node ${JSON.stringify(x)}`);
}

const S = () => id("S");
const F = () => id("F");

class JinjaTranslator {
  constructor(
    private readonly rt: ts.Expression,
    /** True where no local name can exist (one `{{ }}` expression): global names are then known statically. */
    private readonly globalsOnly = false,
  ) {}

  private j(name: string, args: readonly ts.Expression[]): ts.Expression {
    return rtCall(this.rt, `j.${name}`, args);
  }

  /** An expression evaluated as Evaluator.eval does (constant folding check first). */
  expr(node: JinjaExpr, folded = false): ts.Expression {
    if (!folded && needsFoldCheck(node)) return this.j("fold", [this.node(node, true)]);
    return this.node(node, folded);
  }

  /** `ctx()` with no arguments where `ctx` can only be the catalogue function. */
  private isBareCtxCall(node: JinjaExpr): boolean {
    return (
      this.globalsOnly &&
      node.kind === "call" &&
      node.node.kind === "name" &&
      node.node.name === "ctx" &&
      node.args.length === 0 &&
      node.kwargs.length === 0 &&
      !node.dynArgs &&
      !node.dynKwargs
    );
  }

  /** `ctx('name')` with a literal name that is not empty, where `ctx` can only be the catalogue function. */
  private isCtxKeyCall(node: JinjaExpr): node is JinjaExpr & { kind: "call"; args: [{ value: string }] } {
    if (!this.globalsOnly || node.kind !== "call" || node.node.kind !== "name" || node.node.name !== "ctx")
      return false;
    const [key] = node.args;
    return (
      node.args.length === 1 &&
      node.kwargs.length === 0 &&
      !node.dynArgs &&
      !node.dynKwargs &&
      key!.kind === "const" &&
      typeof key!.value === "string" &&
      key!.value !== "" &&
      isCatalogueName("ctx")
    );
  }

  private opt(node: JinjaExpr | undefined, folded: boolean): ts.Expression {
    return node === undefined ? data(null) : this.expr(node, folded);
  }

  private node(node: JinjaExpr, folded: boolean): ts.Expression {
    const ev = (n: JinjaExpr) => this.expr(n, folded);
    switch (node.kind) {
      case "const": {
        const lit = pyLiteral(this.rt, node.value);
        if (!lit) throw new Untranslatable("constant");
        return lit;
      }
      case "name":
        // `self` (the template's blocks) is rare in workflows: such a template runs on the evaluator
        if (node.name === "self") throw new Untranslatable("self");
        return method(S(), "lookup", [str(node.name)]);
      case "tuple":
        return this.j("tuple", [array(node.items.map(ev))]);
      case "list":
        return array(node.items.map(ev));
      case "dict":
        return this.j("dict", [
          array(node.pairs.flatMap((p) => [arrow([], ev(p.key)), arrow([], ev(p.value))])),
        ]);
      case "getattr":
        if (this.isBareCtxCall(node.node)) return this.j("ctxAttr", [S(), str(node.attr)]);
        return this.j(isDictAttribute(node.attr) ? "getAttr" : "itemAttr", [ev(node.node), str(node.attr)]);
      case "getitem":
        return this.j("item", [ev(node.node), ev(node.arg)]);
      case "slice":
        return this.j("slice", [
          this.opt(node.start_, folded),
          this.opt(node.stop, folded),
          this.opt(node.step, folded),
        ]);
      case "call":
        if (this.isCtxKeyCall(node)) return this.j("ctxKey", [S(), str(node.args[0]!.value as string)]);
        if (
          this.globalsOnly &&
          node.node.kind === "name" &&
          !node.dynArgs &&
          !node.dynKwargs &&
          isCatalogueName(node.node.name)
        )
          return this.j("cat", [
            S(),
            str(node.node.name),
            array(node.args.map((a) => this.expr(a, folded))),
            array(node.kwargs.map((k) => array([str(k.key), this.expr(k.value, folded)]))),
          ]);
        return this.j("call", [ev(node.node), this.callArgs(node, folded)]);
      case "filter":
        return this.j("filter", [
          F(),
          str(node.name),
          node.node === null ? str("") : ev(node.node),
          this.callArgs(node, folded),
        ]);
      case "test":
        return this.j("test", [F(), str(node.name), ev(node.node), this.callArgs(node, folded)]);
      case "condexpr":
        return cond(
          this.j("truth", [ev(node.test)]),
          ev(node.expr1),
          node.expr2 ? ev(node.expr2) : this.j("noElse", []),
        );
      case "binop":
        if (foldsLeftOnly(node, folded)) return this.j("powFoldedLeft", [ev(node.left), ev(node.right)]);
        return this.j("bin", [str(node.op), ev(node.left), ev(node.right)]);
      case "unary":
        if (node.op === "not") return this.j("not", [ev(node.node)]);
        return this.j("unary", [str(node.op), ev(node.node)]);
      case "and":
      case "or":
        return this.j(node.kind, [ev(node.left), arrow([], ev(node.right))]);
      case "concat":
        return this.j("concat", [array(node.nodes.map(ev))]);
      case "compare":
        if (node.ops.length === 1)
          return this.j("cmp", [ev(node.expr), str(node.ops[0]!.op), ev(node.ops[0]!.expr)]);
        return this.j("compare", [
          ev(node.expr),
          array(node.ops.map((o) => str(o.op))),
          array(node.ops.map((o) => arrow([], ev(o.expr)))),
        ]);
      default:
        return assertNever(node);
    }
  }

  callArgs(node: CallArgs, folded = false): ts.Expression {
    let e = this.j("args", [
      array(node.args.map((a) => this.expr(a, folded))),
      array(node.kwargs.map((k) => array([str(k.key), this.expr(k.value, folded)]))),
    ]);
    if (node.dynArgs) e = this.j("dynArgs", [e, this.expr(node.dynArgs, folded)]);
    if (node.dynKwargs) e = this.j("dynKwargs", [e, this.expr(node.dynKwargs, folded)]);
    return e;
  }

  /** A filter chain parsed with no input (`{% filter upper %}`): `(input, S) => value`. */
  filterChain(node: JinjaExpr): ts.Expression {
    const chain = (n: JinjaExpr): ts.Expression => {
      if (n.kind !== "filter") return this.expr(n);
      const value = n.node === null ? id("input") : chain(n.node);
      return this.j("filter", [F(), str(n.name), value, this.callArgs(n)]);
    };
    return arrow(["input", "S"], chain(node));
  }

  body(stmts: readonly JinjaStmt[]): ts.Expression {
    return plus(stmts.map((s) => this.stmt(s)));
  }

  private scoped(stmts: readonly JinjaStmt[]): ts.Expression {
    return arrow(["S"], this.body(stmts));
  }

  private stmt(s: JinjaStmt): ts.Expression {
    switch (s.kind) {
      case "data":
        return str(s.text);
      case "output":
        // a constant output is rendered at compile time, without the fold check
        return this.j("str", [isConst(s.expr) ? this.node(s.expr, true) : this.expr(s.expr)]);
      case "if": {
        let e = this.body(s.else_);
        for (const branch of [...s.elifs].reverse())
          e = cond(this.j("truth", [this.expr(branch.test)]), this.body(branch.body), e);
        return cond(this.j("truth", [this.expr(s.test)]), this.body(s.body), e);
      }
      case "for":
        return this.j("forLoop", [
          F(),
          S(),
          this.expr(s.iter),
          data(s.target),
          s.test ? arrow(["S"], this.expr(s.test)) : data(null),
          this.scoped(s.body),
          this.scoped(s.else_),
          data(s.recursive),
        ]);
      case "assign":
        return this.j("assign", [S(), data(s.target), this.expr(s.value)]);
      case "assignblock":
        return this.j("assignBlock", [
          S(),
          data(s.target),
          this.scoped(s.body),
          s.filter ? this.filterChain(s.filter) : data(null),
        ]);
      case "with":
        return this.j("withBlock", [
          S(),
          data(s.targets),
          array(s.values.map((v) => arrow(["S"], this.expr(v)))),
          this.scoped(s.body),
        ]);
      case "filterblock":
        return this.j("filterBlock", [S(), this.scoped(s.body), this.filterChain(s.filter)]);
      case "macro":
        return this.j("macro", [
          F(),
          S(),
          str(s.name),
          data(s.params),
          array(s.defaults.map((d) => arrow(["S"], this.expr(d)))),
          this.scoped(s.body),
          data(macroSpecialNames(s.body)),
        ]);
      case "block":
        return this.j("block", [
          F(),
          S(),
          str(s.name),
          data(s.scoped),
          data(s.required),
          this.scoped(s.body),
        ]);
      case "callblock":
        return this.j("callBlock", [
          F(),
          S(),
          data(s.params),
          array(s.defaults.map((d) => arrow(["S"], this.expr(d)))),
          this.scoped(s.body),
          data(macroSpecialNames(s.body)),
          arrow(["S"], this.expr(callWithCaller(s))),
        ]);
      case "autoescape":
        // rare in workflows: such a template runs on the evaluator (the bundle's fallback list names it)
        throw new Untranslatable("autoescape");
      case "unsupported":
        return rtCall(this.rt, "v.raise", [
          str("TypeError"),
          str("no loader for this environment specified"),
        ]);
      default:
        return assertNever(s);
    }
  }
}

/** Code that throws the PyError a compile-time check raised (it is wrapped at run time). */
function raiseOf(rt: ts.Expression, e: unknown): ts.Expression {
  if (!(e instanceof PyError)) throw e;
  return rtCall(rt, "v.raise", [str(e.pyType), str(e.message), str(e.category)]);
}

function guarded<T>(f: () => T): T | null {
  try {
    return f();
  } catch (e) {
    if (e instanceof Untranslatable) return null;
    throw e;
  }
}

/** `(env) => { value } | null` equal to LANGUAGES.evaluateJinja(exprText, env). */
export function translateJinjaExpression(exprText: string, rt: ts.Expression): ts.Expression | null {
  const parsed = parseJinjaExpression(stripJinjaDelimiter(exprText));
  if (!parsed.ast) {
    return failing(rt, jinjaSyntaxError(exprText, parsed.errors[0]));
  }
  const ast = parsed.ast;
  return guarded(() => {
    let body: ts.Expression;
    try {
      checkCompile(ast);
      body = new JinjaTranslator(rt, true).expr(ast);
    } catch (e) {
      if (e instanceof Untranslatable) throw e;
      body = raiseOf(rt, e);
    }
    return envArrow(rt, rtCall(rt, "j.expr", [id("env"), str(exprText), arrow(["S", "F"], body)]));
  });
}

/** `(env) => string` equal to renderJinjaTemplateText(text, env). */
export function translateJinjaTemplate(text: string, rt: ts.Expression): ts.Expression | null {
  const parsed = parseJinjaTemplate(text);
  if (!parsed.ast) {
    return failing(rt, jinjaSyntaxError(text, parsed.errors[0]));
  }
  const ast: JinjaTemplate = parsed.ast;
  return guarded(() => {
    let body: ts.Expression;
    try {
      checkTemplateNames(ast.body);
      body = new JinjaTranslator(rt).body(ast.body);
    } catch (e) {
      if (e instanceof Untranslatable) throw e;
      body = raiseOf(rt, e);
    }
    return envArrow(rt, rtCall(rt, "j.template", [id("env"), str(text), arrow(["S", "F"], body)]));
  });
}
