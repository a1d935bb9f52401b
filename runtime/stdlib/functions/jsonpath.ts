// The JSONPath dialect of jsonpath-rw 1.4.0, which StackStorm's
// jsonpath_query() parses its query with: its tokens, its grammar with the
// parser generator's precedences (`..` < `.` < `|` < `&` < `where`, a bracket
// suffix taking everything before it), and what each node finds, matched values keeping
// their parent for `` `parent` `` and `$`. Python's isinstance tests show
// through: `..` walks into lists and dicts only, and `[*]` wraps a dict, an int
// or a str in a one-element list, so under YAQL (whose data are tuples and
// FrozenDicts, not lists and dicts) both behave differently than under Jinja.

import { dictGet, dictKeys } from "../py/dict";
import { digitsToAscii } from "../py/number-text";
import { isDict, isInt, PyError, PySet, PyTuple, type PyValue, pyTypeName } from "../py/value";

type Node =
  | { kind: "root" }
  | { kind: "this" }
  | { kind: "parent" }
  | { kind: "fields"; names: readonly string[] }
  | { kind: "index"; index: number }
  | { kind: "slice"; start: number | null; end: number | null }
  | { kind: "child" | "descendants" | "where" | "union" | "intersect"; left: Node; right: Node };

type Token =
  | { type: "literal"; text: string }
  | { type: "DOUBLEDOT" | "WHERE" }
  | { type: "NUMBER"; value: number }
  | { type: "ID" | "NAMED_OPERATOR"; text: string };

const LITERALS = "*.[]()$,:|&";
const ID = /[a-zA-Z_@][a-zA-Z0-9_@-]*/y;
// jsonpath-rw's `-?\d+` is Python's: any Unicode decimal digit.
const NUMBER = /-?\p{Nd}+/uy;

function lexError(message: string): PyError {
  return new PyError("JsonPathLexerError", message);
}

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const ch = query[i]!;
    if (ch === " " || ch === "\t" || ch === "\n") {
      i++;
      continue;
    }
    ID.lastIndex = i;
    let m = ID.exec(query);
    if (m) {
      tokens.push(m[0] === "where" ? { type: "WHERE" } : { type: "ID", text: m[0] });
      i += m[0].length;
      continue;
    }
    NUMBER.lastIndex = i;
    m = NUMBER.exec(query);
    if (m) {
      tokens.push({ type: "NUMBER", value: Number(digitsToAscii(m[0])) });
      i += m[0].length;
      continue;
    }
    if (ch === "'" || ch === '"' || ch === "`") {
      // A quoted name; a backslash takes the next character as it is.
      let text = "";
      let j = i + 1;
      for (;;) {
        if (j >= query.length) throw lexError("Unexpected EOF in string literal or identifier");
        const c = query[j]!;
        if (c === ch) break;
        if (c === "\\") {
          if (j + 1 >= query.length) throw lexError(`Unexpected character: ${c}`);
          text += query[j + 1];
          j += 2;
        } else {
          text += c;
          j++;
        }
      }
      tokens.push({ type: ch === "`" ? "NAMED_OPERATOR" : "ID", text });
      i = j + 1;
      continue;
    }
    if (query.startsWith("..", i)) {
      tokens.push({ type: "DOUBLEDOT" });
      i += 2;
      continue;
    }
    if (LITERALS.includes(ch)) {
      tokens.push({ type: "literal", text: ch });
      i++;
      continue;
    }
    throw lexError(`Unexpected character: ${ch}`);
  }
  return tokens;
}

const BINARY: Record<
  string,
  { level: number; kind: "child" | "descendants" | "where" | "union" | "intersect" }
> = {
  "..": { level: 1, kind: "descendants" },
  ".": { level: 2, kind: "child" },
  "|": { level: 3, kind: "union" },
  "&": { level: 4, kind: "intersect" },
  where: { level: 5, kind: "where" },
};

class Parser {
  private at = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): Node {
    const node = this.expression(0);
    if (this.at < this.tokens.length) throw this.error();
    return node;
  }

  private peek(): Token | undefined {
    return this.tokens[this.at];
  }

  private isLiteral(text: string, token = this.peek()): boolean {
    return token?.type === "literal" && token.text === text;
  }

  private error(): PyError {
    const token = this.peek();
    // jsonpath-rw's p_error reads the token's position; at the end there is no token.
    if (!token) return new PyError("AttributeError", "'NoneType' object has no attribute 'lineno'");
    const shown = token.type === "NUMBER" ? String(token.value) : "text" in token ? token.text : token.type;
    return new PyError(
      "Exception",
      `Parse error near token ${shown} (${token.type === "literal" ? token.text : token.type})`,
    );
  }

  private binaryOperator(): (typeof BINARY)[string] | undefined {
    const token = this.peek();
    if (!token) return undefined;
    if (token.type === "DOUBLEDOT") return BINARY[".."];
    if (token.type === "WHERE") return BINARY.where;
    if (token.type === "literal") return BINARY[token.text];
    return undefined;
  }

  /**
   * A bracket suffix applies to everything before it up to the enclosing
   * parenthesis: PLY reduces a rule with a precedence before it shifts a
   * token without one, so `a | b[0]` is `(a | b)[0]`.
   */
  private expression(minLevel: number): Node {
    let left = this.primary();
    for (;;) {
      if (this.isLiteral("[")) {
        if (minLevel > 0) return left;
        left = { kind: "child", left, right: this.bracket() };
        continue;
      }
      const op = this.binaryOperator();
      if (!op || op.level <= minLevel) return left;
      this.at++;
      const right = this.expression(op.level);
      left = { kind: op.kind, left, right };
    }
  }

  private primary(): Node {
    const token = this.peek();
    if (!token) throw this.error();
    if (token.type === "ID") return { kind: "fields", names: this.fields() };
    if (token.type === "NAMED_OPERATOR") {
      this.at++;
      if (token.text === "this") return { kind: "this" };
      if (token.text === "parent") return { kind: "parent" };
      throw new PyError("Exception", `Unknown named operator \`${token.text}\``);
    }
    if (this.isLiteral("*")) {
      this.at++;
      return { kind: "fields", names: ["*"] };
    }
    if (this.isLiteral("$")) {
      this.at++;
      return { kind: "root" };
    }
    if (this.isLiteral("[")) return this.bracket();
    if (this.isLiteral("(")) {
      this.at++;
      const inner = this.expression(0);
      if (!this.isLiteral(")")) throw this.error();
      this.at++;
      return inner;
    }
    throw this.error();
  }

  private fields(): string[] {
    const names: string[] = [];
    for (;;) {
      const token = this.peek();
      if (token?.type !== "ID") throw this.error();
      names.push(token.text);
      this.at++;
      if (!this.isLiteral(",")) return names;
      this.at++;
    }
  }

  /** `[n]`, `[*]`, `[a:b]` (no step), `[name, ...]`. */
  private bracket(): Node {
    this.at++;
    let node: Node;
    const token = this.peek();
    const next = this.tokens[this.at + 1];
    if (this.isLiteral("*")) {
      this.at++;
      node = { kind: "slice", start: null, end: null };
    } else if (token?.type === "ID") {
      node = { kind: "fields", names: this.fields() };
    } else if (token?.type === "NUMBER" && !this.isLiteral(":", next)) {
      this.at++;
      node = { kind: "index", index: token.value };
    } else {
      const start = this.maybeInt();
      if (!this.isLiteral(":")) throw this.error();
      this.at++;
      node = { kind: "slice", start, end: this.maybeInt() };
    }
    if (!this.isLiteral("]")) throw this.error();
    this.at++;
    return node;
  }

  private maybeInt(): number | null {
    const token = this.peek();
    if (token?.type !== "NUMBER") return null;
    this.at++;
    return token.value;
  }
}

/** A matched value and the match it was found in (jsonpath-rw's DatumInContext). */
interface Datum {
  readonly value: PyValue;
  readonly context: Datum | null;
}

/** How Python's isinstance sees the data: YAQL's FrozenDicts are mappings but not dicts. */
export interface JsonPathTypes {
  /** isinstance(v, dict). */
  readonly isPlainDict: (v: PyValue) => boolean;
}

function pyLen(v: PyValue): number {
  if (typeof v === "string") return [...v].length;
  if (Array.isArray(v)) return v.length;
  if (v instanceof PyTuple) return v.items.length;
  if (v instanceof PySet) return v.size;
  if (isDict(v)) return dictKeys(v).length;
  throw new PyError("TypeError", `object of type '${pyTypeName(v)}' has no len()`);
}

/** value[i] for an int i, as Python subscripts a str, list, tuple or mapping. */
function subscript(v: PyValue, i: number): PyValue {
  if (isDict(v)) throw new PyError("KeyError", String(i));
  const items =
    typeof v === "string" ? [...v] : Array.isArray(v) ? v : v instanceof PyTuple ? v.items : undefined;
  if (!items) throw new PyError("TypeError", `'${pyTypeName(v)}' object is not subscriptable`);
  const x = items[i < 0 ? items.length + i : i];
  if (x === undefined) throw new PyError("IndexError", `${pyTypeName(v)} index out of range`);
  return x;
}

/** range(0, n)[start:end] */
function sliceIndexes(n: number, start: number | null, end: number | null): number[] {
  const clamp = (x: number | null, fallback: number) =>
    x === null ? fallback : x < 0 ? Math.max(0, n + x) : Math.min(n, x);
  const out: number[] = [];
  for (let i = clamp(start, 0); i < clamp(end, n); i++) out.push(i);
  return out;
}

function find(node: Node, datum: Datum, types: JsonPathTypes): (Datum | null)[] {
  switch (node.kind) {
    case "root": {
      let top = datum;
      while (top.context) top = top.context;
      return [{ value: top.value, context: null }];
    }
    case "this":
      return [datum];
    case "parent":
      return [datum.context];
    case "fields": {
      const v = datum.value;
      const names = node.names.includes("*") ? (isDict(v) ? dictKeys(v) : []) : node.names;
      if (!isDict(v)) return [];
      const out: Datum[] = [];
      for (const name of names) {
        const x = dictGet(v, name);
        if (x !== undefined) out.push({ value: x, context: datum });
      }
      return out;
    }
    case "index":
      if (pyLen(datum.value) <= node.index) return [];
      return [{ value: subscript(datum.value, node.index), context: datum }];
    case "slice": {
      const v = datum.value;
      if (types.isPlainDict(v) || isInt(v) || typeof v === "boolean" || typeof v === "string")
        return find(node, { value: [v], context: datum.context }, types);
      return sliceIndexes(pyLen(v), node.start, node.end).map((i) => ({
        value: subscript(v, i),
        context: datum,
      }));
    }
    case "child":
      return findAll(node.left, datum, types).flatMap((d) => findAll(node.right, d, types));
    case "where":
      return findAll(node.left, datum, types).filter((d) => findAll(node.right, d, types).length > 0);
    case "union":
      return [...findAll(node.left, datum, types), ...findAll(node.right, datum, types)];
    case "intersect":
      throw new PyError("NotImplementedError", "");
    case "descendants": {
      const out: (Datum | null)[] = [];
      const visit = (d: Datum) => {
        out.push(...findAll(node.right, d, types));
        const v = d.value;
        if (Array.isArray(v)) for (const x of v) visit({ value: x, context: d });
        else if (isDict(v) && types.isPlainDict(v))
          for (const k of dictKeys(v)) visit({ value: dictGet(v, k)!, context: d });
      };
      for (const d of findAll(node.left, datum, types)) {
        if (d === null) {
          findAll(node.right, d, types);
          throw new PyError("AttributeError", "'NoneType' object has no attribute 'value'");
        }
        visit(d);
      }
      return out;
    }
  }
}

/** DatumInContext.wrap: what `parent` of the top gives (None) is wrapped as a datum holding None. */
function wrap(d: Datum | null): Datum {
  return d ?? { value: null, context: null };
}

function findAll(node: Node, datum: Datum | null, types: JsonPathTypes): (Datum | null)[] {
  return find(node, wrap(datum), types);
}

/** All values matched by a jsonpath-rw query, in jsonpath-rw's order. */
export function jsonpathFind(value: PyValue, query: string, types: JsonPathTypes): PyValue[] {
  const tree = new Parser(tokenize(query)).parse();
  return find(tree, { value, context: null }, types).map((d) => {
    if (d === null) throw new PyError("AttributeError", "'NoneType' object has no attribute 'value'");
    return d.value;
  });
}
