// The non-string keys of a dict. The shared value model stores every dict key
// as text (Python's str() of it); this side table remembers each non-string
// key and finds the stored one equal to a given key in constant time, by an
// index of hashes that agree with Python's equality where that is certain.

import { isNumeric, numberOf, PyStrSubclass, PyTuple, type PyValue, pyEquals } from "./value";

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

/** A dict's remembered keys by the text they are stored under. */
export class KeyIndex {
  readonly originals = new Map<string, PyValue>();
  private readonly byHash = new Map<string, string>();
  private readonly unindexed = new Set<string>();

  set(text: string, key: PyValue): void {
    this.delete(text);
    this.originals.set(text, key);
    if (isText(key)) return;
    const h = exactHash(key);
    if (h === undefined) this.unindexed.add(text);
    else this.byHash.set(h, text);
  }

  delete(text: string): void {
    if (!this.originals.has(text)) return;
    const key = this.originals.get(text)!;
    this.originals.delete(text);
    if (isText(key)) return;
    const h = exactHash(key);
    if (h === undefined) this.unindexed.delete(text);
    else if (this.byHash.get(h) === text) this.byHash.delete(h);
  }

  /** The key stored under `text`: the remembered non-string key, else the text itself. */
  keyAt(text: string): PyValue {
    // a None key is remembered as null: has(), not ??
    return this.originals.has(text) ? (this.originals.get(text) as PyValue) : text;
  }

  /** The text of the remembered non-string key equal to `key` (itself not a string). */
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
