// Decoding of Jinja string literals: Jinja decodes the text between the quotes
// with Python's "unicode-escape" codec (non-ASCII characters kept as they are).

const SIMPLE: Record<string, string> = {
  "\\": "\\",
  "'": "'",
  '"': '"',
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  "\n": "",
};

/** The decoded text, or `{ error }` with Python's codec message. */
export function decodeStringLiteral(body: string): string | { error: string } {
  if (!body.includes("\\")) return body;
  let out = "";
  let i = 0;
  while (i < body.length) {
    const ch = body[i]!;
    if (ch !== "\\") {
      out += ch;
      i++;
      continue;
    }
    const next = body[i + 1];
    if (next === undefined) return { error: "\\ at end of string" };
    if (next in SIMPLE) {
      out += SIMPLE[next];
      i += 2;
      continue;
    }
    if (next >= "0" && next <= "7") {
      const m = /^[0-7]{1,3}/.exec(body.slice(i + 1))!;
      out += String.fromCodePoint(Number.parseInt(m[0], 8));
      i += 1 + m[0].length;
      continue;
    }
    const hexLen = next === "x" ? 2 : next === "u" ? 4 : next === "U" ? 8 : 0;
    if (hexLen > 0) {
      const hex = body.slice(i + 2, i + 2 + hexLen);
      if (hex.length < hexLen || !/^[0-9a-fA-F]+$/.test(hex)) {
        return { error: `truncated \\${next === "x" ? "xXX" : next === "u" ? "uXXXX" : "UXXXXXXXX"} escape` };
      }
      const cp = Number.parseInt(hex, 16);
      if (cp > 0x10ffff) return { error: "illegal Unicode character" };
      out += String.fromCodePoint(cp);
      i += 2 + hexLen;
      continue;
    }
    if (next === "N") return { error: "unknown Unicode character name" };
    out += `\\${next}`;
    i += 2;
  }
  return out;
}
