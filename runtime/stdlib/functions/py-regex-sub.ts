// Python's re.sub over a compiled PyRegex: the replacement template syntax
// (\1, \g<1>, \g<name>, \n ...) with CPython's errors.

import { parseIntText } from "../py/number-text";
import { pyIsIdentifier } from "../py/unicode";
import { PyError } from "../py/value";
import { type PyRegex, pyFinditer } from "./py-regex";

function reError(message: string, pos: number): PyError {
  return new PyError("error", `${message} at position ${pos}`);
}

/**
 * The group `\g<name>` refers to: a name when it is an identifier, else
 * Python 3.11's int(name), which also reads signs, spaces, underscores and
 * Unicode digits (with a DeprecationWarning).
 */
function groupOfName(rx: PyRegex, name: string, pos: number): number {
  if (name === "") throw reError("missing group name", pos);
  if (pyIsIdentifier(name)) {
    const index = rx.groupNames.get(name);
    if (index === undefined) throw new PyError("IndexError", `unknown group name '${name}'`);
    return index;
  }
  let index: number | bigint | null = null;
  try {
    index = parseIntText(name, 10);
  } catch {
    // past the digit limit: int() raised ValueError
  }
  if (index === null || index < 0) throw reError(`bad character in group name '${name}'`, pos);
  return Number(index);
}

/**
 * re.sub with a Python replacement template (\1, \g<1>, \g<name>, \n ...);
 * count 0 replaces all, a negative count nothing (the template is still checked).
 */
export function pySub(rx: PyRegex, template: string, text: string, count = 0): string {
  const parts = parseTemplate(rx, template);
  if (count < 0) return text;
  let out = "";
  let last = 0;
  let n = 0;
  for (const m of pyFinditer(rx, text)) {
    if (count > 0 && n >= count) break;
    out += text.slice(last, m.start);
    for (const p of parts) out += typeof p === "string" ? p : (m.groups[p] ?? "");
    last = m.end;
    n++;
  }
  return out + text.slice(last);
}

const TEMPLATE_ESCAPES: Record<string, string> = {
  n: "\n",
  t: "\t",
  r: "\r",
  f: "\f",
  v: "\v",
  a: "\x07",
  b: "\b",
  "\\": "\\",
};

function parseTemplate(rx: PyRegex, template: string): (string | number)[] {
  const parts: (string | number)[] = [];
  let lit = "";
  const group = (index: number, pos: number) => {
    if (index > rx.groups) throw reError(`invalid group reference ${index}`, pos);
    if (lit) parts.push(lit);
    lit = "";
    parts.push(index);
  };
  for (let i = 0; i < template.length; i++) {
    const c = template[i]!;
    if (c !== "\\") {
      lit += c;
      continue;
    }
    const e = template[i + 1];
    if (e === undefined) throw reError("bad escape (end of pattern)", i);
    if (e === "g") {
      const m = /^<([^>]*)>/.exec(template.slice(i + 2));
      if (!m) throw reError("missing <", i + 2);
      group(groupOfName(rx, m[1]!, i + 3), i);
      i += 1 + m[0].length;
    } else if (e === "0") {
      const oct = /^[0-7]{0,2}/.exec(template.slice(i + 2))![0];
      lit += String.fromCharCode(Number.parseInt(`0${oct}`, 8));
      i += 1 + oct.length;
    } else if (/[1-9]/.test(e)) {
      const three = template.slice(i + 1, i + 4);
      if (/^[0-7]{3}$/.test(three)) {
        const code = Number.parseInt(three, 8);
        if (code > 0o377) throw reError(`octal escape value \\${three} outside of range 0-0o377`, i);
        lit += String.fromCharCode(code);
        i += 3;
      } else {
        const num = /^\d{1,2}/.exec(template.slice(i + 1))![0];
        group(Number(num), i);
        i += num.length;
      }
    } else if (e in TEMPLATE_ESCAPES) {
      lit += TEMPLATE_ESCAPES[e];
      i++;
    } else if (/[A-Za-z]/.test(e)) {
      throw reError(`bad escape \\${e}`, i);
    } else {
      lit += `\\${e}`;
      i++;
    }
  }
  if (lit) parts.push(lit);
  return parts;
}
