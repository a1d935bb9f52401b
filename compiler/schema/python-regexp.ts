// Schema patterns are Python regular expressions (Orquesta validates with
// Python's jsonschema): their \w and \d are Unicode classes, so a task may be
// called `tâche` or `日本`. JavaScript's are ASCII even in Unicode mode; this
// rewrites them before compiling with the u flag.

const WORD = String.raw`\p{L}\p{N}_`;

/** The JavaScript (u flag) source of a Python pattern using \w, \W, \d, \D. */
export function pythonPatternToJs(pattern: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === "\\" && i + 1 < pattern.length) {
      const next = pattern[++i]!;
      if (next === "w") out += inClass ? WORD : `[${WORD}]`;
      else if (next === "W" && !inClass) out += `[^${WORD}]`;
      else if (next === "d") out += String.raw`\p{Nd}`;
      else if (next === "D" && !inClass) out += String.raw`\P{Nd}`;
      else out += `\\${next}`;
      continue;
    }
    if (ch === "[" && !inClass) inClass = true;
    else if (ch === "]" && inClass) inClass = false;
    out += ch;
  }
  return out;
}

/** ajv's `code.regExp` engine: Python semantics for the classes above. */
export const pythonRegExp = Object.assign(
  (pattern: string, flags: string): RegExp =>
    new RegExp(pythonPatternToJs(pattern), flags.includes("u") ? flags : `${flags}u`),
  // What ajv's standalone code would import; orqc compiles schemas at run time only.
  { code: "pythonRegExp" },
);
