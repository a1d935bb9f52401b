// Python's Unicode rules where JavaScript's differ: which characters are
// whitespace (str.isspace, str.split(), str.strip(), `\s` in re), and the case
// mappings of str.capitalize/title (titlecase), str.casefold and str.swapcase.

/**
 * Python's whitespace, as a regex class body: str.isspace() and `\s` on str.
 * JavaScript's `\s` adds U+FEFF and lacks U+001C-U+001F and U+0085.
 */
export const PY_SPACE =
  "\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";

const SPACE_ONLY = new RegExp(`^[${PY_SPACE}]+$`, "u");

/** str.isspace() of one or more characters. */
export function isPySpace(s: string): boolean {
  return SPACE_ONLY.test(s);
}

/**
 * Titlecase mappings that are not the uppercase one (Unicode's
 * UnicodeData and SpecialCasing): the dz/lj/nj digraphs, Greek with
 * ypogegrammeni, Georgian letters (their uppercase is Mtavruli, their
 * titlecase themselves) and the special cases whose uppercase is several
 * characters.
 */
const TITLE: Readonly<Record<string, string>> = (() => {
  const t: Record<string, string> = {
    "\u01c4": "\u01c5",
    "\u01c5": "\u01c5",
    "\u01c6": "\u01c5",
    "\u01c7": "\u01c8",
    "\u01c8": "\u01c8",
    "\u01c9": "\u01c8",
    "\u01ca": "\u01cb",
    "\u01cb": "\u01cb",
    "\u01cc": "\u01cb",
    "\u01f1": "\u01f2",
    "\u01f2": "\u01f2",
    "\u01f3": "\u01f2",
    "\u0149": "\u02bcN",
    "\u1fb3": "\u1fbc",
    "\u1fbc": "\u1fbc",
    "\u1fc3": "\u1fcc",
    "\u1fcc": "\u1fcc",
    "\u1ff3": "\u1ffc",
    "\u1ffc": "\u1ffc",
    "\u1fb2": "\u1fba\u0345",
    "\u1fb4": "\u0386\u0345",
    "\u1fb7": "\u0391\u0342\u0345",
    "\u1fc2": "\u1fca\u0345",
    "\u1fc4": "\u0389\u0345",
    "\u1fc7": "\u0397\u0342\u0345",
    "\u1ff2": "\u1ffa\u0345",
    "\u1ff4": "\u038f\u0345",
    "\u1ff7": "\u03a9\u0342\u0345",
  };
  // ᾀ-ᾇ ᾐ-ᾗ ᾠ-ᾧ title to ᾈ-ᾏ ᾘ-ᾟ ᾨ-ᾯ, which stay as they are.
  for (const base of [0x1f80, 0x1f90, 0x1fa0])
    for (let i = 0; i < 8; i++) {
      t[String.fromCodePoint(base + i)] = String.fromCodePoint(base + 8 + i);
      t[String.fromCodePoint(base + 8 + i)] = String.fromCodePoint(base + 8 + i);
    }
  for (let c = 0x10d0; c <= 0x10ff; c++)
    if (c <= 0x10fa || c >= 0x10fd) t[String.fromCodePoint(c)] = String.fromCodePoint(c);
  return t;
})();

/** Python's titlecase of one character (str.title, str.capitalize). */
export function titleChar(c: string): string {
  const mapped = TITLE[c];
  if (mapped !== undefined) return mapped;
  const upper = c.toUpperCase();
  // ß -> Ss, ﬁ -> Fi, և -> Եւ: the first character upper, the rest lower
  const cs = [...upper];
  return cs.length > 1 ? cs[0]! + cs.slice(1).join("").toLowerCase() : upper;
}

/** Python's str.casefold(): full case folding (ß -> ss, ﬁ -> fi, Σ and ς -> σ). */
export function casefold(s: string): string {
  let out = "";
  for (const c of s) {
    if (c === "\u00df" || c === "\u1e9e") {
      out += "ss";
      continue;
    }
    // each character on its own, so no final-sigma rule applies
    for (const u of c.toUpperCase()) out += u.toLowerCase();
  }
  return out;
}

const UPPER = /\p{Uppercase}/u;
const LOWER = /\p{Lowercase}/u;
const CASED = /\p{Cased}/u;
const CASE_IGNORABLE = /\p{Case_Ignorable}/u;

/** Python's lowercase of the character at i of cs: a capital sigma at the end of a word is ς. */
function lowerAt(cs: readonly string[], i: number): string {
  const c = cs[i]!;
  return c === "\u03a3" ? (finalSigma(cs, i) ? "\u03c2" : "\u03c3") : c.toLowerCase();
}

/** Python's str.title(): titlecase after an uncased character, lowercase after a cased one. */
export function pyTitle(s: string): string {
  const cs = [...s];
  let out = "";
  let previousCased = false;
  cs.forEach((c, i) => {
    out += previousCased ? lowerAt(cs, i) : titleChar(c);
    previousCased = CASED.test(c);
  });
  return out;
}

/** Python's str.capitalize(): the first character titlecased, the rest lowercased. */
export function pyCapitalize(s: string): string {
  const cs = [...s];
  return cs.map((c, i) => (i === 0 ? titleChar(c) : lowerAt(cs, i))).join("");
}

/** Python's str.swapcase(): titlecase letters stay, a capital sigma lowers to ς at the end of a word. */
export function swapcase(s: string): string {
  const cs = [...s];
  let out = "";
  cs.forEach((c, i) => {
    if (UPPER.test(c)) out += lowerAt(cs, i);
    else if (LOWER.test(c)) out += c.toUpperCase();
    else out += c;
  });
  return out;
}

/** Unicode's Final_Sigma condition at position i: a cased letter before, none after (case-ignorables skipped). */
function finalSigma(cs: readonly string[], i: number): boolean {
  let j = i - 1;
  while (j >= 0 && CASE_IGNORABLE.test(cs[j]!)) j--;
  if (j < 0 || !CASED.test(cs[j]!)) return false;
  let k = i + 1;
  while (k < cs.length && CASE_IGNORABLE.test(cs[k]!)) k++;
  return k >= cs.length || !CASED.test(cs[k]!);
}
