// Jinja lexer: template text -> tokens with offsets, following Jinja2's state
// machine as Orquesta configures it (trim_blocks, lstrip_blocks, `-`/`+`
// whitespace control, raw blocks, comments, brace balancing so `}}` inside
// `{ }` does not end an expression). Errors are thrown as JinjaSyntaxError.

import { parseIntText } from "../../../runtime/stdlib/py/number-text";
import { PY_SPACE } from "../../../runtime/stdlib/py/unicode";
import { mkFloat, PyError, type PyValue } from "../../../runtime/stdlib/py/value";
import { decodeStringLiteral } from "./string-literal";

export type TokenType =
  | "data"
  | "variable_begin"
  | "variable_end"
  | "block_begin"
  | "block_end"
  | "name"
  | "string"
  | "integer"
  | "float"
  | "operator"
  | "eof";

export interface Token {
  readonly type: TokenType;
  /** For operators, the operator text; for names, the identifier; for data, the text. */
  readonly text: string;
  /** The value of string/integer/float literals. */
  readonly value?: PyValue;
  readonly start: number;
  readonly end: number;
}

export class JinjaSyntaxError extends Error {
  constructor(
    message: string,
    readonly start: number,
    readonly end: number,
  ) {
    super(message);
    this.name = "TemplateSyntaxError";
  }
}

// Jinja's patterns use Python's `\s`, which is str.isspace(): not JavaScript's.
const SPACE = `[${PY_SPACE}]`;
const WHITESPACE = new RegExp(`${SPACE}+`, "y");
const TRAILING_SPACE = new RegExp(`${SPACE}+$`);
const ALL_SPACE = new RegExp(`^${SPACE}+$`);
// Python's `\d` is any Unicode decimal digit: int() reads them, literal_eval() does not.
const FLOAT =
  /(?<!\.)(?:\p{Nd}+_)*\p{Nd}+(?:(?:\.(?:\p{Nd}+_)*\p{Nd}+)?e[+-]?(?:\p{Nd}+_)*\p{Nd}+|\.(?:\p{Nd}+_)*\p{Nd}+)/iuy;
const INTEGER = /(?:0b(?:_?[01])+|0o(?:_?[0-7])+|0x(?:_?[\p{Nd}a-f])+|[1-9](?:_?\p{Nd})*|0(?:_?0)*)/iuy;
// Jinja's names are the text str.isidentifier() accepts: Unicode's XID classes.
const NAME = /[\p{XID_Start}_]\p{XID_Continue}*/uy;
const STRING = /'([^'\\]*(?:\\[\s\S][^'\\]*)*)'|"([^"\\]*(?:\\[\s\S][^"\\]*)*)"/y;
const OPERATOR = /\/\/|\*\*|==|!=|>=|<=|[+\-/*%~[\](){}><=.:|,;]/y;
const BLOCK_END = new RegExp(`\\+%\\}|-%\\}${SPACE}*|%\\}\n?`, "y");
const VARIABLE_END = new RegExp(`-\\}\\}${SPACE}*|\\}\\}`, "y");
const COMMENT_BODY = new RegExp(`([\\s\\S]*?)(\\+#\\}|-#\\}${SPACE}*|#\\}\n?)`, "y");
const RAW_BODY = new RegExp(
  `([\\s\\S]*?)(\\{%([-+]?)${SPACE}*endraw${SPACE}*(?:\\+%\\}|-%\\}${SPACE}*|%\\}\n?))`,
  "y",
);
const ROOT = new RegExp(
  `([\\s\\S]*?)(?:(?<raw>\\{%([-+]?)${SPACE}*raw${SPACE}*(?:-%\\}${SPACE}*|%\\}))|(?<variable>\\{\\{)([-+]?)|(?<comment>\\{#)([-+]?)|(?<block>\\{%)([-+]?))`,
  "y",
);

/** Jinja drops one trailing newline and turns \r\n and \r into \n. */
export function normalizeSource(source: string): string {
  const lines = source.split(/\r\n|\r|\n/);
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines.join("\n");
}

function matchAt(re: RegExp, text: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(text);
}

type State = "root" | "block" | "variable";

class Lexer {
  readonly tokens: Token[] = [];
  private pos = 0;
  private lineStarting = true;
  private balancing: string[] = [];

  constructor(private readonly src: string) {}

  run(initial: State): Token[] {
    let state: State = initial;
    while (this.pos < this.src.length) {
      if (state === "root") state = this.root();
      else state = this.tag(state);
    }
    this.tokens.push({ type: "eof", text: "", start: this.src.length, end: this.src.length });
    return this.tokens;
  }

  private push(type: TokenType, text: string, start: number, end: number, value?: PyValue): void {
    this.tokens.push(value === undefined ? { type, text, start, end } : { type, text, start, end, value });
  }

  private root(): State {
    const m = matchAt(ROOT, this.src, this.pos);
    if (!m) {
      this.push("data", this.src.slice(this.pos), this.pos, this.src.length);
      this.pos = this.src.length;
      return "root";
    }
    const g = m.groups ?? {};
    const sign = m[3] ?? m[5] ?? m[7] ?? m[9] ?? "";
    let text = m[1]!;
    if (sign === "-") text = text.replace(TRAILING_SPACE, "");
    else if (sign !== "+" && !g.variable) text = this.lstrip(text);
    if (text) this.push("data", text, this.pos, this.pos + text.length);
    const tagStart = this.pos + m[1]!.length;
    const end = this.pos + m[0].length;
    this.lineStarting = m[0].endsWith("\n");
    this.pos = end;
    if (g.raw) return this.raw(tagStart);
    if (g.comment) return this.comment(tagStart);
    this.push(g.variable ? "variable_begin" : "block_begin", m[0].slice(m[1]!.length), tagStart, end);
    return g.variable ? "variable" : "block";
  }

  /** lstrip_blocks: whitespace between the last newline and a block tag goes. */
  private lstrip(text: string): string {
    const lPos = text.lastIndexOf("\n") + 1;
    if (lPos > 0 || this.lineStarting) {
      const rest = text.slice(lPos);
      if (rest.length > 0 && ALL_SPACE.test(rest)) return text.slice(0, lPos);
    }
    return text;
  }

  private comment(tagStart: number): State {
    if (this.pos >= this.src.length) return "root";
    const m = matchAt(COMMENT_BODY, this.src, this.pos);
    if (!m) throw new JinjaSyntaxError("Missing end of comment tag", tagStart, this.src.length);
    this.lineStarting = m[0].endsWith("\n");
    this.pos += m[0].length;
    return "root";
  }

  private raw(tagStart: number): State {
    if (this.pos >= this.src.length) return "root";
    const m = matchAt(RAW_BODY, this.src, this.pos);
    if (!m) throw new JinjaSyntaxError("Missing end of raw directive", tagStart, this.src.length);
    let text = m[1]!;
    if (m[3] === "-") text = text.replace(TRAILING_SPACE, "");
    else if (m[3] !== "+") text = this.lstrip(text);
    if (text) this.push("data", text, this.pos, this.pos + text.length);
    this.lineStarting = m[0].endsWith("\n");
    this.pos += m[0].length;
    return "root";
  }

  private tag(state: "block" | "variable"): State {
    const src = this.src;
    const start = this.pos;
    if (this.balancing.length === 0) {
      const end = matchAt(state === "block" ? BLOCK_END : VARIABLE_END, src, start);
      if (end) {
        this.pos += end[0].length;
        this.lineStarting = end[0].endsWith("\n");
        this.push(state === "block" ? "block_end" : "variable_end", end[0], start, this.pos);
        return "root";
      }
    }
    let m = matchAt(WHITESPACE, src, start);
    if (m) {
      this.pos += m[0].length;
      this.lineStarting = m[0].endsWith("\n");
      return state;
    }
    this.lineStarting = false;
    if ((m = matchAt(FLOAT, src, start))) {
      // Jinja reads a float with ast.literal_eval, whose tokenizer knows ASCII digits only
      if (/[^\x00-\x7f]/.test(m[0]))
        throw new PyError("SyntaxError", "invalid decimal literal (<unknown>, line 1)", "evaluation");
      const value = mkFloat(Number(m[0].replace(/_/g, "")));
      this.pos += m[0].length;
      this.push("float", m[0], start, this.pos, value);
    } else if ((m = matchAt(INTEGER, src, start))) {
      this.pos += m[0].length;
      this.push("integer", m[0], start, this.pos, parseIntLiteral(m[0]));
    } else if ((m = matchAt(NAME, src, start))) {
      this.pos += m[0].length;
      this.push("name", m[0], start, this.pos);
    } else if ((m = matchAt(STRING, src, start))) {
      this.pos += m[0].length;
      const body = m[0].slice(1, -1).replace(/\r\n|\r/g, "\n");
      const decoded = decodeStringLiteral(body);
      if (typeof decoded !== "string") throw new JinjaSyntaxError(decoded.error, start, this.pos);
      this.push("string", m[0], start, this.pos, decoded);
    } else if ((m = matchAt(OPERATOR, src, start))) {
      this.pos += m[0].length;
      this.balance(m[0], start);
      this.push("operator", m[0], start, this.pos);
    } else {
      throw new JinjaSyntaxError(`unexpected char ${charRepr(src[start]!)} at ${start}`, start, start + 1);
    }
    return state;
  }

  private balance(op: string, start: number): void {
    if (op === "{") this.balancing.push("}");
    else if (op === "(") this.balancing.push(")");
    else if (op === "[") this.balancing.push("]");
    else if (op === "}" || op === ")" || op === "]") {
      const expected = this.balancing.pop();
      if (expected === undefined) throw new JinjaSyntaxError(`unexpected '${op}'`, start, start + 1);
      if (expected !== op)
        throw new JinjaSyntaxError(`unexpected '${op}', expected '${expected}'`, start, start + 1);
    }
  }
}

function charRepr(ch: string): string {
  return ch === "'" ? `"'"` : `'${ch}'`;
}

/** Jinja's int(text, 0) of an integer literal (the lexer's pattern has made it valid). */
function parseIntLiteral(text: string): number | bigint {
  return parseIntText(text, 0)!;
}

/** Tokens of a whole template (normalised as Jinja does). */
export function tokenizeTemplate(source: string): Token[] {
  return new Lexer(source).run("root");
}

/** Tokens of the text inside one `{{ }}`, lexed as Jinja's compile_expression does. */
export function tokenizeExpression(source: string): Token[] {
  return new Lexer(source).run("variable");
}
