// Python's json.dumps and json.loads over the shared value model: the exact
// text CPython produces (separators, ensure_ascii escapes, indent, sort_keys,
// float repr, NaN/Infinity) and a parser that keeps int vs float and big ints.

import { dictKeys, dictSet } from "../py/dict";
import { checkIntTextDigits, intDecimal } from "../py/int-text";
import { originalKey } from "../py/key-index";
import { floatRepr } from "../py/text";
import {
  isDict,
  mkFloat,
  mkInt,
  type PyDict,
  PyError,
  PyFloat,
  PyTuple,
  type PyValue,
  pySorted,
  pyTypeName,
} from "../py/value";

export interface DumpsOptions {
  /** null: compact one line; a number of spaces or an indent string: pretty. */
  readonly indent?: number | string | null;
  readonly sortKeys?: boolean;
  /** [item separator, key separator]; Python's default depends on indent. */
  readonly separators?: readonly [string, string] | null;
  readonly ensureAscii?: boolean;
}

/** type(v).__name__, as json's messages name a type: `date`, not `datetime.date`. */
const className = (v: PyValue): string => pyTypeName(v).replace(/^.*\./, "");

/** json.dumps' text for a dict key: str as it is, numbers by repr, true/false/null. */
function jsonKey(key: PyValue): string {
  if (typeof key === "string") return key;
  if (key === null) return "null";
  if (typeof key === "boolean") return key ? "true" : "false";
  if (typeof key === "bigint") return intDecimal(key);
  if (typeof key === "number") return Number.isInteger(key) ? String(key) : floatText(key);
  if (key instanceof PyFloat) return floatText(key.v);
  throw new PyError("TypeError", `keys must be str, int, float, bool or None, not ${className(key)}`);
}

export function pyJsonDumps(value: PyValue, options: DumpsOptions = {}): string {
  const indent =
    options.indent === null || options.indent === undefined
      ? null
      : typeof options.indent === "number"
        ? " ".repeat(Math.max(0, options.indent))
        : options.indent;
  const [itemSep, keySep] = options.separators ?? (indent === null ? [", ", ": "] : [",", ": "]);
  const ensureAscii = options.ensureAscii ?? true;
  const sortKeys = options.sortKeys ?? false;

  const encode = (v: PyValue, level: number): string => {
    if (v === null) return "null";
    if (v === true) return "true";
    if (v === false) return "false";
    if (typeof v === "string") return encodeString(v, ensureAscii);
    if (typeof v === "bigint") return intDecimal(v);
    if (typeof v === "number") return Number.isInteger(v) ? String(v) : floatText(v);
    if (v instanceof PyFloat) return floatText(v.v);
    const items = Array.isArray(v) ? v : v instanceof PyTuple ? v.items : null;
    if (items) {
      if (items.length === 0) return "[]";
      const parts = items.map((x) => encode(x, level + 1));
      return wrap("[", "]", parts, level);
    }
    if (isDict(v)) {
      let keys = dictKeys(v);
      if (keys.length === 0) return "{}";
      // json sorts the items by key as Python orders them: 9 before 10, and a TypeError for 1 and '1'
      if (sortKeys) keys = pySorted(keys, (k) => originalKey(v, k));
      const text = (k: string) => jsonKey(originalKey(v, k));
      const parts = keys.map(
        (k) => `${encodeString(text(k), ensureAscii)}${keySep}${encode(v[k]!, level + 1)}`,
      );
      return wrap("{", "}", parts, level);
    }
    throw new PyError("TypeError", `Object of type ${className(v)} is not JSON serializable`);
  };

  const wrap = (open: string, close: string, parts: string[], level: number): string => {
    if (indent === null) return `${open}${parts.join(itemSep)}${close}`;
    const inner = `\n${indent.repeat(level + 1)}`;
    return `${open}${inner}${parts.join(itemSep + inner)}\n${indent.repeat(level)}${close}`;
  };

  return encode(value, 0);
}

function floatText(n: number): string {
  if (Number.isNaN(n)) return "NaN";
  if (n === Number.POSITIVE_INFINITY) return "Infinity";
  if (n === Number.NEGATIVE_INFINITY) return "-Infinity";
  return floatRepr(n);
}

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  "\\": "\\\\",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\b": "\\b",
  "\f": "\\f",
};

/** A JSON string literal as Python writes it. */
export function encodeString(s: string, ensureAscii = true): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    const code = s.charCodeAt(i);
    const short = SHORT_ESCAPES[ch];
    if (short) out += short;
    else if (code < 0x20 || (ensureAscii && code > 0x7e)) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return `${out}"`;
}

// ---------------------------------------------------------------- loads

export interface LoadsOptions {
  /**
   * orjson.loads (StackStorm's from_json_string) instead of json.loads: no
   * NaN/Infinity, no number that overflows a double, integers outside
   * [-2**63, 2**64 - 1] read as floats, and surrogates only in valid pairs.
   */
  readonly orjson?: boolean;
  /**
   * json.loads as an expression function calls it: past about 1,000 levels of
   * nesting Python's decoder meets the interpreter's recursion limit
   * (RecursionError). Without it, data files load at any depth the stack holds.
   */
  readonly recursionLimit?: boolean;
}

const INT_MIN = -(2n ** 63n);
/** orjson's nesting limit. */
const ORJSON_MAX_DEPTH = 1024;
/** About where CPython's json decoder meets the recursion limit (1,000 frames, some in use already). */
const JSON_MAX_DEPTH = 980;
const UINT_MAX = 2n ** 64n - 1n;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A JSON number at lastIndex (sticky: no copy of the rest of the text, no length limit). */
const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/y;

/** json.loads: JSONDecodeError (a ValueError) on bad input. */
export function pyJsonLoads(text: string, options: LoadsOptions = {}): PyValue {
  const orjson = options.orjson ?? false;
  let pos = 0;
  const fail = (msg: string): never => {
    throw new JsonDecodeError(msg, text, pos);
  };
  if (orjson && LONE_SURROGATE.test(text)) fail("str is not valid UTF-8: surrogates not allowed");
  const take = <T extends PyValue>(n: number, v: T): T => {
    pos += n;
    return v;
  };
  const ws = () => {
    while (pos < text.length && " \t\n\r".includes(text[pos]!)) pos++;
  };
  const value = (): PyValue => {
    const ch = text[pos];
    if (ch === '"') return str();
    if (ch === "{") return object();
    if (ch === "[") return array();
    if (text.startsWith("null", pos)) return take(4, null);
    if (text.startsWith("true", pos)) return take(4, true);
    if (text.startsWith("false", pos)) return take(5, false);
    if (!orjson) {
      if (text.startsWith("NaN", pos)) return take(3, new PyFloat(Number.NaN));
      if (text.startsWith("Infinity", pos)) return take(8, new PyFloat(Number.POSITIVE_INFINITY));
      if (text.startsWith("-Infinity", pos)) return take(9, new PyFloat(Number.NEGATIVE_INFINITY));
    }
    NUMBER.lastIndex = pos;
    const m = NUMBER.exec(text);
    if (!m) return fail("Expecting value");
    if (m[1] === undefined && m[2] === undefined) {
      checkIntTextDigits(m[0].length - (m[0].startsWith("-") ? 1 : 0));
      const n = BigInt(m[0]);
      if (!orjson || (n >= INT_MIN && n <= UINT_MAX)) return take(m[0].length, mkInt(n));
    }
    const x = Number(m[0]);
    if (orjson && !Number.isFinite(x)) fail("number is infinity when parsed as double");
    return take(m[0].length, mkFloat(x));
  };
  const str = (): string => {
    pos++;
    let out = "";
    for (;;) {
      if (pos >= text.length) fail("Unterminated string starting at");
      const ch = text[pos]!;
      if (ch === '"') {
        pos++;
        return out;
      }
      if (ch === "\\") {
        const e = text[pos + 1];
        const simple: Record<string, string> = {
          '"': '"',
          "\\": "\\",
          "/": "/",
          b: "\b",
          f: "\f",
          n: "\n",
          r: "\r",
          t: "\t",
        };
        if (e !== undefined && e in simple) {
          out += simple[e];
          pos += 2;
        } else if (e === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) {
          const unit = Number.parseInt(text.slice(pos + 2, pos + 6), 16);
          if (orjson && unit >= 0xd800 && unit <= 0xdfff) {
            const low = /^\\u([dD][c-fC-F][0-9a-fA-F]{2})/.exec(text.slice(pos + 6, pos + 12));
            if (unit >= 0xdc00 || !low)
              fail(unit >= 0xdc00 ? "invalid high surrogate in string" : "no low surrogate in string");
            out += String.fromCharCode(unit, Number.parseInt(low![1]!, 16));
            pos += 12;
            continue;
          }
          out += String.fromCharCode(unit);
          pos += 6;
        } else fail("Invalid \\escape");
      } else if (ch.charCodeAt(0) < 0x20) {
        fail("Invalid control character at");
      } else {
        out += ch;
        pos++;
      }
    }
  };
  // orjson refuses a 1025th level (the position after its bracket); Python's
  // json decoder recurses until the interpreter's recursion limit (see LoadsOptions).
  let depth = 0;
  const enter = (kind: "array" | "object") => {
    pos++;
    depth++;
    if (orjson && depth > ORJSON_MAX_DEPTH) fail("depth limit exceeded");
    if (options.recursionLimit && depth > JSON_MAX_DEPTH)
      throw new PyError(
        "RecursionError",
        `maximum recursion depth exceeded while decoding a JSON ${kind} from a unicode string`,
      );
  };
  const leave = <T extends PyValue>(v: T): T => {
    depth--;
    return take(1, v);
  };
  const array = (): PyValue[] => {
    enter("array");
    const out: PyValue[] = [];
    ws();
    if (text[pos] === "]") return leave(out);
    for (;;) {
      ws();
      out.push(value());
      ws();
      if (text[pos] === ",") pos++;
      else if (text[pos] === "]") return leave(out);
      else fail("Expecting ',' delimiter");
    }
  };
  const object = (): PyDict => {
    enter("object");
    const out: PyDict = {};
    ws();
    if (text[pos] === "}") return leave(out);
    for (;;) {
      ws();
      if (text[pos] !== '"') fail("Expecting property name enclosed in double quotes");
      const key = str();
      ws();
      if (text[pos] !== ":") fail("Expecting ':' delimiter");
      pos++;
      ws();
      dictSet(out, key, value());
      ws();
      if (text[pos] === ",") pos++;
      else if (text[pos] === "}") return leave(out);
      else fail("Expecting ',' delimiter");
    }
  };
  ws();
  const result = value();
  ws();
  if (pos < text.length) fail("Extra data");
  return result;
}

/** Python's json.JSONDecodeError, with the position (1-based line and column) kept for messages with file:line:col. */
export class JsonDecodeError extends PyError {
  readonly line: number;
  readonly column: number;

  constructor(msg: string, text: string, pos: number) {
    const before = text.slice(0, pos);
    const line = before.split("\n").length;
    const column = pos - before.lastIndexOf("\n");
    super("JSONDecodeError", `${msg}: line ${line} column ${column} (char ${pos})`);
    this.line = line;
    this.column = column;
  }
}
