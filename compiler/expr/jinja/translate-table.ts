// str.translate(table) and str.maketrans(x, y, z), as Python 3 defines them:
// a table maps code points (ints) to a str, a code point or None (delete);
// characters it has no entry for stay.

import { dictKeys } from "../../../runtime/stdlib/py/dict";
import { originalKey } from "../../../runtime/stdlib/py/key-index";
import {
  isDict,
  isInt,
  type PyDict,
  PyError,
  PyTuple,
  type PyValue,
  pyTypeName,
  typeError,
} from "../../../runtime/stdlib/py/value";
import { dictLookup, setItem } from "./values";

const MAX_CODE_POINT = 0x10ffff;

/** table[code] as __getitem__ reads it; undefined for Python's LookupError (the character stays). */
function lookup(table: PyValue, code: number): PyValue | undefined {
  if (isDict(table)) return dictLookup(table, code);
  const items = Array.isArray(table) ? table : table instanceof PyTuple ? table.items : null;
  if (items) return code < items.length ? items[code] : undefined;
  if (typeof table === "string") {
    const cs = Array.from(table);
    return code < cs.length ? cs[code] : undefined;
  }
  throw typeError(`'${pyTypeName(table)}' object is not subscriptable`);
}

export function pyTranslate(s: string, table: PyValue): string {
  let out = "";
  for (const c of s) {
    const v = lookup(table, c.codePointAt(0)!);
    if (v === undefined) out += c;
    else if (v === null) continue;
    else if (typeof v === "string") out += v;
    else if (isInt(v) && typeof v !== "boolean") {
      const n = Number(v);
      if (n < 0 || n > MAX_CODE_POINT)
        throw new PyError("ValueError", "character mapping must be in range(0x110000)");
      out += String.fromCodePoint(n);
    } else throw typeError("character mapping must return integer, None or str");
  }
  return out;
}

export function pyMakeTrans(args: readonly PyValue[]): PyDict {
  const [x, y, z] = args;
  const table: PyDict = {};
  if (args.length === 1) {
    if (!isDict(x)) throw typeError("if you give only one argument to maketrans it must be a dict");
    for (const text of dictKeys(x)) {
      const key = originalKey(x, text);
      let code: PyValue;
      if (typeof key === "string") {
        const cs = Array.from(key);
        if (cs.length !== 1)
          throw new PyError("ValueError", "string keys in translate table must be of length 1");
        code = cs[0]!.codePointAt(0)!;
      } else if (isInt(key) && typeof key !== "boolean") code = key;
      else throw typeError("keys in translate table must be strings or integers");
      setItem(table, code, x[text]!);
    }
    return table;
  }
  if (typeof x !== "string" || typeof y !== "string")
    throw typeError(
      `maketrans() argument 1 must be str, not ${pyTypeName(typeof x !== "string" ? (x ?? null) : (y ?? null))}`,
    );
  const from = Array.from(x);
  const to = Array.from(y);
  if (from.length !== to.length)
    throw new PyError("ValueError", "the first two maketrans arguments must have equal length");
  for (let i = 0; i < from.length; i++) setItem(table, from[i]!.codePointAt(0)!, to[i]!.codePointAt(0)!);
  if (z !== undefined) {
    if (typeof z !== "string") throw typeError(`maketrans() argument 3 must be str, not ${pyTypeName(z)}`);
    for (const c of z) setItem(table, c.codePointAt(0)!, null);
  }
  return table;
}
