// The non-string keys of a dict. The shared value model stores every dict key
// as text (Python's str() of it); this side table remembers each non-string
// key and finds the stored one equal to a given key in constant time, by an
// index of hashes that agree with Python's equality where that is certain.
// Python keeps 1 and '1' apart, so a key whose text another key already holds
// is stored under a free text instead (displaced) and remembered too, strings
// included; a copy of a context and a JSON writer name it by its own text
// again (displacedNames), as Orquesta's JSON copy of a context does.

import { dictDelete, mapValues } from "./dict";
import { pyStr } from "./text";
import {
  isNumeric,
  keyedDicts,
  numberOf,
  type PyDict,
  PyStrSubclass,
  PyTuple,
  type PyValue,
  pyEquals,
} from "./value";

/**
 * A text that is the same for two keys exactly when Python finds them equal,
 * or undefined where that is not certain: numbers (bool, int, float alike:
 * 1 == 1.0 == True) up to 2**53, null, strings and tuples of those. NaN,
 * larger integers and opaque values have none.
 */
export function exactHash(v: PyValue): string | undefined {
  if (v === null) return "N";
  if (typeof v === "string") return `s${v}`;
  if (v instanceof PyStrSubclass) return `s${v.text}`;
  if (typeof v === "bigint") return v >= -(2n ** 53n) && v <= 2n ** 53n ? `n${Number(v)}` : undefined;
  if (isNumeric(v)) {
    const n = numberOf(v);
    return Number.isFinite(n) && Math.abs(n) <= 2 ** 53 ? `n${n}` : undefined;
  }
  if (v instanceof PyTuple) {
    const parts: string[] = [];
    for (const x of v.items) {
      const h = exactHash(x);
      if (h === undefined) return undefined;
      parts.push(h);
    }
    return `t(${parts.join(",")})`;
  }
  return undefined;
}

function isText(v: PyValue): boolean {
  return typeof v === "string" || v instanceof PyStrSubclass;
}

/** The text a key is stored under when no other key holds it: the string itself, or Python's str() of it. */
export function ownText(key: PyValue): string {
  if (typeof key === "string") return key;
  if (key instanceof PyStrSubclass) return key.text;
  return pyStr(key);
}

let displaced = 0;

/**
 * The remembered keys of every dict, shared by YAQL and Jinja: a dict one
 * makes is read by the other later in the same `publish` list (Orquesta hands
 * the same Python dict on), and only a copy of the context drops them.
 */
class KeyTable {
  private readonly table = new WeakMap<PyDict, KeyIndex>();
  // While no dict has remembered a key (nearly every process), lookups and
  // Python's dict equality cost nothing: copies of workflow data, JSON writers
  // and `==` of dicts skip the side table.
  private used = false;

  get(d: PyDict): KeyIndex | undefined {
    return this.used ? this.table.get(d) : undefined;
  }

  has(d: PyDict): boolean {
    return this.used && this.table.has(d);
  }

  set(d: PyDict, index: KeyIndex): void {
    if (!this.used) {
      this.used = true;
      keyedDicts.equals = keyedDictEquals;
    }
    this.table.set(d, index);
  }
}

export const REMEMBERED_KEYS = new KeyTable();

function indexOf(d: PyDict): KeyIndex | undefined {
  return REMEMBERED_KEYS.get(d);
}

/** The key `d` holds under `text`: a remembered one (1, None, a displaced '1'), else the text itself. */
export function originalKey(d: PyDict, text: string): PyValue {
  const index = indexOf(d);
  return index ? index.keyAt(text) : text;
}

/** Remembers `key` as the one stored under `text` (a copy keeping a dict's keys). */
export function rememberKey(d: PyDict, text: string, key: PyValue): void {
  let index = indexOf(d);
  if (!index) REMEMBERED_KEYS.set(d, (index = new KeyIndex()));
  index.set(text, key);
}

/** mapValues that keeps the keys `d` remembers (1, None, a displaced '1'): the copy is the same dict to Python. */
export function mapValuesKeepingKeys(d: PyDict, f: (v: PyValue) => PyValue): PyDict {
  const out = mapValues(d, f);
  const index = indexOf(d);
  if (index) REMEMBERED_KEYS.set(out, index.copy());
  return out;
}

/** Removes the key stored under `text`. */
export function forgetKey(d: PyDict, text: string): void {
  dictDelete(d, text);
  indexOf(d)?.delete(text);
}

/** Python's == of two dicts of the same size: every key of one found (by Python's equality) in the other, with an equal value. */
function keyedDictEquals(a: PyDict, b: PyDict): boolean {
  const ia = indexOf(a);
  const ib = indexOf(b);
  for (const text of Object.keys(a)) {
    const at =
      ia || ib ? findIn(b, ia ? ia.keyAt(text) : text, ib) : Object.hasOwn(b, text) ? text : undefined;
    if (at === undefined || !pyEquals(a[text]!, b[at]!)) return false;
  }
  return true;
}

/** A dict's remembered keys by the text they are stored under. */
export class KeyIndex {
  readonly originals = new Map<string, PyValue>();
  private readonly byHash = new Map<string, string>();
  private readonly unindexed = new Set<string>();

  set(text: string, key: PyValue): void {
    this.delete(text);
    this.originals.set(text, key);
    // a string at its own text is found by the text itself
    if (isText(key) && text === ownText(key)) return;
    const h = exactHash(key);
    if (h === undefined) this.unindexed.add(text);
    else this.byHash.set(h, text);
  }

  delete(text: string): void {
    if (!this.originals.has(text)) return;
    const key = this.originals.get(text)!;
    this.originals.delete(text);
    if (isText(key) && text === ownText(key)) return;
    const h = exactHash(key);
    if (h === undefined) this.unindexed.delete(text);
    else if (this.byHash.get(h) === text) this.byHash.delete(h);
  }

  /** The key stored under `text`: the remembered non-string key, else the text itself. */
  keyAt(text: string): PyValue {
    // a None key is remembered as null: has(), not ??
    return this.originals.has(text) ? (this.originals.get(text) as PyValue) : text;
  }

  /** True when the dict's slot `text` (if any) holds the string `text` itself, not a remembered key. */
  ownsText(text: string): boolean {
    if (!this.originals.has(text)) return true;
    const key = this.originals.get(text)!;
    return isText(key) && ownText(key) === text;
  }

  /** The text of the remembered key equal to `key`: a non-string one, or a displaced string. */
  find(key: PyValue): string | undefined {
    const h = exactHash(key);
    if (h !== undefined) return this.byHash.get(h);
    for (const text of this.unindexed) if (pyEquals(this.originals.get(text)!, key)) return text;
    return undefined;
  }

  copy(): KeyIndex {
    const out = new KeyIndex();
    for (const [text, key] of this.originals) out.set(text, key);
    return out;
  }
}

/**
 * Where `d` stores a new key (equal to none it holds): its own text when that
 * is free, else that text with a NUL and a counter (displaced). The index
 * remembers every key that is not a string at its own text.
 */
function placeKey(d: PyDict, key: PyValue, index: KeyIndex | undefined): string {
  const own = ownText(key);
  let text = own;
  if (Object.hasOwn(d, own)) {
    displaced++;
    for (let i = 1; Object.hasOwn(d, (text = `${own}\u0000${i}`)); i++);
  }
  if (typeof key === "string" && text === own) {
    index?.delete(text);
    return text;
  }
  if (!index) REMEMBERED_KEYS.set(d, (index = new KeyIndex()));
  index.set(text, key);
  return text;
}

/** The text under which `d` holds `key`, placed there (and remembered) if it is new; the value is set by the caller. */
export function keySlot(d: PyDict, key: PyValue): string {
  const index = indexOf(d);
  return findIn(d, key, index) ?? placeKey(d, key, index);
}

/**
 * The text under which `d` stores a key equal to `key`, if it holds one. A
 * string (or str subclass, equal to its text) is at its own text unless a
 * remembered key took that slot; other keys are found through the index.
 */
export function findKeyText(d: PyDict, key: PyValue): string | undefined {
  return findIn(d, key, indexOf(d));
}

function findIn(d: PyDict, key: PyValue, index: KeyIndex | undefined): string | undefined {
  if (isText(key)) {
    const own = ownText(key);
    if (Object.hasOwn(d, own) && (!index || index.ownsText(own))) return own;
    const text = index?.find(own);
    return text !== undefined && Object.hasOwn(d, text) ? text : undefined;
  }
  const text = index?.find(key);
  return text !== undefined && Object.hasOwn(d, text) ? text : undefined;
}

/** True when `d` holds a key that is not a string at its own text (1, None, or a displaced '1'). */
export function remembersKeys(d: PyDict): boolean {
  return (indexOf(d)?.originals.size ?? 0) > 0;
}

/**
 * The texts of the displaced keys of `d` mapped to their own texts, or
 * undefined when it has none. Copies that stand for Orquesta's JSON copy of a
 * context, and JSON writers, name a displaced key by its own text, so a dict
 * holding 1 and '1' reads back as JSON has it: one key, the first one's place,
 * the last value. (A process that never displaced a key skips the lookup.)
 */
export function displacedNames(d: PyDict): Map<string, string> | undefined {
  if (displaced === 0) return undefined;
  const index = indexOf(d);
  if (!index) return undefined;
  let names: Map<string, string> | undefined;
  for (const [text, key] of index.originals) {
    const own = ownText(key);
    if (text !== own) (names ??= new Map()).set(text, own);
  }
  return names;
}

/**
 * A set of hashable values under a given equality (Python's by default):
 * found by exactHash where there is one, compared one by one otherwise.
 */
export class ValueSet {
  private readonly hashed = new Set<string>();
  private readonly others: PyValue[] = [];
  constructor(private readonly equal: (a: PyValue, b: PyValue) => boolean = pyEquals) {}

  /** Adds the value; false when an equal one was already there. */
  add(v: PyValue): boolean {
    const h = exactHash(v);
    if (h !== undefined) {
      if (this.hashed.has(h)) return false;
      this.hashed.add(h);
      return true;
    }
    if (this.others.some((x) => this.equal(x, v))) return false;
    this.others.push(v);
    return true;
  }
}
