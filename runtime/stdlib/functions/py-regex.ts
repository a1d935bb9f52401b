// Python `re` on top of JavaScript RegExp: patterns translated by
// py-regex-translate.ts, and match/search/sub/findall with Python's results.

import { PyTuple, type PyValue } from "../py/value";
import { copyRegExp, type PyRegex, translatePattern } from "./py-regex-translate";

export {
  copyRegExp,
  DOTALL,
  IGNORECASE,
  MULTILINE,
  PyRegExp,
  type PyRegex,
} from "./py-regex-translate";

/**
 * Compiled patterns by flags and text, as Python's re module caches them: a
 * pattern used per item (`$ =~ '...'` in a where()) is translated once. A
 * PyRegex can be shared: every match sets lastIndex before it runs.
 */
const compiled = new Map<string, PyRegex>();
const CACHE_LIMIT = 512;

/** Compiles a Python pattern; throws PyError("error") like re.error. */
export function compilePyRegex(pattern: string, flags = 0): PyRegex {
  const key = `${flags}:${pattern}`;
  const hit = compiled.get(key);
  if (hit) return hit;
  const rx = translatePattern(pattern, flags);
  if (compiled.size >= CACHE_LIMIT) compiled.delete(compiled.keys().next().value as string);
  compiled.set(key, rx);
  return rx;
}

/** One match: span and groups (undefined for a group that did not take part). */
export interface PyMatch {
  readonly start: number;
  readonly end: number;
  readonly groups: readonly (string | undefined)[];
}

function execAt(rx: PyRegex, text: string, pos: number): PyMatch | null {
  rx.re.lastIndex = pos;
  const m = rx.re.exec(text);
  if (!m) return null;
  return { start: m.index, end: m.index + m[0].length, groups: [...m] };
}

/** re.match: anchored at the start. */
export function pyMatch(rx: PyRegex, text: string): PyMatch | null {
  return execAt(rx, text, 0);
}

/** The index after the character at `pos`: Python steps by code points, and a pair of surrogates is one. */
function nextIndex(text: string, pos: number): number {
  const unit = text.charCodeAt(pos);
  if (unit >= 0xd800 && unit <= 0xdbff) {
    const low = text.charCodeAt(pos + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return pos + 2;
  }
  return pos + 1;
}

/** re.search: the first match anywhere. */
export function pySearch(rx: PyRegex, text: string): PyMatch | null {
  for (let pos = 0; pos <= text.length; pos = nextIndex(text, pos)) {
    const m = execAt(rx, text, pos);
    if (m) return m;
  }
  return null;
}

/** A match at `pos` that consumes at least one character (sre's "must advance" after an empty match). */
function execNonEmptyAt(rx: PyRegex, text: string, pos: number): PyMatch | null {
  let cache = nonEmptyCache.get(rx);
  if (!cache) nonEmptyCache.set(rx, (cache = new Map()));
  // The pattern runs in unicode mode, where [\s\S] is one code point.
  const least = [...text.slice(0, pos)].length + 1;
  let re = cache.get(least);
  if (!re) {
    re = copyRegExp(rx.re, rx.re.flags, `(?:${rx.re.source})(?<=^[\\s\\S]{${least},})`);
    cache.set(least, re);
  }
  re.lastIndex = pos;
  const m = re.exec(text);
  return m ? { start: m.index, end: m.index + m[0].length, groups: [...m] } : null;
}

const nonEmptyCache = new WeakMap<PyRegex, Map<number, RegExp>>();

/**
 * All non-overlapping matches, as Python's finditer yields them (3.7+): an
 * empty match may follow a non-empty one, and after an empty match at p the
 * next match is a non-empty one at p or any match after p.
 */
export function pyFinditer(rx: PyRegex, text: string): PyMatch[] {
  const out: PyMatch[] = [];
  let pos = 0;
  let mustAdvance = false;
  while (pos <= text.length) {
    let m: PyMatch | null = mustAdvance ? execNonEmptyAt(rx, text, pos) : null;
    for (let p = mustAdvance ? nextIndex(text, pos) : pos; p <= text.length && !m; p = nextIndex(text, p))
      m = execAt(rx, text, p);
    if (!m) break;
    out.push(m);
    mustAdvance = m.end === m.start;
    pos = m.end;
  }
  return out;
}

/**
 * Python's finditer over a global JavaScript RegExp (what yaql's methods
 * hold): JavaScript's own iteration steps past an empty match, where Python
 * first tries a longer match at the same place (`.*?` splits 'ab' into
 * nothing but separators).
 */
export function* pyMatchAll(re: RegExp, text: string): Generator<RegExpExecArray> {
  // yaql's callers hand a fresh global RegExp; anything else is copied so its lastIndex stays its own.
  const search = re.global && !re.sticky ? re : copyRegExp(re, `${re.flags.replace(/[gy]/g, "")}g`);
  const longer = new Map<number, RegExp>();
  let pos = 0;
  while (pos <= text.length) {
    search.lastIndex = pos;
    const m = search.exec(text);
    if (!m) return;
    yield m;
    if (m[0].length > 0) {
      pos = m.index + m[0].length;
      continue;
    }
    // After an empty match at p: a non-empty match at p, else the search goes on after p.
    const at = m.index;
    const least = [...text.slice(0, at)].length + 1;
    let again = longer.get(least);
    if (!again) {
      const flags = `${re.flags.replace(/[gy]/g, "")}y`;
      again = copyRegExp(re, flags, `(?:${re.source})(?<=^[\\s\\S]{${least},})`);
      longer.set(least, again);
    }
    again.lastIndex = at;
    const longerMatch = again.exec(text);
    if (longerMatch) {
      yield longerMatch;
      pos = longerMatch.index + longerMatch[0].length;
    } else pos = nextIndex(text, at);
  }
}

/** re.findall: strings, or tuples of groups when the pattern has several. */
export function pyFindall(rx: PyRegex, text: string): PyValue[] {
  return pyFinditer(rx, text).map((m) => {
    if (rx.groups === 0) return m.groups[0] ?? "";
    if (rx.groups === 1) return m.groups[1] ?? "";
    return new PyTuple(m.groups.slice(1).map((g) => g ?? ""));
  });
}
