// MarkupSafe's Markup: the str subclass `escape`, `safe`, `forceescape` and
// `tojson` return. Plain str stays a JS string; a Markup is a box around its
// text that lives only inside the Jinja evaluator: an expression's value and
// whatever is handed to a catalogue function get plain strings (plainDeep).

import { dictKeys, dictSet } from "../../../runtime/stdlib/py/dict";
import { originalKey, rememberKey } from "../../../runtime/stdlib/py/key-index";
import {
  isDict,
  type PyDict,
  PySet,
  PyStrSubclass,
  PyTuple,
  type PyValue,
} from "../../../runtime/stdlib/py/value";
import { htmlEscape } from "./html-escape";

/** Whether a Markup was made since the current evaluation began (then its value may hold one). */
let made = false;

export class Markup extends PyStrSubclass {
  readonly pyOpaque = "Markup";
  constructor(text: string) {
    super(text);
    made = true;
  }
}

/** The last evaluation's value with Markups (see plainResult), and its plain form. */
let lastPlain: PyValue | undefined;
let lastRaw: PyValue = null;

/** Called as an evaluation begins. */
export function resetMarkupSeen(): void {
  made = false;
  lastPlain = undefined;
}

/**
 * An expression's value as Orquesta hands it on: plain str for every Markup
 * (Orquesta reports a Markup as type str). Orquesta puts a value into the
 * text around it with str(), where a list still shows `Markup('...')`: the
 * value with its Markups is kept until the next evaluation (see rawResult).
 */
export function plainResult(value: PyValue): PyValue {
  const plain = plainDeep(value);
  if (plain !== value && typeof plain === "object" && plain !== null) {
    lastPlain = plain;
    lastRaw = value;
  }
  return plain;
}

/** The value plainResult was given for what it returned, when no evaluation ran since; else `v`. */
export function rawResult(v: PyValue): PyValue {
  return lastPlain !== undefined && v === lastPlain ? lastRaw : v;
}

/** True when the current evaluation made a Markup (else no value can hold one). */
export function markupSeen(): boolean {
  return made;
}

/** A Markup's text; anything else as it is. */
export function textOf(v: PyValue): PyValue {
  return v instanceof Markup ? v.text : v;
}

/** markupsafe.escape of a str or Markup, as text: a Markup is already safe. */
export function escapeText(s: string | Markup): string {
  return s instanceof Markup ? s.text : htmlEscape(s);
}

/** MarkupSafe's escaping of an argument (`_escape_argspec`): str and Markup escaped, anything else as it is. */
export function escapeArg(v: PyValue): PyValue {
  if (typeof v === "string") return htmlEscape(v);
  if (v instanceof Markup) return v.text;
  return v;
}

/** `v` with every Markup inside it (items, dict keys and values) turned to its text; `v` itself when it holds none. */
export function plainDeep(v: PyValue): PyValue {
  if (v === null || typeof v !== "object") return v;
  if (v instanceof Markup) return v.text;
  if (Array.isArray(v)) return plainItems(v) ?? v;
  if (v instanceof PyTuple) {
    const items = plainItems(v.items);
    return items ? new PyTuple(items) : v;
  }
  if (v instanceof PySet) {
    const items = plainItems(v.values());
    return items ? new PySet(items) : v;
  }
  if (isDict(v)) return plainDict(v);
  return v;
}

function plainItems(items: readonly PyValue[]): PyValue[] | null {
  let out: PyValue[] | null = null;
  for (let i = 0; i < items.length; i++) {
    const x = items[i]!;
    const p = plainDeep(x);
    if (p !== x && !out) out = items.slice(0, i);
    if (out) out.push(p);
  }
  return out;
}

function plainDict(d: PyDict): PyDict {
  const keys = dictKeys(d);
  let changed = false;
  const values = keys.map((k) => {
    const x = d[k]!;
    const p = plainDeep(x);
    if (p !== x || originalKey(d, k) instanceof Markup) changed = true;
    return p;
  });
  if (!changed) return d;
  const out: PyDict = {};
  keys.forEach((k, i) => {
    dictSet(out, k, values[i]!);
    const orig = originalKey(d, k);
    const plain = orig instanceof Markup ? orig.text : orig;
    if (plain !== k) rememberKey(out, k, plain);
  });
  return out;
}
