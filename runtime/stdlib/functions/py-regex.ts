// Python `re` on top of JavaScript RegExp: translates a Python pattern
// ((?P<n>..), (?P=n), \A, \Z, inline flags, Python's `$`, `.` and Unicode
// \d \w \b) and implements match/search/sub/findall with Python's results.

import { PY_SPACE } from "../py/unicode";
import { PyError, PyTuple, type PyValue } from "../py/value";

export interface PyRegex {
  readonly source: string;
  readonly groups: number;
  /** A sticky+global regex for matching at a position. */
  readonly re: RegExp;
  readonly groupNames: ReadonlyMap<string, number>;
}

export const IGNORECASE = 2;
export const MULTILINE = 8;
export const DOTALL = 16;
const VERBOSE = 64;
const ASCII = 256;

const FLAG_LETTERS: Record<string, number> = {
  i: IGNORECASE,
  m: MULTILINE,
  s: DOTALL,
  x: VERBOSE,
  a: ASCII,
  u: 0,
  L: 0,
};

function reError(message: string, pos?: number): PyError {
  return new PyError("error", pos === undefined ? message : `${message} at position ${pos}`);
}

const W_CLASS = "\\p{L}\\p{N}_";
const W_CLASS_ASCII = "A-Za-z0-9_";

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

function translatePattern(pattern: string, flags: number): PyRegex {
  // Global inline flags at the start: (?aiLmsux)
  const src = pattern;
  let allFlags = flags;
  for (const m of pattern.matchAll(/\(\?([aiLmsux]+)\)/g)) {
    for (const f of m[1]!) allFlags |= FLAG_LETTERS[f]!;
  }
  const ascii = (allFlags & ASCII) !== 0;
  const w = ascii ? W_CLASS_ASCII : W_CLASS;
  const space = ascii ? "\\t-\\r " : PY_SPACE;
  const out: string[] = [];
  const groupNames = new Map<string, number>();
  let groups = 0;
  let i = 0;
  const verbose = (allFlags & VERBOSE) !== 0;
  const multiline = (allFlags & MULTILINE) !== 0;
  const dotall = (allFlags & DOTALL) !== 0;

  const readEscape = (inClass: boolean): string => {
    const c = src[i + 1];
    if (c === undefined) throw reError("bad escape (end of pattern)", i);
    i += 2;
    switch (c) {
      case "d":
        if (ascii) return inClass ? "0-9" : "[0-9]";
        return "\\p{Nd}";
      case "D":
        return ascii ? "\\D" : "\\P{Nd}";
      case "w":
        return inClass ? w : `[${w}]`;
      case "W":
        return inClass ? (ascii ? "\\W" : "\\P{L}") : `[^${w}]`;
      case "s":
        // Python's whitespace on str (JavaScript's \s differs), ASCII's with re.A
        return inClass ? space : `[${space}]`;
      case "S":
        // (inside a class, JavaScript's \S: a class cannot hold the complement of another)
        return inClass ? "\\S" : `[^${space}]`;
      case "b":
        if (inClass) return "\\x08";
        return `(?:(?<=[${w}])(?![${w}])|(?<![${w}])(?=[${w}]))`;
      case "B":
        if (inClass) throw reError("bad escape \\B", i - 2);
        return `(?:(?<=[${w}])(?=[${w}])|(?<![${w}])(?![${w}]))`;
      case "A":
        if (inClass) throw reError("bad escape \\A", i - 2);
        return "(?<![\\s\\S])";
      case "Z":
        if (inClass) throw reError("bad escape \\Z", i - 2);
        return "(?![\\s\\S])";
      case "n":
        return "\\n";
      case "t":
        return "\\t";
      case "r":
        return "\\r";
      case "f":
        return "\\f";
      case "v":
        return "\\v";
      case "a":
        return "\\x07";
      case "x": {
        const hex = src.slice(i, i + 2);
        if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw reError(`incomplete escape \\x${hex}`, i - 2);
        i += 2;
        return `\\x${hex}`;
      }
      case "u":
      case "U": {
        const len = c === "u" ? 4 : 8;
        const hex = src.slice(i, i + len);
        if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex))
          throw reError(`incomplete escape \\${c}${hex}`, i - 2);
        i += len;
        return `\\u{${hex}}`;
      }
      case "0": {
        const oct = /^[0-7]{0,2}/.exec(src.slice(i))![0];
        i += oct.length;
        return `\\u{${Number.parseInt(`0${oct}`, 8).toString(16)}}`;
      }
    }
    if (/[1-9]/.test(c)) {
      const digits = /^[0-9]?/.exec(src.slice(i))![0];
      const num = c + digits;
      if (/^[0-7]{3}$/.test(src.slice(i - 1, i + 2))) {
        i += 2;
        return `\\u{${Number.parseInt(src.slice(i - 3, i), 8).toString(16)}}`;
      }
      if (inClass) throw reError(`bad escape \\${c}`, i - 2);
      i += digits.length;
      return `(?:\\${num})`;
    }
    if (/[A-Za-z]/.test(c)) throw reError(`bad escape \\${c}`, i - 2);
    return literal(c, inClass);
  };

  const literal = (c: string, inClass: boolean): string => {
    if (/[\^$\\.*+?()[\]{}|/]/.test(c)) return `\\${c}`;
    if (inClass && c === "-") return "\\-";
    return c;
  };

  const readClass = (): string => {
    // at '['
    let res = "[";
    i++;
    if (src[i] === "^") {
      res += "^";
      i++;
    }
    let first = true;
    while (i < src.length) {
      const c = src[i]!;
      if (c === "]" && !first) {
        i++;
        return `${res}]`;
      }
      first = false;
      if (c === "\\") res += readEscape(true);
      else if (c === "[") {
        res += "\\[";
        i++;
      } else if (c === "-") {
        // A range dash stays a dash; one at the edges is a literal.
        const atEdge = res.endsWith("[") || res.endsWith("[^") || src[i + 1] === "]";
        res += atEdge ? "\\-" : "-";
        i++;
      } else {
        res += literal(c, true);
        i++;
      }
    }
    throw reError("unterminated character set", i);
  };

  while (i < src.length) {
    const c = src[i]!;
    if (verbose && /\s/.test(c)) {
      i++;
      continue;
    }
    if (verbose && c === "#") {
      while (i < src.length && src[i] !== "\n") i++;
      continue;
    }
    if (c === "\\") {
      out.push(readEscape(false));
      continue;
    }
    if (c === "[") {
      out.push(readClass());
      continue;
    }
    if (c === ".") {
      out.push(dotall ? "[\\s\\S]" : "[^\\n]");
      i++;
      continue;
    }
    if (c === "^") {
      out.push(multiline ? "(?:(?<![\\s\\S])|(?<=\\n))" : "(?<![\\s\\S])");
      i++;
      continue;
    }
    if (c === "$") {
      out.push(multiline ? "(?=\\n|(?![\\s\\S]))" : "(?=\\n?(?![\\s\\S]))");
      i++;
      continue;
    }
    if (c === "{") {
      const q = /^\{(\d*)(?:(,)(\d*))?\}/.exec(src.slice(i));
      if (q && (q[1] !== "" || q[2] !== undefined) && out.length > 0) {
        out.push(`{${q[1] || "0"}${q[2] ?? ""}${q[3] ?? ""}}`);
        i += q[0].length;
        if (src[i] === "+") throw reError("possessive quantifiers are not supported", i);
        continue;
      }
      out.push("\\{");
      i++;
      continue;
    }
    if (c === "}") {
      out.push("\\}");
      i++;
      continue;
    }
    if (c === "(") {
      if (src[i + 1] !== "?") {
        groups++;
        out.push("(");
        i++;
        continue;
      }
      const rest = src.slice(i);
      let m: RegExpExecArray | null;
      if ((m = /^\(\?P<([^>]*)>/.exec(rest))) {
        const name = m[1]!;
        if (!/^[\p{L}_][\p{L}\p{N}_]*$/u.test(name))
          throw reError(`bad character in group name '${name}'`, i + 4);
        if (groupNames.has(name)) throw reError(`redefinition of group name '${name}'`, i + 4);
        groups++;
        groupNames.set(name, groups);
        out.push(`(?<${jsGroupName(name)}>`);
        i += m[0].length;
      } else if ((m = /^\(\?P=([^)]*)\)/.exec(rest))) {
        const idx = groupNames.get(m[1]!);
        if (idx === undefined) throw reError(`unknown group name '${m[1]}'`, i + 4);
        out.push(`(?:\\${idx})`);
        i += m[0].length;
      } else if ((m = /^\(\?#[^)]*\)/.exec(rest))) {
        i += m[0].length;
      } else if ((m = /^\(\?[aiLmsux]+\)/.exec(rest))) {
        if (i !== 0 && !/^(?:\(\?[aiLmsux]+\))+$/.test(src.slice(0, i)))
          throw reError("global flags not at the start of the expression", i);
        i += m[0].length;
      } else if ((m = /^\(\?(?:[:=!]|<=|<!)/.exec(rest))) {
        out.push(m[0]);
        i += m[0].length;
      } else if ((m = /^\(\?([imsx]*)(?:-([imsx]*))?:/.exec(rest))) {
        // Scoped flags: only the case-insensitive ones matter much; approximate with a plain group.
        out.push("(?:");
        i += m[0].length;
      } else {
        throw reError(`unknown extension ?${src[i + 2] ?? ""}`, i + 1);
      }
      continue;
    }
    out.push("*+?)|".includes(c) ? c : literal(c, false));
    i++;
  }
  const jsFlags = `gyu${allFlags & IGNORECASE ? "i" : ""}`;
  let re: RegExp;
  try {
    re = new RegExp(out.join(""), jsFlags);
  } catch (e) {
    throw reError(e instanceof Error ? e.message.replace(/^Invalid regular expression: /, "") : String(e));
  }
  return { source: pattern, groups, re, groupNames };
}

function jsGroupName(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : `g${[...name].map((c) => c.codePointAt(0)).join("_")}`;
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
    re = new RegExp(`(?:${rx.re.source})(?<=^[\\s\\S]{${least},})`, rx.re.flags);
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

/** re.findall: strings, or tuples of groups when the pattern has several. */
export function pyFindall(rx: PyRegex, text: string): PyValue[] {
  return pyFinditer(rx, text).map((m) => {
    if (rx.groups === 0) return m.groups[0] ?? "";
    if (rx.groups === 1) return m.groups[1] ?? "";
    return new PyTuple(m.groups.slice(1).map((g) => g ?? ""));
  });
}
