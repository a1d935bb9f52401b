// markupsafe.escape of a str: the five characters HTML cares about.

export function htmlEscape(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&#34;")
    .replace(/'/g, "&#39;");
}

// html.unescape's named references: the common ones (Python knows all of HTML5's).
const NAMED: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
  copy: "\u00a9",
  reg: "\u00ae",
  laquo: "\u00ab",
  raquo: "\u00bb",
  hellip: "\u2026",
  mdash: "\u2014",
  ndash: "\u2013",
};
// the names HTML5 also accepts without the semicolon
const BARE = new Set(["amp", "lt", "gt", "quot", "nbsp", "copy", "reg", "laquo", "raquo"]);

/** Python's html.unescape: numeric references and the common named ones. */
export function htmlUnescape(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(/&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)/g, (all, ref: string) => {
    if (ref[0] === "#") {
      const hex = ref[1] === "x" || ref[1] === "X";
      const cp = Number.parseInt(ref.slice(hex ? 2 : 1).replace(";", ""), hex ? 16 : 10);
      if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return "\ufffd";
      return String.fromCodePoint(cp);
    }
    const semi = ref.endsWith(";");
    const name = semi ? ref.slice(0, -1) : ref;
    if (semi && Object.hasOwn(NAMED, name)) return NAMED[name]!;
    // without a semicolon, the longest bare name the text starts with
    for (let n = name.length; n > 1; n--) {
      const head = name.slice(0, n);
      if (BARE.has(head)) return NAMED[head]! + ref.slice(n);
    }
    return all;
  });
}
