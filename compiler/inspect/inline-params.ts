// Orquesta's inline parameter grammar (`action: core.echo message="hi" n=1`,
// `publish: x=<% result() %>`): the pairs it matches, and how each value is typed.
// Bare words are silently dropped, exactly as Orquesta does.

import { PyFloat, type PyValue } from "../../runtime/stdlib/py/index";

const VALUE_ALTERNATIVES = [
  String.raw`\[[^\n]*\]\s*`,
  String.raw`"[^"]*"\s*`,
  String.raw`'[^']*'\s*`,
  String.raw`[-]?\d*\.\d+`,
  String.raw`[-]?\d+`,
  "[tT][rR][uU][eE]",
  "[fF][aA][lL][sS][eE]",
  "null",
  "<%[^\\n]*?%>",
  "\\{\\{[^\\n]*?\\}\\}",
];
const INLINE_PARAMS = new RegExp(String.raw`(\w+)=(${VALUE_ALTERNATIVES.join("|")})`, "g");
const IN_QUOTES = /"[^"]*"\s*/;
const IN_APOSTROPHES = /'[^']*'\s*/;
const FLOAT_TEXT = /^-?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?$/;

function pythonJson(text: string): PyValue {
  const value = JSON.parse(text) as PyValue;
  // json.loads keeps 1.0 a float; JSON.parse cannot tell, so look at the text.
  if (typeof value === "number" && Number.isInteger(value) && FLOAT_TEXT.test(text) && /[.eE]/.test(text)) {
    return new PyFloat(value);
  }
  return value;
}

function typedValue(raw: string): PyValue {
  let v = raw.trim();
  const quotesInParam = IN_QUOTES.test(v) || IN_APOSTROPHES.test(v);
  v = v.replace(/^"/, "").replace(/"$/, "");
  v = v.replace(/^'/, "").replace(/'$/, "");
  let quotesInString = false;
  if (v !== "") {
    const curly = v[0] === "{" && v[v.length - 1] === "}";
    quotesInString = quotesInParam && !curly;
  }
  if (quotesInString) return v;
  const lower = v.toLowerCase();
  const text = lower === "true" || lower === "false" ? lower : v;
  try {
    return pythonJson(text);
  } catch {
    return v;
  }
}

/** The `key=value` pairs Orquesta finds in a string, in order (empty when none). */
export function parseInlineParams(s: unknown): Array<[string, PyValue]> {
  if (typeof s !== "string" || s === "") return [];
  const out: Array<[string, PyValue]> = [];
  for (const m of s.matchAll(INLINE_PARAMS)) out.push([m[1]!, typedValue(m[2]!)]);
  return out;
}
