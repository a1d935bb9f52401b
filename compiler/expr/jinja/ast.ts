// Jinja syntax tree: plain readonly data with a `kind` discriminant and the
// source offsets [start, end) of every node (offsets into the text that was
// parsed: the template, or the expression inside one `{{ }}`).

import type { PyValue } from "../../../runtime/stdlib/py/value";

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface Keyword {
  readonly key: string;
  readonly value: JinjaExpr;
}

/** Arguments of a call, filter or test. */
export interface CallArgs {
  readonly args: readonly JinjaExpr[];
  readonly kwargs: readonly Keyword[];
  readonly dynArgs?: JinjaExpr;
  readonly dynKwargs?: JinjaExpr;
}

export type BinaryOperator = "+" | "-" | "*" | "/" | "//" | "%" | "**";
export type CompareOperator = "eq" | "ne" | "lt" | "lteq" | "gt" | "gteq" | "in" | "notin";

export type JinjaExpr =
  | (Span & { readonly kind: "const"; readonly value: PyValue })
  | (Span & { readonly kind: "name"; readonly name: string })
  | (Span & { readonly kind: "tuple"; readonly items: readonly JinjaExpr[] })
  | (Span & { readonly kind: "list"; readonly items: readonly JinjaExpr[] })
  | (Span & {
      readonly kind: "dict";
      readonly pairs: readonly { readonly key: JinjaExpr; readonly value: JinjaExpr }[];
    })
  | (Span & { readonly kind: "getattr"; readonly node: JinjaExpr; readonly attr: string })
  | (Span & { readonly kind: "getitem"; readonly node: JinjaExpr; readonly arg: JinjaExpr })
  | (Span & {
      readonly kind: "slice";
      readonly start_?: JinjaExpr;
      readonly stop?: JinjaExpr;
      readonly step?: JinjaExpr;
    })
  | (Span & { readonly kind: "call"; readonly node: JinjaExpr } & CallArgs)
  | (Span & { readonly kind: "filter"; readonly node: JinjaExpr | null; readonly name: string } & CallArgs)
  | (Span & { readonly kind: "test"; readonly node: JinjaExpr; readonly name: string } & CallArgs)
  | (Span & {
      readonly kind: "condexpr";
      readonly test: JinjaExpr;
      readonly expr1: JinjaExpr;
      readonly expr2?: JinjaExpr;
    })
  | (Span & {
      readonly kind: "binop";
      readonly op: BinaryOperator;
      readonly left: JinjaExpr;
      readonly right: JinjaExpr;
    })
  | (Span & { readonly kind: "unary"; readonly op: "-" | "+" | "not"; readonly node: JinjaExpr })
  | (Span & { readonly kind: "and" | "or"; readonly left: JinjaExpr; readonly right: JinjaExpr })
  | (Span & { readonly kind: "concat"; readonly nodes: readonly JinjaExpr[] })
  | (Span & {
      readonly kind: "compare";
      readonly expr: JinjaExpr;
      readonly ops: readonly { readonly op: CompareOperator; readonly expr: JinjaExpr }[];
    });

/** Assignment targets: a name, `ns.attr`, or a tuple of targets. */
export type JinjaTarget =
  | (Span & { readonly kind: "name"; readonly name: string })
  | (Span & { readonly kind: "nsref"; readonly name: string; readonly attr: string })
  | (Span & { readonly kind: "tuple"; readonly items: readonly JinjaTarget[] });

export type JinjaStmt =
  | (Span & { readonly kind: "data"; readonly text: string })
  | (Span & { readonly kind: "output"; readonly expr: JinjaExpr })
  | (Span & {
      readonly kind: "if";
      readonly test: JinjaExpr;
      readonly body: readonly JinjaStmt[];
      readonly elifs: readonly { readonly test: JinjaExpr; readonly body: readonly JinjaStmt[] }[];
      readonly else_: readonly JinjaStmt[];
    })
  | (Span & {
      readonly kind: "for";
      readonly target: JinjaTarget;
      readonly iter: JinjaExpr;
      readonly body: readonly JinjaStmt[];
      readonly else_: readonly JinjaStmt[];
      readonly test?: JinjaExpr;
      readonly recursive: boolean;
    })
  | (Span & { readonly kind: "assign"; readonly target: JinjaTarget; readonly value: JinjaExpr })
  | (Span & {
      readonly kind: "assignblock";
      readonly target: JinjaTarget;
      readonly body: readonly JinjaStmt[];
      readonly filter?: JinjaExpr;
    })
  | (Span & {
      readonly kind: "with";
      readonly targets: readonly JinjaTarget[];
      readonly values: readonly JinjaExpr[];
      readonly body: readonly JinjaStmt[];
    })
  | (Span & { readonly kind: "filterblock"; readonly filter: JinjaExpr; readonly body: readonly JinjaStmt[] })
  | (Span & {
      readonly kind: "macro";
      readonly name: string;
      readonly params: readonly string[];
      readonly defaults: readonly JinjaExpr[];
      readonly body: readonly JinjaStmt[];
    })
  | (Span & {
      /** `{% call(params) macro(args) %}body{% endcall %}`: the macro gets the body as `caller`. */
      readonly kind: "callblock";
      readonly params: readonly string[];
      readonly defaults: readonly JinjaExpr[];
      readonly call: Extract<JinjaExpr, { kind: "call" }>;
      readonly body: readonly JinjaStmt[];
    })
  | (Span & {
      /** `{% block name [scoped] [required] %}`: rendered in place (no inheritance here). */
      readonly kind: "block";
      readonly name: string;
      readonly scoped: boolean;
      readonly required: boolean;
      readonly body: readonly JinjaStmt[];
    })
  | (Span & { readonly kind: "autoescape"; readonly value: JinjaExpr; readonly body: readonly JinjaStmt[] })
  | (Span & { readonly kind: "unsupported"; readonly tag: string });

export interface JinjaTemplate extends Span {
  readonly kind: "template";
  readonly body: readonly JinjaStmt[];
}

export interface JinjaDiagnostic {
  readonly message: string;
  readonly start: number;
  readonly end: number;
  /**
   * A Python exception other than TemplateSyntaxError raised while compiling
   * the template (a ValueError from an int literal past the digit limit, a
   * RecursionError): Orquesta reports those as evaluation errors.
   */
  readonly pyType?: string;
}

/** A node's child expressions in Jinja's field order (the order the optimizer visits them). */
export function exprChildren(n: JinjaExpr): JinjaExpr[] {
  const out: (JinjaExpr | null | undefined)[] = [];
  switch (n.kind) {
    case "tuple":
    case "list":
      out.push(...n.items);
      break;
    case "dict":
      for (const p of n.pairs) out.push(p.key, p.value);
      break;
    case "getattr":
    case "unary":
      out.push(n.node);
      break;
    case "getitem":
      out.push(n.node, n.arg);
      break;
    case "slice":
      out.push(n.start_, n.stop, n.step);
      break;
    case "call":
    case "filter":
    case "test":
      out.push(n.node, ...n.args, ...n.kwargs.map((k) => k.value), n.dynArgs, n.dynKwargs);
      break;
    case "condexpr":
      out.push(n.test, n.expr1, n.expr2);
      break;
    case "binop":
    case "and":
    case "or":
      out.push(n.left, n.right);
      break;
    case "concat":
      out.push(...n.nodes);
      break;
    case "compare":
      out.push(n.expr, ...n.ops.map((o) => o.expr));
      break;
  }
  return out.filter((c): c is JinjaExpr => c !== null && c !== undefined);
}
