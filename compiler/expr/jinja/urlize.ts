// Jinja2 3.1's utils.urlize: turns the URLs and email addresses of already
// HTML-escaped text into links. The patterns are Jinja's, written out with
// Python's Unicode classes (`\w`, `\d`, `\s`) and its IGNORECASE matching,
// under which `i` also matches `ı` and `İ`, `s` matches `ſ` and `k` matches
// the Kelvin sign.

import { PY_SPACE } from "../../../runtime/stdlib/py/unicode";

export { PY_SPACE };

/**
 * Python's `\w` on str (letters, numbers, underscore). Node's Unicode tables are
 * newer than Python 3.11's (14.0): characters assigned since also count here.
 */
const WORD = "\\p{L}\\p{N}_";
const DIGIT = "\\p{Nd}";
const HEX = `${DIGIT}a-fA-F`;
/** `[a-z]` under IGNORECASE. */
const ASCII_LETTER = "a-zA-Z\\u0130\\u0131\\u017f\\u212a";

const CASE_EXTRAS: Readonly<Record<string, string>> = { i: "\\u0130\\u0131", k: "\\u212a", s: "\\u017f" };

/** A literal word matched as Python's IGNORECASE matches it. */
function caseless(word: string): string {
  return [...word]
    .map((c) => (/[a-z]/.test(c) ? `[${c}${c.toUpperCase()}${CASE_EXTRAS[c] ?? ""}]` : `\\${c}`))
    .join("");
}

const SCHEME = `${caseless("http")}${caseless("s")}?:\\/\\/`;
const BASIC_TLDS = ["com", "net", "int", "edu", "gov", "org", "info", "mil"].map(caseless).join("|");

const SCHEME_OR_WWW_HOST = `(?:${SCHEME}|${caseless("www")}\\.)(?:[${WORD}%\\-]+\\.)*(?:[${ASCII_LETTER}]{2,63}|${caseless("xn")}--[${WORD}%]{2,59})`;
const BASIC_DOMAIN = `(?:[${WORD}%\\-]{2,63}\\.)+(?:${BASIC_TLDS})`;
const IPV4 = `[${DIGIT}]{1,3}(?:\\.[${DIGIT}]{1,3}){3}`;
const IPV6 = `\\[(?:[${HEX}]{0,4}:){2}(?:[${HEX}]{0,4}:?){1,6}\\]`;
const IP_HOST = `${SCHEME}(?:${IPV4}|${IPV6})`;

const HTTP_RE = new RegExp(
  `^(?:${SCHEME_OR_WWW_HOST}|${BASIC_DOMAIN}|${IP_HOST})(?::[${DIGIT}]{1,5})?(?:[/?#][^${PY_SPACE}]*)?$`,
  "u",
);
const EMAIL_RE = new RegExp(`^[^${PY_SPACE}]+@[${WORD}][${WORD}.\\-]*\\.[${WORD}]+$`, "u");
const WORD_SPLIT_RE = new RegExp(`([${PY_SPACE}]+)`, "u");
const LEAD_RE = /^(?:[(<]|&lt;)+/;
const TRAIL_RE = /(?:[)>.,\n]|&gt;)+$/;
/** Jinja checks the last character before searching, so most words skip the search. */
const TRAIL_END_RE = /(?:[)>.,\n]|&gt;)$/;

/** do_urlize's check of an extra scheme: `^([\w.+-]{2,}:(/){0,2})$`. */
export const URI_SCHEME_RE = new RegExp(`^[${WORD}.+\\-]{2,}:\\/{0,2}$`, "u");

export interface UrlizeOptions {
  /** The displayed text of a web link (Jinja's trim_url). */
  readonly trimUrl: (url: string) => string;
  /** ` rel="..."`, ` target="..."` or "" (already escaped). */
  readonly relAttr: string;
  readonly targetAttr: string;
  /** Prefixes that also make a link (checked by the caller). */
  readonly extraSchemes: readonly string[];
}

/** Links the URLs of `escaped` (HTML-escaped text). */
export function urlizeEscaped(escaped: string, opts: UrlizeOptions): string {
  return escaped
    .split(WORD_SPLIT_RE)
    .map((word) => urlizeWord(word, opts))
    .join("");
}

function urlizeWord(word: string, opts: UrlizeOptions): string {
  const { head, middle, tail } = balanceBrackets(splitPunctuation(word));
  return head + linkOf(middle, opts) + tail;
}

interface WordParts {
  readonly head: string;
  readonly middle: string;
  readonly tail: string;
}

/** Leading `(`, `<`, `&lt;` and trailing `)`, `>`, `.`, `,`, `&gt;` go around the link. */
function splitPunctuation(word: string): WordParts {
  const lead = LEAD_RE.exec(word);
  const head = lead ? lead[0] : "";
  let middle = word.slice(head.length);
  const trail = TRAIL_END_RE.test(middle) ? TRAIL_RE.exec(middle) : null;
  const tail = trail ? trail[0] : "";
  if (trail) middle = middle.slice(0, trail.index);
  return { head, middle, tail };
}

const BRACKET_PAIRS: readonly (readonly [string, string])[] = [
  ["(", ")"],
  ["<", ">"],
  ["&lt;", "&gt;"],
];

/** Python's str.count (non-overlapping). */
function countOf(s: string, sub: string): number {
  return s.split(sub).length - 1;
}

/**
 * When the middle opens more brackets than it closes, moves closers back from
 * the tail: min(opened, closers in tail) of them, not just the difference, each
 * with whatever precedes it, as Jinja does.
 */
function balanceBrackets(parts: WordParts): WordParts {
  let { middle, tail } = parts;
  for (const [open, close] of BRACKET_PAIRS) {
    const opened = countOf(middle, open);
    if (opened <= countOf(middle, close)) continue;
    const moves = Math.min(opened, countOf(tail, close));
    for (let i = 0; i < moves; i++) {
      const end = tail.indexOf(close) + close.length;
      middle += tail.slice(0, end);
      tail = tail.slice(end);
    }
  }
  return { head: parts.head, middle, tail };
}

function linkOf(middle: string, opts: UrlizeOptions): string {
  const attrs = opts.relAttr + opts.targetAttr;
  if (HTTP_RE.test(middle)) {
    const href = middle.startsWith("https://") || middle.startsWith("http://") ? middle : `https://${middle}`;
    return `<a href="${href}"${attrs}>${opts.trimUrl(middle)}</a>`;
  }
  if (middle.startsWith("mailto:") && EMAIL_RE.test(middle.slice(7))) {
    return `<a href="${middle}">${middle.slice(7)}</a>`;
  }
  if (middle.includes("@") && !middle.startsWith("www.") && !middle.includes(":") && EMAIL_RE.test(middle)) {
    return `<a href="mailto:${middle}">${middle}</a>`;
  }
  const scheme = opts.extraSchemes.find((s) => middle !== s && middle.startsWith(s));
  return scheme === undefined ? middle : `<a href="${middle}"${attrs}>${middle}</a>`;
}
