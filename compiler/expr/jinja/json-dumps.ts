// Python's json.dumps (ensure_ascii, sort_keys, indent, separators) over the
// shared value model, as Jinja's `tojson` filter uses it.

import { dictKeys } from "../../../runtime/stdlib/py/dict";
import { intDecimal } from "../../../runtime/stdlib/py/int-text";
import { originalKey } from "../../../runtime/stdlib/py/key-index";
import { floatRepr } from "../../../runtime/stdlib/py/text";
import {
  isDict,
  PyFloat,
  PyTuple,
  type PyValue,
  pyTypeName,
  typeError,
} from "../../../runtime/stdlib/py/value";
import { Markup } from "./markup";
import { compare } from "./protocol";

export interface DumpsOptions {
  readonly sortKeys?: boolean;
  readonly indent?: string | null;
}

export function jsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\b") out += "\\b";
    else if (ch === "\f") out += "\\f";
    else if (cp < 0x20 || cp > 0x7e) {
      for (let i = 0; i < ch.length; i++) out += `\\u${ch.charCodeAt(i).toString(16).padStart(4, "0")}`;
    } else out += ch;
  }
  return `${out}"`;
}

function floatJson(n: number): string {
  if (Number.isNaN(n)) return "NaN";
  if (!Number.isFinite(n)) return n > 0 ? "Infinity" : "-Infinity";
  return floatRepr(n);
}

function keyJson(k: PyValue): string {
  if (typeof k === "string") return k;
  if (k instanceof Markup) return k.text;
  if (k === null) return "null";
  if (typeof k === "boolean") return k ? "true" : "false";
  if (typeof k === "number" || typeof k === "bigint")
    return Number.isInteger(k) || typeof k === "bigint" ? String(k) : floatJson(k);
  if (k instanceof PyFloat) return floatJson(k.v);
  throw typeError(`keys must be str, int, float, bool or None, not ${pyTypeName(k)}`);
}

export function pyJsonDumps(v: PyValue, opts: DumpsOptions = {}): string {
  const indent = opts.indent ?? null;
  const itemSep = indent === null ? ", " : ",";
  const walk = (x: PyValue, level: number): string => {
    if (x === null) return "null";
    if (typeof x === "boolean") return x ? "true" : "false";
    if (typeof x === "bigint") return intDecimal(x);
    if (typeof x === "number") return Number.isInteger(x) ? String(x) : floatJson(x);
    if (x instanceof PyFloat) return floatJson(x.v);
    if (typeof x === "string") return jsonString(x);
    if (x instanceof Markup) return jsonString(x.text);
    const nl = indent === null ? "" : `\n${indent.repeat(level + 1)}`;
    const close = indent === null ? "" : `\n${indent.repeat(level)}`;
    if (Array.isArray(x) || x instanceof PyTuple) {
      const items = Array.isArray(x) ? x : x.items;
      if (items.length === 0) return "[]";
      return `[${nl}${items.map((i) => walk(i, level + 1)).join(itemSep + nl)}${close}]`;
    }
    if (isDict(x)) {
      let keys = dictKeys(x);
      if (keys.length === 0) return "{}";
      if (opts.sortKeys)
        keys = keys.slice().sort((a, b) => compare(originalKey(x, a), originalKey(x, b), "<"));
      const parts = keys.map((k) => `${jsonString(keyJson(originalKey(x, k)))}: ${walk(x[k]!, level + 1)}`);
      return `{${nl}${parts.join(itemSep + nl)}${close}}`;
    }
    throw typeError(`Object of type ${pyTypeName(x)} is not JSON serializable`);
  };
  return walk(v, 0);
}
