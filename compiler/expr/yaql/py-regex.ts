// Python `re` for yaql: patterns (translated as for StackStorm's regex
// functions), re.sub with a function and re.split. Substitution templates
// (`\1`, `\g<name>`) are StackStorm's: runtime/stdlib/functions/py-regex-sub.ts.

import {
  compilePyRegex as compilePattern,
  DOTALL,
  IGNORECASE,
  MULTILINE,
  type PyRegex,
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
 * A Python pattern, translated by the same code as StackStorm's regex
 * functions (runtime/stdlib/functions/py-regex.ts), with yaql's flags.
 */
export function compilePyRegex(pattern: string, flags: PyRegexFlags = {}): PyRegex {
  const inline = /^\(\?([aiLmsux]+)\)/.exec(pattern);
  if (inline?.[1]?.includes("a") && flags.unicode)
    throw new PyError("ValueError", "ASCII and UNICODE flags are incompatible");
  return compilePattern(
    pattern,
    (flags.ignoreCase ? IGNORECASE : 0) | (flags.multiLine ? MULTILINE : 0) | (flags.dotAll ? DOTALL : 0),
  );
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
