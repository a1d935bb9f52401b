// Pratt parser for YAQL with yaql 3.2's operator table. Binding powers, from
// loosest to tightest: `->` (right), or, and, prefix not, comparisons and
// `in`, binary + -, * / mod, =~ !~, prefix + -, the indexer `[...]`, and
// `.` / `?.`. Function arguments may be skipped (`f(1,,2)`) and may be named
// (`key => value`); named arguments come last.

import { checkIntTextDigits } from "../../../runtime/stdlib/py/int-text";
import { digitsToAscii } from "../../../runtime/stdlib/py/number-text";
import { mkFloat, mkInt, type PyValue } from "../../../runtime/stdlib/py/value";
import { parseFailureText } from "../errors";
import type { YaqlArg, YaqlNode } from "./ast";
import { type Token, tokenize, YaqlSyntaxError } from "./lexer";

export interface YaqlDiagnostic {
  readonly message: string;
  readonly start: number;
  readonly end: number;
}

export interface YaqlParseResult {
  readonly ast: YaqlNode | null;
  readonly errors: YaqlDiagnostic[];
}

const ARROW_BP = 10;
const NOT_BP = 40;
const UNARY_BP = 90;
const INDEX_BP = 100;

const BINARY_BP: Record<string, number> = {
  "->": ARROW_BP,
  or: 20,
  and: 30,
  ">": 50,
  "<": 50,
  ">=": 50,
  "<=": 50,
  "!=": 50,
  "=": 50,
  in: 50,
  "+": 60,
  "-": 60,
  "*": 70,
  "/": 70,
  mod: 70,
  "=~": 80,
  "!~": 80,
  ".": 110,
  "?.": 110,
};

/** Parses the text inside `<% %>`. Never throws: problems come back as diagnostics. */
export function parseYaql(source: string): YaqlParseResult {
  try {
    return { ast: parseOrThrow(source), errors: [] };
  } catch (e) {
    if (e instanceof YaqlSyntaxError)
      return { ast: null, errors: [{ message: e.message, start: e.start, end: e.end }] };
    return { ast: null, errors: [{ message: parseFailureText(e), start: 0, end: source.length }] };
  }
}

/** Parses or throws YaqlSyntaxError (with yaql's exception class name). */
export function parseOrThrow(source: string): YaqlNode {
  const parser = new Parser(source, tokenize(source));
  const node = parser.expression(0);
  parser.expectEnd();
  return node;
}

class Parser {
  private pos = 0;

  constructor(
    private readonly source: string,
    private readonly tokens: Token[],
  ) {}

  private peek(): Token {
    return this.tokens[this.pos]!;
  }

  private next(): Token {
    return this.tokens[this.pos++]!;
  }

  private isPunct(value: string): boolean {
    const t = this.peek();
    return t.type === "punct" && t.value === value;
  }

  private unexpected(t: Token): YaqlSyntaxError {
    if (t.type === "end") {
      return new YaqlSyntaxError(
        "Parse error: unexpected end of statement",
        t.start,
        t.end,
        "YaqlGrammarException",
      );
    }
    const shown = this.source.slice(t.start, t.end);
    return new YaqlSyntaxError(
      `Parse error: unexpected '${shown}' at position ${t.start} of expression '${this.source}'`,
      t.start,
      t.end,
      "YaqlGrammarException",
    );
  }

  expectEnd(): void {
    if (this.peek().type !== "end") throw this.unexpected(this.peek());
  }

  private expectPunct(value: string): Token {
    if (!this.isPunct(value)) throw this.unexpected(this.peek());
    return this.next();
  }

  expression(minBp: number): YaqlNode {
    let left = this.prefix();
    for (;;) {
      const t = this.peek();
      if (t.type === "op" && t.value in BINARY_BP && t.value !== "not") {
        const bp = BINARY_BP[t.value]!;
        if (bp < minBp) break;
        this.next();
        const right = this.expression(t.value === "->" ? bp : bp + 1);
        left = { kind: "binary", op: t.value, left, right, start: left.start, end: right.end };
        continue;
      }
      if (t.type === "punct" && t.value === "[") {
        if (INDEX_BP < minBp) break;
        this.next();
        const args = this.args("]");
        const close = this.expectPunct("]");
        left = { kind: "index", target: left, args, start: left.start, end: close.end };
        continue;
      }
      break;
    }
    return left;
  }

  private prefix(): YaqlNode {
    const t = this.next();
    const span = { start: t.start, end: t.end };
    switch (t.type) {
      case "number":
        return { kind: "const", value: numberValue(t.value), ...span };
      case "string":
        return { kind: "const", value: t.value, ...span };
      case "const":
        return {
          kind: "const",
          value: t.value === "true" ? true : t.value === "false" ? false : null,
          ...span,
        };
      case "keyword":
        return { kind: "keyword", name: t.value, ...span };
      case "dollar":
        return { kind: "dollar", name: t.value, ...span };
      case "func": {
        const args = this.args(")");
        const close = this.expectPunct(")");
        return { kind: "call", name: t.value, args, start: t.start, end: close.end };
      }
      case "op":
        if (t.value === "+" || t.value === "-" || t.value === "not") {
          const operand = this.expression(t.value === "not" ? NOT_BP : UNARY_BP);
          return { kind: "unary", op: t.value, operand, start: t.start, end: operand.end };
        }
        break;
      case "punct":
        if (t.value === "(") {
          const expr = this.expression(0);
          const close = this.expectPunct(")");
          return { kind: "wrap", expr, start: t.start, end: close.end };
        }
        if (t.value === "[" || t.value === "{") {
          const closeText = t.value === "[" ? "]" : "}";
          const args = this.args(closeText);
          const close = this.expectPunct(closeText);
          return { kind: t.value === "[" ? "list" : "map", args, start: t.start, end: close.end };
        }
        break;
      default:
        break;
    }
    throw this.unexpected(t);
  }

  /** Arguments up to (not including) the closing token. */
  private args(close: string): YaqlArg[] {
    const args: YaqlArg[] = [];
    if (this.isPunct(close)) return args;
    let named = false;
    for (;;) {
      const t = this.peek();
      if (t.type === "punct" && t.value === ",") {
        if (named) throw this.unexpected(t);
        args.push({ kind: "novalue", start: t.start, end: t.start });
        this.next();
        continue;
      }
      const expr = this.expression(0);
      if (this.isPunct("=>")) {
        this.next();
        const value = this.expression(0);
        args.push({ kind: "mapping", key: expr, value, start: expr.start, end: value.end });
        named = true;
      } else {
        if (named) throw this.unexpected(t);
        args.push(expr);
      }
      if (this.isPunct(",")) {
        this.next();
        if (this.isPunct(close)) throw this.unexpected(this.peek());
        continue;
      }
      return args;
    }
  }
}

function numberValue(text: string): PyValue {
  const ascii = digitsToAscii(text);
  if (ascii.includes(".")) return mkFloat(Number(ascii));
  checkIntTextDigits(ascii.length);
  return mkInt(BigInt(ascii));
}
