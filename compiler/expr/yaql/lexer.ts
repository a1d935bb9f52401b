// YAQL lexer, mirroring yaql 3.2's PLY rules: the rule functions are tried in
// their definition order (DOLLAR, NUMBER, FUNC, KEYWORD_STRING, the three
// string forms), then the operator strings, longest pattern first, then the
// single-character literals. The first rule that matches wins, as in PLY's
// master regex. Unicode `\w`/`\d` classes follow Python's re.UNICODE.

export type TokenType =
  | "number"
  | "string"
  | "const" // true / false / null
  | "keyword" // a bare word
  | "func" // `name(`: value is the name
  | "dollar"
  | "op" // operator symbols and the word operators and/or/not/in/mod
  | "punct" // ( ) ] , } [ { =>
  | "end";

export interface Token {
  readonly type: TokenType;
  /** Decoded value: the string, the digits, the name, the operator text. */
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

export class YaqlSyntaxError extends Error {
  constructor(
    message: string,
    readonly start: number,
    readonly end: number,
    readonly pyType: "YaqlLexicalException" | "YaqlGrammarException",
  ) {
    super(message);
  }
}

const W = "[\\p{L}\\p{N}_]";
const WORD_START = "[\\p{L}\\p{Nl}\\p{No}_]";

const DOLLAR_RE = new RegExp(`\\$${W}*`, "uy");
const NUMBER_RE = new RegExp(`(?<!${W})\\p{Nd}+(?:\\.?\\p{Nd}+)?(?!${W})`, "uy");
const FUNC_RE = new RegExp(`(?<!${W})${WORD_START}${W}*\\(`, "uy");
const KEYWORD_RE = new RegExp(`(?!__)(?<!${W})${WORD_START}${W}*(?!${W})`, "uy");
const SQ_RE = /'(?:[^'\\\n]|\\[^\n])*'/uy;
const DQ_RE = /"(?:[^"\\\n]|\\[^\n])*"/uy;
const BQ_RE = /`(?:[^`\\\n]|\\[^\n])*`/uy;

const WORD_OPERATORS = new Set(["and", "or", "not", "in", "mod"]);
const CONSTANTS = new Set(["true", "false", "null"]);

/** Operator strings in PLY's order (longest escaped regex first). */
const OPERATORS = [
  "?.",
  "=~",
  "!~",
  "->",
  "and",
  "mod",
  "not",
  ".",
  "+",
  "-",
  "*",
  ">=",
  "<=",
  "!=",
  "=>",
  "[",
  "in",
  "or",
  "/",
  ">",
  "<",
  "=",
  "{",
];
const PUNCT_OPERATORS = new Set(["=>", "[", "{"]);
const LITERALS = "()],}";

function matchAt(re: RegExp, text: string, pos: number): string | null {
  re.lastIndex = pos;
  const m = re.exec(text);
  return m ? m[0] : null;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < text.length) {
    const ch = text[pos]!;
    if (ch === " " || ch === "\t" || ch === "\r" || ch === "\n") {
      pos++;
      continue;
    }
    const token = nextToken(text, pos);
    tokens.push(token);
    pos = token.end;
  }
  tokens.push({ type: "end", value: "", start: text.length, end: text.length });
  return tokens;
}

function nextToken(text: string, pos: number): Token {
  const tok = (type: TokenType, value: string, length: number): Token => ({
    type,
    value,
    start: pos,
    end: pos + length,
  });
  let m = matchAt(DOLLAR_RE, text, pos);
  if (m !== null) return tok("dollar", m, m.length);
  m = matchAt(NUMBER_RE, text, pos);
  if (m !== null) return tok("number", m, m.length);
  m = matchAt(FUNC_RE, text, pos);
  if (m !== null) return tok("func", m.slice(0, -1), m.length);
  m = matchAt(KEYWORD_RE, text, pos);
  if (m !== null) {
    if (WORD_OPERATORS.has(m)) return tok("op", m, m.length);
    if (CONSTANTS.has(m)) return tok("const", m, m.length);
    return tok("keyword", m, m.length);
  }
  m = matchAt(SQ_RE, text, pos) ?? matchAt(DQ_RE, text, pos);
  if (m !== null) return tok("string", decodeEscapes(m.slice(1, -1), pos), m.length);
  m = matchAt(BQ_RE, text, pos);
  if (m !== null) return tok("string", m.slice(1, -1).replaceAll("\\`", "`"), m.length);
  for (const op of OPERATORS) {
    if (text.startsWith(op, pos)) return tok(PUNCT_OPERATORS.has(op) ? "punct" : "op", op, op.length);
  }
  const ch = text[pos]!;
  if (LITERALS.includes(ch)) return tok("punct", ch, 1);
  const bad = String.fromCodePoint(text.codePointAt(pos)!);
  throw new YaqlSyntaxError(
    `Lexical error: illegal character '${bad}' at position ${pos}`,
    pos,
    pos + bad.length,
    "YaqlLexicalException",
  );
}

const ESCAPE_RE = /\\U[\s\S]{8}|\\u[\s\S]{4}|\\x[\s\S]{2}|\\[0-7]{1,3}|\\N\{[^}]+\}|\\[\\'"abfnrtv]/gu;
const SIMPLE_ESCAPES: Record<string, string> = {
  "\\": "\\",
  "'": "'",
  '"': '"',
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
};

/** Python's `unicode-escape` decoding of the escapes yaql recognises; others stay as written. */
function decodeEscapes(body: string, pos: number): string {
  return body.replace(ESCAPE_RE, (esc) => {
    const kind = esc[1]!;
    if (kind === "U" || kind === "u" || kind === "x") {
      const hex = esc.slice(2);
      const cp = /^[0-9a-fA-F]+$/.test(hex) ? Number.parseInt(hex, 16) : Number.NaN;
      if (Number.isNaN(cp) || cp > 0x10ffff) {
        throw new YaqlSyntaxError(
          `'unicodeescape' codec can't decode bytes: truncated ${esc.slice(0, 2)} escape`,
          pos,
          pos + 1,
          "YaqlLexicalException",
        );
      }
      return String.fromCodePoint(cp);
    }
    if (kind >= "0" && kind <= "7") return String.fromCodePoint(Number.parseInt(esc.slice(1), 8));
    if (kind === "N") return esc; // named escapes are not supported here
    return SIMPLE_ESCAPES[kind] ?? esc;
  });
}
