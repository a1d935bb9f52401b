// Jinja parser entry points: a whole template (text, `{{ }}`, `{% %}` tags)
// or the expression inside one `{{ }}`. Never throws: syntax errors come back
// as diagnostics with offsets.

import { PyError } from "../../../runtime/stdlib/py/value";
import { isStackOverflow, parseFailureText } from "../errors";
import type { JinjaDiagnostic, JinjaExpr, JinjaStmt, JinjaTarget, JinjaTemplate } from "./ast";
import { JinjaSyntaxError, normalizeSource, type Token, tokenizeExpression, tokenizeTemplate } from "./lexer";
import { describeToken, ExprParser } from "./parser-expr";

export interface ParseResult<T> {
  readonly ast: T | null;
  readonly errors: JinjaDiagnostic[];
}

const UNSUPPORTED_TAGS = new Set(["extends", "include", "import", "from"]);

class TemplateParser extends ExprParser {
  private readonly endTokenStack: string[][] = [];

  parseTemplate(): JinjaTemplate {
    const body = this.subparse(null);
    return { kind: "template", body, start: 0, end: this.current.end };
  }

  private subparse(endTokens: string[] | null): JinjaStmt[] {
    const body: JinjaStmt[] = [];
    if (endTokens) this.endTokenStack.push(endTokens);
    try {
      while (this.current.type !== "eof") {
        const t = this.current;
        if (t.type === "data") {
          body.push({ kind: "data", text: t.text, start: t.start, end: t.end });
          this.next();
        } else if (t.type === "variable_begin") {
          this.next();
          const expr = this.parseTuple({ withCondexpr: true });
          const end = this.expectType("variable_end").end;
          body.push({ kind: "output", expr, start: t.start, end });
        } else if (t.type === "block_begin") {
          this.next();
          if (endTokens && this.current.type === "name" && endTokens.includes(this.current.text)) return body;
          body.push(this.parseStatement(t));
          this.expectType("block_end");
        } else {
          this.fail(`unexpected '${describeToken(t)}'`);
        }
      }
      return body;
    } finally {
      if (endTokens) this.endTokenStack.pop();
    }
  }

  private parseStatements(endTokens: string[], dropNeedle: boolean): JinjaStmt[] {
    this.skipOp(":");
    this.expectType("block_end");
    const body = this.subparse(endTokens);
    if (this.current.type === "eof") this.failEof(endTokens);
    if (dropNeedle) this.next();
    return body;
  }

  private failEof(endTokens: string[]): never {
    const expected = endTokens.map((n) => `'${n}'`).join(" or ");
    return this.fail(
      `Unexpected end of template. Jinja was looking for the following tags: ${expected}. The innermost block that needs to be closed is '${this.innermostTag()}'.`,
    );
  }

  private innermostTag(): string {
    const last = this.endTokenStack[this.endTokenStack.length - 1];
    return last ? (last[last.length - 1] ?? "").replace(/^end/, "") : "";
  }

  private parseStatement(begin: Token): JinjaStmt {
    const t = this.current;
    if (t.type !== "name") this.fail("tag name expected");
    switch (t.text) {
      case "if":
        return this.parseIf(begin.start);
      case "for":
        return this.parseFor(begin.start);
      case "set":
        return this.parseSet(begin.start);
      case "with":
        return this.parseWith(begin.start);
      case "autoescape": {
        this.next();
        const value = this.parseExpression();
        const body = this.parseStatements(["endautoescape"], true);
        return { kind: "autoescape", value, body, start: begin.start, end: this.current.end };
      }
      case "filter":
        return this.parseFilterBlock(begin.start);
      case "macro":
        return this.parseMacro(begin.start);
      case "call":
        return this.parseCallBlock(begin.start);
      case "block":
        return this.parseBlock(begin.start);
      case "print": {
        this.next();
        const expr = this.parseExpression();
        return { kind: "output", expr, start: begin.start, end: expr.end };
      }
    }
    if (UNSUPPORTED_TAGS.has(t.text)) {
      this.next();
      while (this.current.type !== "block_end" && this.current.type !== "eof") this.next();
      return { kind: "unsupported", tag: t.text, start: begin.start, end: this.current.end };
    }
    return this.failUnknownTag(t);
  }

  private failUnknownTag(t: Token): never {
    let message = `Encountered unknown tag '${t.text}'.`;
    const all = this.endTokenStack.flat();
    if (all.length > 0) {
      const inner = this.endTokenStack[this.endTokenStack.length - 1]!;
      message += ` Jinja was looking for the following tags: ${inner.map((n) => `'${n}'`).join(" or ")}.`;
      message += ` The innermost block that needs to be closed is '${this.innermostTag()}'.`;
    }
    return this.fail(message, t);
  }

  private parseIf(start: number): JinjaStmt {
    this.next();
    const test = this.parseTuple({ withCondexpr: false });
    const body = this.parseStatements(["elif", "else", "endif"], false);
    const elifs: { test: JinjaExpr; body: JinjaStmt[] }[] = [];
    let else_: JinjaStmt[] = [];
    for (;;) {
      const tok = this.next();
      if (tok.text === "elif") {
        const elifTest = this.parseTuple({ withCondexpr: false });
        elifs.push({ test: elifTest, body: this.parseStatements(["elif", "else", "endif"], false) });
        continue;
      }
      if (tok.text === "else") else_ = this.parseStatements(["endif"], true);
      break;
    }
    return { kind: "if", test, body, elifs, else_, start, end: this.current.end };
  }

  private parseFor(start: number): JinjaStmt {
    this.next();
    const target = this.parseAssignTarget({ extraEnd: (t) => t.type === "name" && t.text === "in" });
    this.expectName("in");
    const iter = this.parseTuple({
      withCondexpr: false,
      extraEnd: (t) => t.type === "name" && t.text === "recursive",
    });
    const test = this.skipName("if") ? this.parseExpression() : undefined;
    const recursive = this.skipName("recursive");
    const body = this.parseStatements(["endfor", "else"], false);
    const else_ = this.next().text === "endfor" ? [] : this.parseStatements(["endfor"], true);
    return { kind: "for", target, iter, body, else_, test, recursive, start, end: this.current.end };
  }

  private parseSet(start: number): JinjaStmt {
    this.next();
    const target = this.parseAssignTarget({ withNamespace: true });
    if (this.skipOp("=")) {
      const value = this.parseTuple();
      return { kind: "assign", target, value, start, end: value.end };
    }
    const filter = this.isOp("|") ? this.parseFilter(null, this.current.start, false) : undefined;
    const body = this.parseStatements(["endset"], true);
    return { kind: "assignblock", target, body, filter, start, end: this.current.end };
  }

  private parseWith(start: number): JinjaStmt {
    this.next();
    const targets: JinjaTarget[] = [];
    const values: JinjaExpr[] = [];
    while (this.current.type !== "block_end") {
      if (targets.length > 0) this.expectOp(",");
      targets.push(this.parseAssignTarget());
      this.expectOp("=");
      values.push(this.parseExpression());
    }
    const body = this.parseStatements(["endwith"], true);
    return { kind: "with", targets, values, body, start, end: this.current.end };
  }

  private parseFilterBlock(start: number): JinjaStmt {
    this.next();
    const filter = this.parseFilter(null, this.current.start, true);
    const body = this.parseStatements(["endfilter"], true);
    return { kind: "filterblock", filter, body, start, end: this.current.end };
  }

  private parseMacro(start: number): JinjaStmt {
    this.next();
    const name = this.expectName().text;
    this.expectOp("(");
    const { params, defaults } = this.parseSignature();
    const body = this.parseStatements(["endmacro"], true);
    return { kind: "macro", name, params, defaults, body, start, end: this.current.end };
  }

  /** `name, name=default, ...)` after the opening parenthesis of a macro or call block. */
  private parseSignature(): { params: string[]; defaults: JinjaExpr[] } {
    const params: string[] = [];
    const defaults: JinjaExpr[] = [];
    while (!this.isOp(")")) {
      if (params.length > 0) this.expectOp(",");
      params.push(this.expectName().text);
      if (this.skipOp("=")) defaults.push(this.parseExpression());
      else if (defaults.length > 0) this.fail("non-default argument follows default argument");
    }
    this.expectOp(")");
    return { params, defaults };
  }

  private parseBlock(start: number): JinjaStmt {
    this.next();
    const name = this.expectName().text;
    const scoped = this.skipName("scoped");
    const required = this.skipName("required");
    const body = this.parseStatements(["endblock"], true);
    if (required && body.some((b) => b.kind !== "data" || b.text.trim() !== ""))
      this.fail("Required blocks can only contain comments or whitespace");
    if (this.current.type === "name") {
      if (this.current.text !== name)
        this.fail(`expected token 'end of statement block', got '${this.current.text}'`);
      this.next();
    }
    return { kind: "block", name, scoped, required, body, start, end: this.current.end };
  }

  private parseCallBlock(start: number): JinjaStmt {
    this.next();
    const { params, defaults } = this.skipOp("(") ? this.parseSignature() : { params: [], defaults: [] };
    const call = this.parseExpression();
    if (call.kind !== "call") this.fail("expected call");
    const body = this.parseStatements(["endcall"], true);
    return { kind: "callblock", params, defaults, call, body, start, end: this.current.end };
  }
}

function toDiagnostic(e: unknown, length: number): JinjaDiagnostic {
  if (e instanceof JinjaSyntaxError) {
    return { message: e.message, start: Math.min(e.start, length), end: Math.min(e.end, length) };
  }
  const pyType = e instanceof PyError ? e.pyType : isStackOverflow(e) ? "RecursionError" : undefined;
  return { message: parseFailureText(e), start: 0, end: length, ...(pyType ? { pyType } : {}) };
}

/** Parses a whole template (after Jinja's newline normalisation). */
export function parseJinjaTemplate(source: string): ParseResult<JinjaTemplate> {
  const text = normalizeSource(source);
  try {
    const parser = new TemplateParser(tokenizeTemplate(text));
    return { ast: parser.parseTemplate(), errors: [] };
  } catch (e) {
    return { ast: null, errors: [toDiagnostic(e, text.length)] };
  }
}

/** Parses the text inside one `{{ }}`, as Jinja's compile_expression does. */
export function parseJinjaExpression(source: string): ParseResult<JinjaExpr> {
  const text = normalizeSource(source);
  try {
    const parser = new ExprParser(tokenizeExpression(text));
    const ast = parser.parseExpression();
    if (parser.current.type !== "eof") parser.fail("chunk after expression");
    return { ast, errors: [] };
  } catch (e) {
    return { ast: null, errors: [toDiagnostic(e, text.length)] };
  }
}
