// Python's textwrap.wrap as Jinja's `wordwrap` filter calls it
// (expand_tabs=False, replace_whitespace=False, drop_whitespace=True): chunk
// splitting with hyphen breaks, greedy filling, long-word breaking, and the
// quirks that keep a trailing space on some lines.

import { PyError } from "../../../runtime/stdlib/py/value";

const WS = "[\\t\\n\\u000b\\u000c\\r ]";
const NWS = "[^\\t\\n\\u000b\\u000c\\r ]";
// Python's \w and \d are Unicode (JavaScript's, even with the u flag, are ASCII):
// \w is a letter, a number or "_", and textwrap's letter is \w without decimal digits.
const WORD = "[\\p{L}\\p{N}_]";
const WORD_PUNCT = "[\\p{L}\\p{N}_!\"'&.,?]";
const LETTER = "[\\p{L}\\p{Nl}\\p{No}_]";
const WORDSEP_HYPHENS = new RegExp(
  `(${WS}+|(?<=${WORD_PUNCT})-{2,}(?=${WORD})|${NWS}+?(?:-(?:(?<=${LETTER}{2}-)|(?<=${LETTER}-${LETTER}-))(?=${LETTER}-?${LETTER})|(?=${WS}|$)|(?<=${WORD_PUNCT})(?=-{2,}${WORD})))`,
  "u",
);
const WORDSEP_SIMPLE = new RegExp(`(${WS}+)`, "u");

const PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;
/** Python's len(): code points (a native scan; a long word is measured once per line). */
const len = (s: string) => s.length - (s.match(PAIR)?.length ?? 0);

/** The UTF-16 index after the first `n` code points of `s` (reads only those). */
function indexAfter(s: string, n: number): number {
  let i = 0;
  for (let k = 0; k < n && i < s.length; k++) {
    const unit = s.charCodeAt(i);
    i += unit >= 0xd800 && unit <= 0xdbff && i + 1 < s.length ? 2 : 1;
  }
  return i;
}
const isBlank = (s: string) => s.trim() === "";

function split(text: string, breakOnHyphens: boolean): string[] {
  return text.split(breakOnHyphens ? WORDSEP_HYPHENS : WORDSEP_SIMPLE).filter((c) => c);
}

function handleLongWord(
  chunks: string[],
  line: string[],
  curLen: number,
  width: number,
  breakLong: boolean,
  hyphens: boolean,
) {
  const spaceLeft = width < 1 ? 1 : width - curLen;
  if (breakLong) {
    // Python slices the word at the space left: a float width fails here
    if (!Number.isInteger(spaceLeft))
      throw new PyError("TypeError", "slice indices must be integers or None or have an __index__ method");
    // only the head of a long word is read: slicing all of it per line made a long text quadratic
    const chunk = chunks[chunks.length - 1]!;
    let end = indexAfter(chunk, spaceLeft);
    if (hyphens && end < chunk.length) {
      const hyphen = chunk.lastIndexOf("-", end - 1);
      if (hyphen > 0 && /[^-]/.test(chunk.slice(0, hyphen))) end = hyphen + 1;
    }
    line.push(chunk.slice(0, end));
    chunks[chunks.length - 1] = chunk.slice(end);
  } else if (line.length === 0) {
    line.push(chunks.pop()!);
  }
}

/** The lines, or null where textwrap refuses the width (not above 0). */
export function textwrap(
  text: string,
  width: number,
  breakLong: boolean,
  breakOnHyphens: boolean,
): string[] | null {
  if (width <= 0) return null;
  const chunks = split(text, breakOnHyphens).reverse();
  const lines: string[] = [];
  while (chunks.length > 0) {
    const line: string[] = [];
    let curLen = 0;
    if (isBlank(chunks[chunks.length - 1]!) && lines.length > 0) chunks.pop();
    while (chunks.length > 0) {
      const l = len(chunks[chunks.length - 1]!);
      if (curLen + l > width) break;
      line.push(chunks.pop()!);
      curLen += l;
    }
    if (chunks.length > 0 && len(chunks[chunks.length - 1]!) > width) {
      handleLongWord(chunks, line, curLen, width, breakLong, breakOnHyphens);
      curLen = line.reduce((n, c) => n + len(c), 0);
    }
    if (line.length > 0 && isBlank(line[line.length - 1]!)) line.pop();
    if (line.length > 0) lines.push(line.join(""));
  }
  return lines;
}
