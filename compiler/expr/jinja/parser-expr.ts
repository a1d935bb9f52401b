// Jinja expression grammar (Jinja2 3.1 precedence): conditional expression,
// or/and/not, comparisons and chains, + -, ~, * / // %, ** (left
// associative, looser than unary minus), unary, primary with postfix
// access/calls, then filters and `is` tests at the unary level.

import type { CallArgs, CompareOperator, JinjaExpr, JinjaTarget, Keyword } from "./ast";
import { JinjaSyntaxError, type Token } from "./lexer";
import { describeToken, TokenStream } from "./token-stream";

export { describeToken } from "./token-stream";

const COMPARE: Record<string, CompareOperator> = {
  "==": "eq",
  "!=": "ne",
  "<": "lt",
  "<=": "lteq",
  ">": "gt",
  ">=": "gteq",
};

export class ExprParser extends TokenStream {
  parseExpression(withCondexpr = true): JinjaExpr {
    return withCondexpr ? this.parseCondexpr() : this.parseOr();
  }

  private parseCondexpr(): JinjaExpr {
    const start = this.current.start;
    let expr1 = this.parseOr();
    while (this.skipName("if")) {
      const test = this.parseOr();
      const expr2 = this.skipName("else") ? this.parseCondexpr() : undefined;
      expr1 = { kind: "condexpr", test, expr1, expr2, start, end: this.endOf(start) };
    }
    return expr1;
  }

  private parseOr(): JinjaExpr {
    const start = this.current.start;
    let left = this.parseAnd();
    while (this.skipName("or")) {
      const right = this.parseAnd();
      left = { kind: "or", left, right, start, end: this.endOf(start) };
    }
    return left;
  }

  private parseAnd(): JinjaExpr {
    const start = this.current.start;
    let left = this.parseNot();
    while (this.skipName("and")) {
      const right = this.parseNot();
      left = { kind: "and", left, right, start, end: this.endOf(start) };
    }
    return left;
  }

  private parseNot(): JinjaExpr {
    const start = this.current.start;
    if (this.skipName("not")) {
      const node = this.parseNot();
      return { kind: "unary", op: "not", node, start, end: this.endOf(start) };
    }
    return this.parseCompare();
  }

  private parseCompare(): JinjaExpr {
    const start = this.current.start;
    const expr = this.parseMath1();
    const ops: { op: CompareOperator; expr: JinjaExpr }[] = [];
    for (;;) {
      const t = this.current;
      if (t.type === "operator" && COMPARE[t.text]) {
        this.next();
        ops.push({ op: COMPARE[t.text]!, expr: this.parseMath1() });
      } else if (this.skipName("in")) {
        ops.push({ op: "in", expr: this.parseMath1() });
      } else if (this.isName("not") && this.isName("in", this.look())) {
        this.next();
        this.next();
        ops.push({ op: "notin", expr: this.parseMath1() });
      } else break;
    }
    if (ops.length === 0) return expr;
    return { kind: "compare", expr, ops, start, end: this.endOf(start) };
  }

  private parseMath1(): JinjaExpr {
    const start = this.current.start;
    let left = this.parseConcat();
    while (this.isOp("+") || this.isOp("-")) {
      const op = this.next().text as "+" | "-";
      const right = this.parseConcat();
      left = { kind: "binop", op, left, right, start, end: this.endOf(start) };
    }
    return left;
  }

  private parseConcat(): JinjaExpr {
    const start = this.current.start;
    const nodes = [this.parseMath2()];
    while (this.skipOp("~")) nodes.push(this.parseMath2());
    if (nodes.length === 1) return nodes[0]!;
    return { kind: "concat", nodes, start, end: this.endOf(start) };
  }

  private parseMath2(): JinjaExpr {
    const start = this.current.start;
    let left = this.parsePow();
    while (this.isOp("*") || this.isOp("/") || this.isOp("//") || this.isOp("%")) {
      const op = this.next().text as "*" | "/" | "//" | "%";
      const right = this.parsePow();
      left = { kind: "binop", op, left, right, start, end: this.endOf(start) };
    }
    return left;
  }

  private parsePow(): JinjaExpr {
    const start = this.current.start;
    let left = this.parseUnary();
    while (this.skipOp("**")) {
      const right = this.parseUnary();
      left = { kind: "binop", op: "**", left, right, start, end: this.endOf(start) };
    }
    return left;
  }

  private parseUnary(withFilter = true): JinjaExpr {
    const start = this.current.start;
    let node: JinjaExpr;
    if (this.isOp("-") || this.isOp("+")) {
      const op = this.next().text as "-" | "+";
      const operand = this.parseUnary(false);
      node = { kind: "unary", op, node: operand, start, end: this.endOf(start) };
    } else {
      node = this.parsePrimary();
    }
    node = this.parsePostfix(node, start);
    if (withFilter) node = this.parseFilterExpr(node, start);
    return node;
  }

  parsePrimary(): JinjaExpr {
    const t = this.current;
    const start = t.start;
    if (t.type === "name") {
      this.next();
      if (["true", "false", "True", "False"].includes(t.text)) {
        return { kind: "const", value: t.text === "true" || t.text === "True", start, end: t.end };
      }
      if (t.text === "none" || t.text === "None") return { kind: "const", value: null, start, end: t.end };
      return { kind: "name", name: t.text, start, end: t.end };
    }
    if (t.type === "string") {
      let value = "";
      let end = t.end;
      while (this.current.type === "string") {
        const s = this.next();
        value += s.value as string;
        end = s.end;
      }
      return { kind: "const", value, start, end };
    }
    if (t.type === "integer" || t.type === "float") {
      this.next();
      return { kind: "const", value: t.value!, start, end: t.end };
    }
    if (this.isOp("(")) {
      this.next();
      const node = this.parseTuple({ explicitParentheses: true });
      this.expectOp(")");
      return node;
    }
    if (this.isOp("[")) return this.parseList();
    if (this.isOp("{")) return this.parseDict();
    return this.fail(`unexpected '${describeToken(t)}'`);
  }

  /** A tuple without parentheses (`a, b`), or a single expression. */
  parseTuple(
    opts: {
      simplified?: boolean;
      withCondexpr?: boolean;
      extraEnd?: (t: Token) => boolean;
      explicitParentheses?: boolean;
    } = {},
  ): JinjaExpr {
    const start = this.current.start;
    const parse = (): JinjaExpr =>
      opts.simplified ? this.parsePrimary() : this.parseExpression(opts.withCondexpr ?? true);
    const items: JinjaExpr[] = [];
    let isTuple = false;
    for (;;) {
      if (items.length > 0) this.expectOp(",");
      if (this.isTupleEnd(opts.extraEnd)) break;
      items.push(parse());
      if (this.isOp(",")) isTuple = true;
      else break;
    }
    if (!isTuple) {
      if (items.length > 0) return items[0]!;
      if (!opts.explicitParentheses) {
        this.fail(`Expected an expression, got '${describeToken(this.current)}'`);
      }
    }
    return { kind: "tuple", items, start, end: this.endOf(start) };
  }

  private isTupleEnd(extraEnd?: (t: Token) => boolean): boolean {
    const t = this.current;
    if (t.type === "variable_end" || t.type === "block_end" || this.isOp(")")) return true;
    return extraEnd ? extraEnd(t) : false;
  }

  private parseList(): JinjaExpr {
    const start = this.expectOp("[").start;
    const items: JinjaExpr[] = [];
    while (!this.isOp("]")) {
      if (items.length > 0) this.expectOp(",");
      if (this.isOp("]")) break;
      items.push(this.parseExpression());
    }
    const end = this.expectOp("]").end;
    return { kind: "list", items, start, end };
  }

  private parseDict(): JinjaExpr {
    const start = this.expectOp("{").start;
    const pairs: { key: JinjaExpr; value: JinjaExpr }[] = [];
    while (!this.isOp("}")) {
      if (pairs.length > 0) this.expectOp(",");
      if (this.isOp("}")) break;
      const key = this.parseExpression();
      this.expectOp(":");
      pairs.push({ key, value: this.parseExpression() });
    }
    const end = this.expectOp("}").end;
    return { kind: "dict", pairs, start, end };
  }

  private parsePostfix(node: JinjaExpr, start: number): JinjaExpr {
    for (;;) {
      if (this.isOp(".") || this.isOp("[")) node = this.parseSubscript(node, start);
      else if (this.isOp("(")) node = this.parseCall(node, start);
      else return node;
    }
  }

  private parseFilterExpr(node: JinjaExpr, start: number): JinjaExpr {
    for (;;) {
      if (this.isOp("|")) node = this.parseFilter(node, start, false);
      else if (this.isName("is")) node = this.parseTest(node, start);
      else if (this.isOp("(")) node = this.parseCall(node, start);
      else return node;
    }
  }

  private parseSubscript(node: JinjaExpr, start: number): JinjaExpr {
    const t = this.next();
    if (t.text === ".") {
      const attr = this.next();
      if (attr.type === "name") return { kind: "getattr", node, attr: attr.text, start, end: attr.end };
      if (attr.type !== "integer") this.fail("expected name or number", attr);
      const arg: JinjaExpr = { kind: "const", value: attr.value!, start: attr.start, end: attr.end };
      return { kind: "getitem", node, arg, start, end: attr.end };
    }
    const args: JinjaExpr[] = [];
    while (!this.isOp("]")) {
      if (args.length > 0) this.expectOp(",");
      args.push(this.parseSubscribed());
    }
    const end = this.expectOp("]").end;
    const arg: JinjaExpr =
      args.length === 1 ? args[0]! : { kind: "tuple", items: args, start: t.start, end: end };
    return { kind: "getitem", node, arg, start, end };
  }

  private parseSubscribed(): JinjaExpr {
    const start = this.current.start;
    const parts: (JinjaExpr | undefined)[] = [];
    if (this.isOp(":")) {
      this.next();
      parts.push(undefined);
    } else {
      const node = this.parseExpression();
      if (!this.isOp(":")) return node;
      this.next();
      parts.push(node);
    }
    const endsPart = () => this.isOp("]") || this.isOp(",");
    if (this.isOp(":")) parts.push(undefined);
    else if (!endsPart()) parts.push(this.parseExpression());
    else parts.push(undefined);
    if (this.isOp(":")) {
      this.next();
      parts.push(endsPart() ? undefined : this.parseExpression());
    } else parts.push(undefined);
    return { kind: "slice", start_: parts[0], stop: parts[1], step: parts[2], start, end: this.endOf(start) };
  }

  parseCallArgs(): CallArgs {
    const open = this.expectOp("(");
    const args: JinjaExpr[] = [];
    const kwargs: Keyword[] = [];
    let dynArgs: JinjaExpr | undefined;
    let dynKwargs: JinjaExpr | undefined;
    let requireComma = false;
    const ensure = (ok: boolean) => {
      if (!ok) this.fail("invalid syntax for function call expression", open);
    };
    while (!this.isOp(")")) {
      if (requireComma) {
        this.expectOp(",");
        if (this.isOp(")")) break;
      }
      if (this.isOp("*")) {
        ensure(dynArgs === undefined && dynKwargs === undefined);
        this.next();
        dynArgs = this.parseExpression();
      } else if (this.isOp("**")) {
        ensure(dynKwargs === undefined);
        this.next();
        dynKwargs = this.parseExpression();
      } else if (this.current.type === "name" && this.isOp("=", this.look())) {
        ensure(dynKwargs === undefined);
        const key = this.next().text;
        this.next();
        kwargs.push({ key, value: this.parseExpression() });
      } else {
        ensure(dynArgs === undefined && dynKwargs === undefined && kwargs.length === 0);
        args.push(this.parseExpression());
      }
      requireComma = true;
    }
    this.expectOp(")");
    return { args, kwargs, dynArgs, dynKwargs };
  }

  private parseCall(node: JinjaExpr, start: number): JinjaExpr {
    const callArgs = this.parseCallArgs();
    return { kind: "call", node, ...callArgs, start, end: this.endOf(start) };
  }

  parseFilter(node: JinjaExpr | null, start: number, startInline: boolean): JinjaExpr {
    let result: JinjaExpr | null = node;
    while (this.isOp("|") || startInline) {
      if (!startInline) this.next();
      let name = this.expectName().text;
      while (this.isOp(".")) {
        this.next();
        name += `.${this.expectName().text}`;
      }
      const callArgs: CallArgs = this.isOp("(") ? this.parseCallArgs() : { args: [], kwargs: [] };
      result = { kind: "filter", node: result, name, ...callArgs, start, end: this.endOf(start) };
      startInline = false;
    }
    return result!;
  }

  private parseTest(node: JinjaExpr, start: number): JinjaExpr {
    this.next();
    const negated = this.skipName("not");
    let name = this.expectName().text;
    while (this.isOp(".")) {
      this.next();
      name += `.${this.expectName().text}`;
    }
    let callArgs: CallArgs = { args: [], kwargs: [] };
    const t = this.current;
    const argStarts =
      ["name", "string", "integer", "float"].includes(t.type) ||
      this.isOp("(") ||
      this.isOp("[") ||
      this.isOp("{");
    if (this.isOp("(")) {
      callArgs = this.parseCallArgs();
    } else if (argStarts && !(this.isName("else") || this.isName("or") || this.isName("and"))) {
      if (this.isName("is")) this.fail("You cannot chain multiple tests with is");
      const argStart = this.current.start;
      const arg = this.parsePostfix(this.parsePrimary(), argStart);
      callArgs = { args: [arg], kwargs: [] };
    }
    const test: JinjaExpr = { kind: "test", node, name, ...callArgs, start, end: this.endOf(start) };
    return negated ? { kind: "unary", op: "not", node: test, start, end: test.end } : test;
  }

  /** An assignment target: a name, `ns.attr` (when allowed) or a tuple of names. */
  parseAssignTarget(
    opts: {
      withTuple?: boolean;
      nameOnly?: boolean;
      extraEnd?: (t: Token) => boolean;
      withNamespace?: boolean;
    } = {},
  ): JinjaTarget {
    const start = this.current.start;
    if (opts.withNamespace && this.isOp(".", this.look())) {
      const name = this.expectName().text;
      this.next();
      const attr = this.expectName().text;
      return { kind: "nsref", name, attr, start, end: this.endOf(start) };
    }
    if (opts.nameOnly) {
      const t = this.expectName();
      return { kind: "name", name: t.text, start, end: t.end };
    }
    const expr =
      opts.withTuple === false
        ? this.parsePrimary()
        : this.parseTuple({ simplified: true, extraEnd: opts.extraEnd });
    return toTarget(expr, this);
  }
}

const RESERVED = new Set(["true", "false", "none", "True", "False", "None"]);

function toTarget(expr: JinjaExpr, parser: ExprParser): JinjaTarget {
  if (expr.kind === "name" && !RESERVED.has(expr.name)) return expr;
  if (expr.kind === "tuple") {
    return {
      kind: "tuple",
      items: expr.items.map((e) => toTarget(e, parser)),
      start: expr.start,
      end: expr.end,
    };
  }
  throw new JinjaSyntaxError(`can't assign to '${expr.kind}'`, expr.start, expr.end);
}
