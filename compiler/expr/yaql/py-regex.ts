// Python `re` for yaql: patterns (translated as for StackStorm's regex
// functions), and re.sub/re.split with `\1` / `\g<name>` templates.

import {
  compilePyRegex as compilePattern,
  copyRegExp,
  DOTALL,
  IGNORECASE,
  MULTILINE,
  pyMatchAll,
} from "../../../runtime/stdlib/functions/py-regex";
import { PyError } from "../../../runtime/stdlib/py/value";

export interface PyRegexFlags {
  readonly ignoreCase?: boolean;
  readonly multiLine?: boolean;
  readonly dotAll?: boolean;
  /** re.UNICODE, as yaql's regex() passes it: an inline `(?a)` then fails. */
  readonly unicode?: boolean;
}

/**
 * A Python pattern as a JavaScript RegExp (global, not sticky), translated by
 * the same code as StackStorm's regex functions (runtime/stdlib/functions/py-regex.ts).
 */
export function compilePyRegex(pattern: string, flags: PyRegexFlags = {}): RegExp {
  const inline = /^\(\?([aiLmsux]+)\)/.exec(pattern);
  if (inline?.[1]?.includes("a") && flags.unicode)
    throw new PyError("ValueError", "ASCII and UNICODE flags are incompatible");
  const rx = compilePattern(
    pattern,
    (flags.ignoreCase ? IGNORECASE : 0) | (flags.multiLine ? MULTILINE : 0) | (flags.dotAll ? DOTALL : 0),
  );
  return copyRegExp(rx.re, rx.re.flags.replace("y", ""));
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
  const probe = copyRegExp(re, re.flags.replace(/[gy]/g, ""), `${re.source}|`).exec("");
  if (probe) expandTemplate(template, probe);
}

/** re.sub with a replacement function; count 0 means all, a negative count replaces nothing. */
export function pySub(re: RegExp, text: string, repl: (m: RegExpExecArray) => string, count = 0): string {
  if (count < 0) return text;
  let out = "";
  let last = 0;
  let n = 0;
  for (const m of pyMatchAll(re, text)) {
    if (count > 0 && n >= count) break;
    out += text.slice(last, m.index) + repl(m);
    last = m.index + m[0].length;
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
  for (const m of pyMatchAll(re, text)) {
    if (maxSplit > 0 && n >= maxSplit) break;
    out.push(text.slice(last, m.index));
    for (let g = 1; g < m.length; g++) out.push(m[g] ?? null);
    last = m.index + m[0].length;
    n++;
  }
  out.push(text.slice(last));
  return out;
}
