// Python `re` patterns as JavaScript RegExps: (?P<n>..), (?P=n), \A, \Z,
// inline and scoped flags, Python's `$`, `.` and Unicode \d \w \b, atomic
// groups and possessive quantifiers (with the groups they add numbered away),
// and sre's refusals (variable-width look-behinds, repeated anchors, bad
// group references).

import { PY_SPACE } from "../py/unicode";
import { PyError } from "../py/value";

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

/** A capturing group's opening in the translation; numbered once the whole pattern is read. */
interface OpenTok {
  readonly open: string;
  /** A group the translation adds (atomic groups), which matches leave out. */
  readonly added?: true;
}
/** A backreference to a group, numbered with it. */
interface RefTok {
  readonly ref: OpenTok;
}
type Tok = string | OpenTok | RefTok;
/** The fewest and most characters a part of a pattern matches. */
type Width = readonly [number, number];

function either(a: Width | undefined, b: Width): Width {
  return a === undefined ? b : [Math.min(a[0], b[0]), Math.max(a[1], b[1])];
}

/**
 * A RegExp with groups of its own (the ones that emulate Python's atomic
 * groups and possessive quantifiers), which its matches leave out, so that
 * the groups keep Python's numbers. Copies keep them (see copyRegExp).
 */
export class PyRegExp extends RegExp {
  readonly hidden: readonly number[];

  constructor(source: string | RegExp, flags?: string, hidden?: readonly number[]) {
    super(source, flags);
    this.hidden = hidden ?? (source instanceof PyRegExp ? source.hidden : []);
  }

  override exec(text: string): RegExpExecArray | null {
    const m = super.exec(text);
    if (!m) return m;
    for (let k = this.hidden.length - 1; k >= 0; k--) {
      m.splice(this.hidden[k]!, 1);
      m.indices?.splice(this.hidden[k]!, 1);
    }
    return m;
  }
}

/** The same pattern with other flags (a PyRegExp stays one). */
export function copyRegExp(re: RegExp, flags: string, source = re.source): RegExp {
  return re instanceof PyRegExp ? new PyRegExp(source, flags, re.hidden) : new RegExp(source, flags);
}

const W_CLASS = "\\p{L}\\p{N}_";
const W_CLASS_ASCII = "A-Za-z0-9_";

/** A Python pattern and its flags as a PyRegex; throws PyError("error") where sre refuses it. */
export function translatePattern(pattern: string, flags: number): PyRegex {
  try {
    return translate(pattern, flags);
  } catch (e) {
    // sre counts positions in code points; the translation reads UTF-16 units.
    const m = e instanceof PyError ? / at position (\d+)$/.exec(e.message) : null;
    if (!m) throw e;
    const at = [...pattern.slice(0, Number(m[1]))].length;
    throw reError((e as PyError).message.slice(0, m.index), at);
  }
}

function translate(pattern: string, flags: number): PyRegex {
  // Global inline flags at the start: (?aiLmsux)
  const src = pattern;
  let allFlags = flags;
  for (const m of pattern.matchAll(/\(\?([aiLmsux]+)\)/g)) {
    if (m[1]!.includes("L"))
      throw reError("bad inline flags: cannot use 'L' flag with a str pattern", (m.index ?? 0) + 2);
    for (const f of m[1]!) allFlags |= FLAG_LETTERS[f]!;
  }
  const ascii = (allFlags & ASCII) !== 0;
  const w = ascii ? W_CLASS_ASCII : W_CLASS;
  const space = ascii ? "\\t-\\r " : PY_SPACE;
  const out: Tok[] = [];
  const groupNames = new Map<string, number>();
  /** The opening of each Python group, by number - 1. */
  const pyOpens: OpenTok[] = [];
  /** Open groups, innermost last. */
  const stack: {
    start: number;
    kind: "capture" | "group" | "look" | "atomic";
    /** Where its `(` is in the pattern. */
    pos?: number;
    py?: number;
    /** The widths of the group around it, to go on with when it closes. */
    outer?: [Width, Width | undefined];
    look?: "ahead" | "behind";
    /** The flags to restore when a scoped-flags group closes. */
    flags?: { verbose: boolean; multiline: boolean; dotall: boolean; scopedIgnoreCase: boolean };
  }[] = [];
  /** Where the last atom (what a quantifier repeats) starts in `out`; undefined after `|` or a quantifier. */
  let atomStart: number | undefined;
  let atomIsLook = false;
  let afterQuantifier = false;
  let groups = 0;
  let i = 0;
  // Scoped flags, (?s:...), change these for their group.
  let verbose = (allFlags & VERBOSE) !== 0;
  let multiline = (allFlags & MULTILINE) !== 0;
  let dotall = (allFlags & DOTALL) !== 0;
  /** Case-insensitive inside a scoped (?i:...) while the pattern as a whole is not: letters are spelt out. */
  let scopedIgnoreCase = false;
  const globalIgnoreCase = (allFlags & IGNORECASE) !== 0;

  const readEscape = (inClass: boolean): Tok => {
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
        // sre's \B never matches in an empty string.
        return `(?:(?<=[${w}])(?=[${w}])|(?<![${w}])(?![${w}])(?:(?<=[\\s\\S])|(?=[\\s\\S])))`;
      case "A":
        if (inClass) throw reError("bad escape \\A", i - 2);
        return "^";
      case "Z":
        if (inClass) throw reError("bad escape \\Z", i - 2);
        return "$";
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
      return groupRef(Number(num), i - num.length - 1);
    }
    if (/[A-Za-z]/.test(c)) throw reError(`bad escape \\${c}`, i - 2);
    return literal(c, inClass);
  };

  /** `\N` or `(?P=name)`: a group already closed (sre refuses the others). */
  const groupRef = (n: number, pos: number): RefTok => {
    if (n > groups) throw reError(`invalid group reference ${n}`, pos + 1);
    if (stack.some((g) => g.py === n)) throw reError("cannot refer to an open group", pos);
    return { ref: pyOpens[n - 1]! };
  };

  // Widths (sre's getwidth), for the look-behinds Python refuses unless they have one fixed width.
  /** The current branch of the innermost group, and its earlier branches combined. */
  let branch: Width = [0, 0];
  let branches: Width | undefined;
  let lastWidth: Width = [0, 0];
  const groupWidths = new Map<OpenTok, Width>();

  const openGroup = (g: (typeof stack)[number]): void => {
    stack.push({ ...g, pos: i, outer: [branch, branches] });
    branch = [0, 0];
    branches = undefined;
  };

  const atom = (tok: Tok | Tok[], width: Width = [1, 1]): void => {
    atomStart = out.length;
    atomIsLook = false;
    afterQuantifier = false;
    if (Array.isArray(tok)) out.push(...tok);
    else out.push(tok);
    if (typeof tok === "object" && "ref" in tok) width = groupWidths.get(tok.ref) ?? [0, 0];
    branch = [branch[0] + width[0], branch[1] + width[1]];
    lastWidth = width;
  };

  /** An anchor (`^`, `\\b` ...): sre repeats none of them. */
  const position = (tok: Tok): void => {
    atomStart = undefined;
    afterQuantifier = false;
    out.push(tok);
  };

  /** Makes out[from..] atomic: JavaScript's lookaheads do not backtrack, so (?=(X))\k matches X once. */
  const makeAtomic = (from: number): void => {
    const added: OpenTok = { open: "(", added: true };
    out.splice(from, 0, "(?:(?=", added);
    out.push("))", { ref: added }, ")");
  };

  /** A quantifier (`*`, `{1,3}` ...) and its `?` (lazy) or `+` (possessive) suffix. */
  const quantifier = (q: string, pos: number, min: number, max: number): void => {
    if (afterQuantifier) throw reError("multiple repeat", pos);
    if (atomStart === undefined) throw reError("nothing to repeat", pos);
    branch = [
      branch[0] - lastWidth[0] + lastWidth[0] * min,
      branch[1] - lastWidth[1] + (lastWidth[1] === 0 ? 0 : lastWidth[1] * max),
    ];
    const from = atomStart;
    if (atomIsLook) {
      // JavaScript repeats no assertion; Python does (a lookaround repeated is the lookaround or nothing).
      out.splice(from, 0, "(?:");
      out.push(")");
    }
    out.push(q);
    if (src[i] === "?") {
      out.push("?");
      i++;
    } else if (src[i] === "+") {
      i++;
      makeAtomic(from);
    }
    atomStart = undefined;
    afterQuantifier = true;
  };

  /** A letter in either case (a scoped (?i:...)); other characters as they are. */
  const caseless = (c: string): string => {
    const forms = new Set([c, c.toLowerCase(), c.toUpperCase()].filter((f) => [...f].length === 1));
    return forms.size > 1 ? `[${[...forms].map((f) => literal(f, true)).join("")}]` : literal(c, false);
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
    /** The literal character just read, where a range would start. */
    let previous: { text: string; pos: number } | null = null;
    while (i < src.length) {
      const c = String.fromCodePoint(src.codePointAt(i)!);
      if (c === "]" && !first) {
        i++;
        return `${res}]`;
      }
      first = false;
      if (c === "\\") {
        res += readEscape(true) as string;
        previous = null;
      } else if (c === "[") {
        res += "\\[";
        i++;
        previous = { text: "[", pos: i - 1 };
      } else if (c === "-") {
        // A range dash stays a dash; one at the edges is a literal.
        const atEdge = res.endsWith("[") || res.endsWith("[^") || src[i + 1] === "]";
        const next = atEdge || i + 1 >= src.length ? "" : String.fromCodePoint(src.codePointAt(i + 1)!);
        if (previous && next && next !== "\\" && previous.text.codePointAt(0)! > next.codePointAt(0)!)
          throw reError(`bad character range ${previous.text}-${next}`, previous.pos);
        res += atEdge ? "\\-" : "-";
        i++;
        previous = null;
      } else {
        res += literal(c, true);
        previous = { text: c, pos: i };
        i += c.length;
      }
    }
    throw reError("unterminated character set", i);
  };

  while (i < src.length) {
    // One character, a surrogate pair included: a quantifier repeats all of it.
    const c = String.fromCodePoint(src.codePointAt(i)!);
    if (verbose && /\s/.test(c)) {
      i++;
      continue;
    }
    if (verbose && c === "#") {
      while (i < src.length && src[i] !== "\n") i++;
      continue;
    }
    if (c === "\\") {
      if ("bBAZ".includes(src[i + 1] ?? "")) position(readEscape(false));
      else atom(readEscape(false));
      continue;
    }
    if (c === "[") {
      atom(readClass());
      continue;
    }
    if (c === ".") {
      atom(dotall ? "[\\s\\S]" : "[^\\n]");
      i++;
      continue;
    }
    if (c === "^") {
      // JavaScript's ^ and $ (no m flag: only the ends of the text; a lookbehind can match between surrogates)
      position(multiline ? "(?:^|(?<=\\n))" : "^");
      i++;
      continue;
    }
    if (c === "$") {
      position(multiline ? "(?=\\n|$)" : "(?=\\n?$)");
      i++;
      continue;
    }
    if (c === "*" || c === "+" || c === "?") {
      i++;
      quantifier(c, i - 1, c === "+" ? 1 : 0, c === "?" ? 1 : Infinity);
      continue;
    }
    if (c === "{") {
      const q = /^\{(\d*)(?:(,)(\d*))?\}/.exec(src.slice(i));
      if (q && (q[1] !== "" || q[2] !== undefined)) {
        if (q[1] !== "" && q[3] && Number(q[3]) < Number(q[1]))
          throw reError("min repeat greater than max repeat", i + q[1].length + 2);
        i += q[0].length;
        const min = Number(q[1] || "0");
        const max = q[2] === undefined ? min : q[3] ? Number(q[3]) : Infinity;
        quantifier(`{${q[1] || "0"}${q[2] ?? ""}${q[3] ?? ""}}`, i - q[0].length, min, max);
        continue;
      }
      atom("\\{");
      i++;
      continue;
    }
    if (c === "}") {
      atom("\\}");
      i++;
      continue;
    }
    if (c === "|") {
      branches = either(branches, branch);
      branch = [0, 0];
      out.push("|");
      atomStart = undefined;
      afterQuantifier = false;
      i++;
      continue;
    }
    if (c === ")") {
      const g = stack.pop();
      if (!g) throw reError("unbalanced parenthesis", i);
      if (g.flags) ({ verbose, multiline, dotall, scopedIgnoreCase } = g.flags);
      out.push(")");
      if (g.kind === "atomic") makeAtomic(g.start);
      const width = either(branches, branch);
      if (g.look === "behind" && width[0] !== width[1])
        throw reError("look-behind requires fixed-width pattern");
      if (g.py !== undefined) groupWidths.set(pyOpens[g.py - 1]!, width);
      [branch, branches] = g.outer!;
      lastWidth = g.kind === "look" ? [0, 0] : width;
      branch = [branch[0] + lastWidth[0], branch[1] + lastWidth[1]];
      atomStart = g.start;
      atomIsLook = g.kind === "look";
      afterQuantifier = false;
      i++;
      continue;
    }
    if (c === "(") {
      const start = out.length;
      if (src[i + 1] !== "?") {
        groups++;
        const open: OpenTok = { open: "(" };
        pyOpens.push(open);
        openGroup({ start, kind: "capture", py: groups });
        out.push(open);
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
        const open: OpenTok = { open: `(?<${jsGroupName(name)}>` };
        pyOpens.push(open);
        openGroup({ start, kind: "capture", py: groups });
        out.push(open);
        i += m[0].length;
      } else if ((m = /^\(\?P=([^)]*)\)/.exec(rest))) {
        const idx = groupNames.get(m[1]!);
        if (idx === undefined) throw reError(`unknown group name '${m[1]}'`, i + 4);
        i += m[0].length;
        const ref = groupRef(idx, i - m[0].length) as RefTok;
        atom(["(?:", ref, ")"], groupWidths.get(ref.ref) ?? [0, 0]);
        continue;
      } else if ((m = /^\(\?#[^)]*\)/.exec(rest))) {
        i += m[0].length;
        continue;
      } else if ((m = /^\(\?[aiLmsux]+\)/.exec(rest))) {
        if (i !== 0 && !/^(?:\(\?[aiLmsux]+\))+$/.test(src.slice(0, i)))
          throw reError("global flags not at the start of the expression", i);
        i += m[0].length;
      } else if ((m = /^\(\?(?:[=!]|<=|<!)/.exec(rest))) {
        openGroup({ start, kind: "look", look: m[0].includes("<") ? "behind" : "ahead" });
        out.push(m[0]);
        i += m[0].length;
      } else if (rest.startsWith("(?:")) {
        openGroup({ start, kind: "group" });
        out.push("(?:");
        i += 3;
      } else if (rest.startsWith("(?>")) {
        openGroup({ start, kind: "atomic" });
        out.push("(?:");
        i += 3;
      } else if ((m = /^\(\?([aimsux]*)(?:-([imsx]*))?:/.exec(rest))) {
        const on = m[1]!;
        const off = m[2] ?? "";
        if (m[2] === "") throw reError("missing flag", i + m[0].length - 1);
        if ([...on].some((f) => off.includes(f)))
          throw reError("bad inline flags: flag turned on and off", i + m[0].length - 1);
        openGroup({ start, kind: "group", flags: { verbose, multiline, dotall, scopedIgnoreCase } });
        if (on.includes("x")) verbose = true;
        if (off.includes("x")) verbose = false;
        if (on.includes("m")) multiline = true;
        if (off.includes("m")) multiline = false;
        if (on.includes("s")) dotall = true;
        if (off.includes("s")) dotall = false;
        // A scoped -i under a global i is left case-insensitive: JavaScript has no scoped flags.
        if (on.includes("i") && !globalIgnoreCase) scopedIgnoreCase = true;
        if (off.includes("i")) scopedIgnoreCase = false;
        out.push("(?:");
        i += m[0].length;
      } else {
        throw reError(`unknown extension ?${src[i + 2] ?? ""}`, i + 1);
      }
      atomStart = undefined;
      afterQuantifier = false;
      continue;
    }
    atom(scopedIgnoreCase ? caseless(c) : literal(c, false));
    i += c.length;
  }
  if (stack.length > 0) throw reError("missing ), unterminated subpattern", stack.at(-1)!.pos);
  // Number the groups as JavaScript will, the ones made for atomic groups included.
  const jsIndex = new Map<OpenTok, number>();
  const hidden: number[] = [];
  for (const t of out) {
    if (typeof t === "object" && "open" in t) {
      jsIndex.set(t, jsIndex.size + 1);
      if (t.added) hidden.push(jsIndex.size);
    }
  }
  const source = out
    .map((t) => (typeof t === "string" ? t : "open" in t ? t.open : `(?:\\${jsIndex.get(t.ref)})`))
    .join("");
  const jsFlags = `gyu${allFlags & IGNORECASE ? "i" : ""}`;
  let re: RegExp;
  try {
    re = hidden.length > 0 ? new PyRegExp(source, jsFlags, hidden) : new RegExp(source, jsFlags);
  } catch (e) {
    // JavaScript's message names the translation (`/.../guy: ...`): keep only the reason, in sre's words where known.
    const reason = (e instanceof Error ? e.message : String(e)).replace(
      /^Invalid regular expression: \/.*\/\w*: /s,
      "",
    );
    throw reError(/range out of order/i.test(reason) ? "bad character range" : reason);
  }
  return { source: pattern, groups, re, groupNames };
}

function jsGroupName(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : `g${[...name].map((c) => c.codePointAt(0)).join("_")}`;
}
