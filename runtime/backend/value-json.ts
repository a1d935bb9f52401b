// JSON text for stored and exchanged values that keeps what plain JSON loses
// of a Python value: an integral float stays a float (`1.0`, read back as a
// PyFloat, not the int 1) and a dict keeps its insertion order with
// integer-like keys (a JavaScript object lists "10" and "2" first). Records,
// journal entries and the messages to Python action hosts use it, so a value
// crosses a runner, a child execution or a replay as Python would see it.
//
// The text is standard JSON. Reading takes JSON.parse unless the text may
// hold an integral float, an integer-like key or an int beyond 2^53; then a
// reading with Python's rules restores them (a big int as a bigint, exact).

import { dictKeys, dictSet, hasKeyOrder } from "../stdlib/py/dict";
import { displacedNames } from "../stdlib/py/key-index";
import { floatRepr } from "../stdlib/py/text";
import { isDict, mkFloat, type PyDict, PyFloat, type PyValue } from "../stdlib/py/value";

/**
 * JSON of a value made of JSON data, PyFloat boxes and ordered dicts: compact,
 * or laid out as JSON.stringify(value, null, indent) lays it out.
 */
export function stringifyValue(value: unknown, indent = 0): string {
  const v = value === undefined ? null : value;
  if (isPlainJson(v)) return indent > 0 ? JSON.stringify(v, null, indent) : JSON.stringify(v);
  return write(v, indent > 0 ? " ".repeat(indent) : "", "\n");
}

/** Nothing JSON.stringify would write differently: no float box, no own key order, no big number. */
function isPlainJson(v: unknown): boolean {
  if (v === null || typeof v !== "object")
    return typeof v !== "bigint" && (typeof v !== "number" || Math.abs(v) < 1e21);
  if (Array.isArray(v)) {
    for (const item of v) if (!isPlainJson(item)) return false;
    return true;
  }
  if (!isDict(v) || hasKeyOrder(v) || displacedNames(v)) return false;
  for (const k in v) if (!isPlainJson((v as Record<string, unknown>)[k])) return false;
  return true;
}

function write(v: unknown, step: string, newline: string): string {
  if (v === null || typeof v === "boolean") return String(v);
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return "null";
    // An int read from JSON beyond 1e21 (JSON.parse made it a double): digits, as an int, not `1e+21`.
    return Math.abs(v) >= 1e21 ? BigInt(v).toString() : JSON.stringify(v);
  }
  if (typeof v === "bigint") return v.toString();
  if (v instanceof PyFloat) return Number.isFinite(v.v) ? floatRepr(v.v) : JSON.stringify(String(v.v));
  // Compact: a plain part of the value (a trace, say) is written natively.
  if (!step && isPlainJson(v)) return JSON.stringify(v);
  const inner = step ? newline + step : "";
  const close = step ? newline : "";
  if (Array.isArray(v)) {
    if (v.length === 0) return "[]";
    let out = "[";
    for (let i = 0; i < v.length; i++) {
      const item = v[i];
      out += `${i > 0 ? "," : ""}${inner}${item === undefined || typeof item === "function" ? "null" : write(item, step, inner)}`;
    }
    return `${out}${close}]`;
  }
  if (isDict(v)) {
    let out = "{";
    let first = true;
    // a key displaced by another with its text (1 and '1') is written under its own text, as json.dumps does
    const names = displacedNames(v as PyDict);
    for (const k of dictKeys(v as { [key: string]: PyValue })) {
      const item = (v as Record<string, unknown>)[k];
      if (item === undefined || typeof item === "function") continue;
      out += `${first ? "" : ","}${inner}${JSON.stringify(names?.get(k) ?? k)}:${step ? " " : ""}${write(item, step, inner)}`;
      first = false;
    }
    return first ? "{}" : `${out}${close}}`;
  }
  // Anything else (a Date, a class instance) as JSON.stringify writes it.
  return JSON.stringify(v) ?? "null";
}

/**
 * The text may hold an integral float (a number token such as `1.0` or `1e+16`
 * at the start or after `:`, `,` or `[`) or an integer-like key (`"10":` after `{` or `,`).
 * Text inside strings rarely looks like either; when it does, the slower
 * reading gives the same value.
 */
const NEEDS_PYTHON_READING =
  /(?:^|[:,[])\s*-?(?:\d+(?:\.0+(?:[eE][-+]?\d+)?|(?:\.\d+)?[eE][-+]?\d+)|\d{16,})\s*(?:[,}\]]|$)|[{,]\s*"(?:0|[1-9]\d*)"\s*:/;

/** Reads stringifyValue's text (or any JSON) back. */
export function parseValue<T = unknown>(text: string): T {
  if (!NEEDS_PYTHON_READING.test(text)) return JSON.parse(text) as T;
  return new PythonReading(text).document() as T;
}

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/y;
const STRING = /"(?:[^"\\]|\\.)*"/y;
const SPACE = /[ \t\n\r]*/y;

/**
 * JSON read as Python's json module reads it, for the texts that need it: a
 * number with a fraction or an exponent is a float (an integral one a PyFloat
 * box), and objects keep their key order (dictSet). Ints are numbers, bigints
 * beyond 2^53 (Python's ints are exact). Malformed text throws a SyntaxError,
 * as JSON.parse would.
 */
class PythonReading {
  private pos = 0;

  constructor(private readonly text: string) {}

  document(): PyValue {
    const v = this.value();
    this.space();
    if (this.pos !== this.text.length) this.fail();
    return v;
  }

  private value(): PyValue {
    this.space();
    const c = this.text[this.pos];
    if (c === "{") return this.object();
    if (c === "[") return this.array();
    if (c === '"') return this.string();
    if (this.text.startsWith("true", this.pos)) return this.word(4, true);
    if (this.text.startsWith("false", this.pos)) return this.word(5, false);
    if (this.text.startsWith("null", this.pos)) return this.word(4, null);
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (!m) return this.fail();
    this.pos = NUMBER.lastIndex;
    const n = Number(m[0]);
    if (m[1] !== undefined || m[2] !== undefined) return mkFloat(n);
    return Number.isSafeInteger(n) ? n : BigInt(m[0]);
  }

  private object(): PyDict {
    const out: PyDict = {};
    this.pos++;
    this.space();
    if (this.text[this.pos] === "}") {
      this.pos++;
      return out;
    }
    for (;;) {
      this.space();
      if (this.text[this.pos] !== '"') this.fail();
      const key = this.string();
      this.space();
      if (this.text[this.pos++] !== ":") this.fail();
      dictSet(out, key, this.value());
      this.space();
      const c = this.text[this.pos++];
      if (c === "}") return out;
      if (c !== ",") this.fail();
    }
  }

  private array(): PyValue[] {
    const out: PyValue[] = [];
    this.pos++;
    this.space();
    if (this.text[this.pos] === "]") {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.value());
      this.space();
      const c = this.text[this.pos++];
      if (c === "]") return out;
      if (c !== ",") this.fail();
    }
  }

  private string(): string {
    STRING.lastIndex = this.pos;
    const m = STRING.exec(this.text);
    if (!m) return this.fail();
    this.pos = STRING.lastIndex;
    const literal = m[0];
    return literal.includes("\\") ? (JSON.parse(literal) as string) : literal.slice(1, -1);
  }

  private word<T extends PyValue>(length: number, value: T): T {
    this.pos += length;
    return value;
  }

  private space(): void {
    SPACE.lastIndex = this.pos;
    SPACE.exec(this.text);
    this.pos = SPACE.lastIndex;
  }

  private fail(): never {
    throw new SyntaxError(`Unexpected JSON at position ${this.pos}`);
  }
}
