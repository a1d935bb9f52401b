// Python `re` patterns and replacement templates on top of JavaScript RegExp:
// named groups `(?P<n>)`, `(?P=n)`, `\A`, `\Z`, Python's `$` (also before a
// final newline), leading inline flags (verbose `(?x)` too), Unicode `\d`/`\w`
// and word boundaries, `{,n}` quantifiers, escapes JavaScript's unicode mode
// rejects, and `\1` / `\g<name>` templates.

import { PY_SPACE } from "../../../runtime/stdlib/py/unicode";
import { PyError } from "../../../runtime/stdlib/py/value";

export interface PyRegexFlags {
  readonly ignoreCase?: boolean;
  readonly multiLine?: boolean;
  readonly dotAll?: boolean;
  /** re.UNICODE, as yaql's regex() passes it: an inline `(?a)` then fails. */
  readonly unicode?: boolean;
}

const JS_SYNTAX = "^$\\.*+?()[]{}|/";

export function compilePyRegex(pattern: string, flags: PyRegexFlags = {}): RegExp {
  let ignoreCase = flags.ignoreCase ?? false;
  let multiLine = flags.multiLine ?? false;
  let dotAll = flags.dotAll ?? false;
  let src = pattern;
  const inline = /^\(\?([aiLmsux]+)\)/.exec(src);
  if (inline) {
    src = src.slice(inline[0].length);
    ignoreCase ||= inline[1]!.includes("i");
    multiLine ||= inline[1]!.includes("m");
    dotAll ||= inline[1]!.includes("s");
  }
  const ascii = inline?.[1]?.includes("a") ?? false;
  if (ascii && flags.unicode) throw new PyError("ValueError", "ASCII and UNICODE flags are incompatible");
  const verbose = inline?.[1]?.includes("x") ?? false;
  const body = translate(src, multiLine, ascii, verbose);
  try {
    return new RegExp(body, `gu${ignoreCase ? "i" : ""}${multiLine ? "m" : ""}${dotAll ? "s" : ""}`);
  } catch (e) {
    throw new PyError("error", e instanceof Error ? e.message : String(e));
  }
}

/** Python's \\s on str, or re.ASCII's. */
const SPACE = { unicode: PY_SPACE, ascii: "\\t-\\r " };
const DIGIT = { unicode: "\\p{Nd}", ascii: "0-9" };
const WORD = { unicode: "\\p{L}\\p{N}_", ascii: "A-Za-z0-9_" };

/** Python's \b and \B: JavaScript's look at ASCII word characters only, even in unicode mode. */
function boundary(word: string, negated: boolean): string {
  const w = `[${word}]`;
  return negated ? `(?:(?<=${w})(?=${w})|(?<!${w})(?!${w}))` : `(?:(?<=${w})(?!${w})|(?<!${w})(?=${w}))`;
}

/** Whitespace a verbose pattern ignores outside classes (sre_parse's WHITESPACE). */
const VERBOSE_SPACE = " \t\n\r\v\f";

function translate(src: string, multiLine: boolean, ascii: boolean, verbose: boolean): string {
  const kind = ascii ? "ascii" : "unicode";
  const cls = (body: string, negated: boolean, inClass: boolean, inClassNegated: string): string =>
    inClass ? (negated ? inClassNegated : body) : `[${negated ? "^" : ""}${body}]`;
  let out = "";
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (ch === "\\") {
      const nx = src[i + 1];
      if (nx === undefined) throw new PyError("error", "bad escape (end of pattern)");
      i++;
      if (nx === "A" && !inClass) out += "(?<![\\s\\S])";
      else if (nx === "Z" && !inClass) out += "(?![\\s\\S])";
      else if ((nx === "b" || nx === "B") && !inClass && !ascii) out += boundary(WORD.unicode, nx === "B");
      else if (/[0-7]{3}/y.test(src.slice(i, i + 3)) || nx === "0") {
        // An octal escape: \0 with up to two more digits, or three octal digits.
        const oct = nx === "0" ? /^0[0-7]{0,2}/.exec(src.slice(i))![0] : src.slice(i, i + 3);
        out += `\\u{${Number.parseInt(oct, 8).toString(16)}}`;
        i += oct.length - 1;
      } else if (/[1-9]/.test(nx) && !inClass) {
        // A group reference (one or two digits), kept apart from any digits that follow.
        const num = /^[1-9][0-9]?/.exec(src.slice(i))![0];
        out += `(?:\\${num})`;
        i += num.length - 1;
      } else if (nx === "d" || nx === "D")
        out += cls(DIGIT[kind], nx === "D", inClass, ascii ? "\\D" : "\\P{Nd}");
      else if (nx === "w" || nx === "W")
        out += cls(WORD[kind], nx === "W", inClass, ascii ? "\\W" : "\\P{L}");
      // (inside a class, a complement is JavaScript's: a class cannot hold the complement of another)
      else if (nx === "s" || nx === "S") out += cls(SPACE[kind], nx === "S", inClass, "\\S");
      else if (/[0-9a-zA-Z]/.test(nx)) out += `\\${nx}`;
      else if (JS_SYNTAX.includes(nx) || (inClass && nx === "-")) out += `\\${nx}`;
      else out += nx;
      continue;
    }
    if (inClass) {
      if (ch === "]") inClass = false;
      if (ch === "[") out += "\\[";
      else out += ch;
      continue;
    }
    if (verbose && VERBOSE_SPACE.includes(ch)) continue;
    if (verbose && ch === "#") {
      while (i + 1 < src.length && src[i + 1] !== "\n") i++;
      continue;
    }
    if (ch === "[") {
      inClass = true;
      out += ch;
      if (src[i + 1] === "^") out += src[++i];
      if (src[i + 1] === "]") {
        out += "\\]";
        i++;
      }
      continue;
    }
    if (ch === "(" && src.startsWith("(?#", i)) {
      // A comment group.
      const close = src.indexOf(")", i);
      if (close < 0) throw new PyError("error", "missing ), unterminated comment");
      i = close;
      continue;
    }
    if (ch === "(" && src.startsWith("(?P<", i)) {
      out += "(?<";
      i += 3;
      continue;
    }
    if (ch === "(" && src.startsWith("(?P=", i)) {
      const close = src.indexOf(")", i);
      out += `\\k<${src.slice(i + 4, close)}>`;
      i = close;
      continue;
    }
    if (ch === "$" && !multiLine) {
      out += "(?=\\n?(?![\\s\\S]))";
      continue;
    }
    if (ch === "{") {
      // sre_parse: `{}` and anything but {n}, {n,}, {,n}, {n,m} or {,} is a literal brace.
      const q = /^\{(\d*)(?:(,)(\d*))?\}/.exec(src.slice(i));
      if (!q || q[0] === "{}") {
        out += "\\{";
        continue;
      }
      const lo = q[1] || "0";
      out += q[2] ? `{${lo},${q[3]}}` : `{${lo}}`;
      i += q[0].length - 1;
      continue;
    }
    if (ch === "}" || ch === "]") {
      out += `\\${ch}`;
      continue;
    }
    out += ch;
  }
  return out;
}

/** Expands a Python replacement template (`\1`, `\g<1>`, `\g<name>`, `\n`) for one match. */
export function expandTemplate(template: string, m: RegExpExecArray): string {
  let out = "";
  for (let i = 0; i < template.length; i++) {
    const ch = template[i]!;
    if (ch !== "\\") {
      out += ch;
      continue;
    }
    const nx = template[++i];
    if (nx === undefined) throw new PyError("error", "bad escape (end of pattern)");
    if (nx === "0") {
      // \0 starts an octal escape (up to two more octal digits), not group 0.
      const oct = /^[0-7]{0,2}/.exec(template.slice(i + 1))![0];
      out += String.fromCharCode(Number.parseInt(`0${oct}`, 8));
      i += oct.length;
    } else if (/[1-9]/.test(nx)) {
      const three = template.slice(i, i + 3);
      if (/^[0-7]{3}$/.test(three)) {
        const code = Number.parseInt(three, 8);
        if (code > 0o377)
          throw new PyError("error", `octal escape value \\${three} outside of range 0-0o377`);
        out += String.fromCharCode(code);
        i += 2;
      } else {
        let num = nx;
        if (/[0-9]/.test(template[i + 1] ?? "")) num += template[++i];
        out += group(m, Number(num));
      }
    } else if (nx === "g") {
      const close = template.indexOf(">", i);
      const ref = template.slice(i + 2, close);
      if (!/^\d+$/.test(ref) && !(m.groups && ref in m.groups))
        throw new PyError("IndexError", `unknown group name '${ref}'`);
      out += /^\d+$/.test(ref) ? group(m, Number(ref)) : (m.groups?.[ref] ?? "");
      i = close;
    } else if (nx === "n") out += "\n";
    else if (nx === "t") out += "\t";
    else if (nx === "r") out += "\r";
    else if (nx === "f") out += "\f";
    else if (nx === "v") out += "\v";
    else if (nx === "a") out += "\x07";
    else if (nx === "b") out += "\b";
    else if (nx === "\\") out += "\\";
    else if (/[a-zA-Z]/.test(nx)) throw new PyError("error", `bad escape \\${nx}`);
    else out += `\\${nx}`;
  }
  return out;
}

function group(m: RegExpExecArray, n: number): string {
  if (n >= m.length) throw new PyError("error", `invalid group reference ${n}`);
  return m[n] ?? "";
}

/**
 * Checks a replacement template against a pattern's groups, as Python does when
 * it compiles the template (before looking for matches): a match of the empty
 * alternative gives every group, unset.
 */
export function checkTemplate(re: RegExp, template: string): void {
  const probe = new RegExp(`${re.source}|`, re.flags.replace(/[gy]/g, "")).exec("");
  if (probe) expandTemplate(template, probe);
}

/** re.sub with a replacement function; count 0 means all, a negative count replaces nothing. */
export function pySub(re: RegExp, text: string, repl: (m: RegExpExecArray) => string, count = 0): string {
  if (count < 0) return text;
  let out = "";
  let last = 0;
  let n = 0;
  for (const m of text.matchAll(re)) {
    if (count > 0 && n >= count) break;
    out += text.slice(last, m.index) + repl(m as RegExpExecArray);
    last = m.index! + m[0].length;
    n++;
  }
  return out + text.slice(last);
}

/** re.split: captured groups are included (null when they did not take part); a negative maxSplit splits nothing. */
export function pySplit(re: RegExp, text: string, maxSplit = 0): (string | null)[] {
  if (maxSplit < 0) return [text];
  const out: (string | null)[] = [];
  let last = 0;
  let n = 0;
  for (const m of text.matchAll(re)) {
    if (maxSplit > 0 && n >= maxSplit) break;
    out.push(text.slice(last, m.index));
    for (let g = 1; g < m.length; g++) out.push(m[g] ?? null);
    last = m.index! + m[0].length;
    n++;
  }
  out.push(text.slice(last));
  return out;
}
