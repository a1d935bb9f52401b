// Orquesta's inline parameter grammar (`core.echo message="hi" n=1`, and the
// string form of `publish`): scan for `key=value` matches, strip quotes, and
// JSON-parse unquoted values. Bare words never match and are dropped. The one
// implementation: the inspector and the IR builder both use it.

import { dictSet } from "../../runtime/stdlib/py/dict";
import { mkFloat, mkInt, type PyDict, type PyValue } from "../../runtime/stdlib/py/value";

// Python's `.` stops only at "\n" (JavaScript's also at "\r", U+2028, U+2029);
// its `\w` and `\d` are Unicode classes (`日本=1` is a parameter).
const VALUE_ALTERNATIVES = [
  String.raw`\[[^\n]*\]\s*`,
  String.raw`"[^"]*"\s*`,
  String.raw`'[^']*'\s*`,
  String.raw`[-]?\p{Nd}*\.\p{Nd}+`,
  String.raw`[-]?\p{Nd}+`,
  "[Tt][Rr][Uu][Ee]",
  "[Ff][Aa][Ll][Ss][Ee]",
  "null",
  "\\{\\{[^\\n]*?\\}\\}",
  "<%[^\\n]*?%>",
];

const INLINE_PARAM = new RegExp(String.raw`([\p{L}\p{N}_]+)=(${VALUE_ALTERNATIVES.join("|")})`, "gu");
const QUOTED = /"[^"]*"\s*|'[^']*'\s*/;

/** Parse inline parameters in order; an empty list when nothing matches. */
export function parseInlineParams(text: unknown): Array<readonly [string, PyValue]> {
  const out: Array<readonly [string, PyValue]> = [];
  if (typeof text !== "string" || text === "") return out;
  for (const m of text.matchAll(INLINE_PARAM)) {
    const key = m[1]!;
    let v = m[2]!.trim();
    const quotesInParam = QUOTED.test(v);
    v = v.replace(/^"/, "").replace(/"$/, "");
    v = v.replace(/^'/, "").replace(/'$/, "");
    let quotesInString = false;
    if (v !== "") {
      const curly = v[0] === "{" && v[v.length - 1] === "}";
      quotesInString = quotesInParam && !curly;
    }
    const lower = v.toLowerCase();
    let value: PyValue = v;
    if (!quotesInString) {
      const parsed = parsePythonJson(lower === "true" || lower === "false" ? lower : v);
      if (parsed !== undefined) value = parsed;
    }
    out.push([key, value]);
  }
  return out;
}

/** The inline parameters as a mapping (later duplicates win), or null when none matched. */
export function inlineParamsDict(text: unknown): PyDict | null {
  const pairs = parseInlineParams(text);
  if (pairs.length === 0) return null;
  const d: PyDict = {};
  for (const [k, v] of pairs) dictSet(d, k, v);
  return d;
}

/** Python's json.loads for the value shapes inline params produce; undefined when invalid. */
export function parsePythonJson(text: string): PyValue | undefined {
  const t = text.trim();
  if (/^-?(0|[1-9]\d*)$/.test(t)) {
    const n = Number(t);
    return Number.isSafeInteger(n) ? n : mkInt(BigInt(t));
  }
  if (/^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?$/.test(t)) return mkFloat(Number(t));
  try {
    return fixFloats(JSON.parse(t) as PyValue);
  } catch {
    return undefined;
  }
}

function fixFloats(v: PyValue): PyValue {
  if (Array.isArray(v)) return v.map(fixFloats);
  return v;
}
