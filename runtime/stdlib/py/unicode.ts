// Python's Unicode rules where JavaScript's differ: which characters are
// whitespace (str.isspace, str.split(), str.strip(), `\s` in re), the case
// mappings of str.capitalize/title (titlecase), str.casefold and str.swapcase,
// and the str.is* predicates that read Unicode properties JavaScript's
// character classes do not name (numeric types, Other_Lowercase...).

/** The non-ASCII characters of Python's whitespace, as a regex class body. */
export const PY_NON_ASCII_SPACE = "\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";

/**
 * Python's whitespace, as a regex class body: str.isspace() and `\s` on str.
 * JavaScript's `\s` adds U+FEFF and lacks U+001C-U+001F and U+0085.
 */
export const PY_SPACE = `\\t-\\r\\x1c-\\x20${PY_NON_ASCII_SPACE}`;

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

/**
 * The characters whose full case folding is not the lowercase of their
 * uppercase: ß, dotless ı (which folds to itself), and Cherokee, which folds
 * to its capitals (the small letters came later, in Unicode 8).
 */
function foldException(c: string): string | undefined {
  if (c === "\u00df" || c === "\u1e9e") return "ss";
  if (c === "\u0131") return c;
  const cp = c.codePointAt(0)!;
  if (cp >= 0x13a0 && cp <= 0x13f5) return c;
  if (cp >= 0x13f8 && cp <= 0x13fd) return String.fromCodePoint(cp - 8);
  if (cp >= 0xab70 && cp <= 0xabbf) return String.fromCodePoint(cp - 0xab70 + 0x13a0);
  return undefined;
}

/** Python's str.casefold(): full case folding (ß -> ss, ﬁ -> fi, Σ and ς -> σ). */
export function casefold(s: string): string {
  let out = "";
  for (const c of s) {
    const exception = foldException(c);
    if (exception !== undefined) {
      out += exception;
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

// ---------------------------------------------------------------- str.is* predicates

/**
 * Characters Python's unicodedata (Unicode 14.0, Python 3.11) gives a numeric
 * type without a category JavaScript can name: digits that are not decimal
 * (superscripts, circled digits: str.isdigit) and numerals that are letters
 * (CJK ideographs such as 三 and 万: str.isnumeric). Generated from
 * unicodedata; regenerate when the Python StackStorm runs on changes.
 */
const DIGIT_NOT_ND =
  "\\u{b2}-\\u{b3}\\u{b9}\\u{1369}-\\u{1371}\\u{19da}\\u{2070}\\u{2074}-\\u{2079}\\u{2080}-\\u{2089}\\u{2460}-\\u{2468}\\u{2474}-\\u{247c}\\u{2488}-\\u{2490}\\u{24ea}\\u{24f5}-\\u{24fd}\\u{24ff}\\u{2776}-\\u{277e}\\u{2780}-\\u{2788}\\u{278a}-\\u{2792}\\u{10a40}-\\u{10a43}\\u{10e60}-\\u{10e68}\\u{11052}-\\u{1105a}\\u{1f100}-\\u{1f10a}";
const NUMERIC_NOT_N =
  "\\u{3405}\\u{3483}\\u{382a}\\u{3b4d}\\u{4e00}\\u{4e03}\\u{4e07}\\u{4e09}\\u{4e5d}\\u{4e8c}\\u{4e94}\\u{4e96}\\u{4ebf}-\\u{4ec0}\\u{4edf}\\u{4ee8}\\u{4f0d}\\u{4f70}\\u{5104}\\u{5146}\\u{5169}\\u{516b}\\u{516d}\\u{5341}\\u{5343}-\\u{5345}\\u{534c}\\u{53c1}-\\u{53c4}\\u{56db}\\u{58f1}\\u{58f9}\\u{5e7a}\\u{5efe}-\\u{5eff}\\u{5f0c}-\\u{5f0e}\\u{5f10}\\u{62fe}\\u{634c}\\u{67d2}\\u{6f06}\\u{7396}\\u{767e}\\u{8086}\\u{842c}\\u{8cae}\\u{8cb3}\\u{8d30}\\u{9621}\\u{9646}\\u{964c}\\u{9678}\\u{96f6}\\u{f96b}\\u{f973}\\u{f978}\\u{f9b2}\\u{f9d1}\\u{f9d3}\\u{f9fd}\\u{20001}\\u{20064}\\u{200e2}\\u{20121}\\u{2092a}\\u{20983}\\u{2098c}\\u{2099c}\\u{20aea}\\u{20afd}\\u{20b19}\\u{22390}\\u{22998}\\u{23b1b}\\u{2626d}\\u{2f890}";

const DIGITS_ONLY = new RegExp(`^[\\p{Nd}${DIGIT_NOT_ND}]+$`, "u");
const NUMERIC_ONLY = new RegExp(`^[\\p{Nd}\\p{Nl}\\p{No}${DIGIT_NOT_ND}${NUMERIC_NOT_N}]+$`, "u");
const IDENTIFIER = /^[\p{XID_Start}_]\p{XID_Continue}*$/u;
const TITLECASE = /\p{Lt}/u;

/** str.isdigit(): decimal digits and the other digits (², ①). */
export function pyIsDigit(s: string): boolean {
  return DIGITS_ONLY.test(s);
}

/** str.isnumeric(): every character has a numeric value (Ⅻ, ½, 三). */
export function pyIsNumeric(s: string): boolean {
  return NUMERIC_ONLY.test(s);
}

/** str.isidentifier(): XID_Start or `_`, then XID_Continue. */
export function pyIsIdentifier(s: string): boolean {
  return IDENTIFIER.test(s);
}

/** Some character has the `wanted` case property, and none the `other` one or titlecase. */
function casedOnlyAs(s: string, wanted: RegExp, other: RegExp): boolean {
  let cased = false;
  for (const c of s) {
    if (other.test(c) || TITLECASE.test(c)) return false;
    if (wanted.test(c)) cased = true;
  }
  return cased;
}

/** str.islower(): some character is Lowercase (ª and ʰ count), none is Uppercase or titlecase. */
export function pyIsLower(s: string): boolean {
  return casedOnlyAs(s, LOWER, UPPER);
}

/** str.isupper(): some character is Uppercase (ℂ and Ⓐ count), none is Lowercase or titlecase. */
export function pyIsUpper(s: string): boolean {
  return casedOnlyAs(s, UPPER, LOWER);
}

/** str.istitle(): uppercase or titlecase characters only after uncased ones, lowercase only after cased ones. */
export function pyIsTitle(s: string): boolean {
  let cased = false;
  let previousCased = false;
  for (const c of s) {
    if (UPPER.test(c) || TITLECASE.test(c)) {
      if (previousCased) return false;
      previousCased = true;
      cased = true;
    } else if (LOWER.test(c)) {
      if (!previousCased) return false;
      previousCased = true;
      cased = true;
    } else previousCased = false;
  }
  return cased;
}
