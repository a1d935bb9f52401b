// dateutil's parser (see dateutil-parse.ts): the words its default
// parserinfo knows (jumps, weekdays, months, h/m/s, AM/PM, UTC names) and its
// lexer, which splits text into runs of letters, runs of digits with their
// dots and decimal commas, and single other characters.

import { parseIntText } from "../../../runtime/stdlib/py/number-text";
import { isPySpace, pyIsDigit } from "../../../runtime/stdlib/py/unicode";

const JUMP = new Set([
  " ",
  ".",
  ",",
  ";",
  "-",
  "/",
  "'",
  "at",
  "on",
  "and",
  "ad",
  "m",
  "t",
  "of",
  "st",
  "nd",
  "rd",
  "th",
]);
const WEEKDAYS = [
  ["mon", "monday"],
  ["tue", "tuesday"],
  ["wed", "wednesday"],
  ["thu", "thursday"],
  ["fri", "friday"],
  ["sat", "saturday"],
  ["sun", "sunday"],
];
const MONTHS = [
  ["jan", "january"],
  ["feb", "february"],
  ["mar", "march"],
  ["apr", "april"],
  ["may"],
  ["jun", "june"],
  ["jul", "july"],
  ["aug", "august"],
  ["sep", "sept", "september"],
  ["oct", "october"],
  ["nov", "november"],
  ["dec", "december"],
];
const HMS = [
  ["h", "hour", "hours"],
  ["m", "minute", "minutes"],
  ["s", "second", "seconds"],
];
const AMPM = [
  ["am", "a"],
  ["pm", "p"],
];
export const UTC_NAMES = ["UTC", "GMT", "Z", "z"];

const indexIn = (table: string[][], word: string): number | null => {
  const w = word.toLowerCase();
  const i = table.findIndex((names) => names.includes(w));
  return i < 0 ? null : i;
};
export const weekdayOf = (w: string) => indexIn(WEEKDAYS, w);
export const monthOf = (w: string) => {
  const i = indexIn(MONTHS, w);
  return i === null ? null : i + 1;
};
export const hmsOf = (w: string) => indexIn(HMS, w);
export const ampmOf = (w: string) => indexIn(AMPM, w);
export const isJump = (w: string) => JUMP.has(w.toLowerCase());
export const isUtcZone = (w: string) => UTC_NAMES.some((n) => n.toLowerCase() === w.toLowerCase());

/** Any failure to read the text: Python's ValueError "Unknown string format". */
export class Unparsable extends Error {}
export const fail = (): never => {
  throw new Unparsable();
};

const isWordChar = (c: string) => /^\p{L}$/u.test(c);
const isNumChar = (c: string) => pyIsDigit(c);

/** dateutil's _timelex: letters, digits (with their dots and decimal commas) and single other characters. */
export function timeTokens(text: string): string[] {
  const chars = [...text].filter((c) => c !== "\0");
  const out: string[] = [];
  let pos = 0;
  while (pos < chars.length) {
    let token = chars[pos++]!;
    let state: "a" | "0" | "a." | "0." | null = null;
    let seenLetters = false;
    if (isWordChar(token)) state = "a";
    else if (isNumChar(token)) state = "0";
    else if (isPySpace(token)) token = " ";
    while (state !== null && pos < chars.length) {
      const c = chars[pos]!;
      if (state === "a") {
        seenLetters = true;
        if (isWordChar(c)) token += c;
        else if (c === ".") {
          token += c;
          state = "a.";
        } else break;
      } else if (state === "0") {
        if (isNumChar(c)) token += c;
        else if (c === "." || (c === "," && [...token].length >= 2)) {
          token += c;
          state = "0.";
        } else break;
      } else if (state === "a.") {
        seenLetters = true;
        if (c === "." || isWordChar(c)) token += c;
        else if (isNumChar(c) && token.endsWith(".")) {
          token += c;
          state = "0.";
        } else break;
      } else {
        if (c === "." || isNumChar(c)) token += c;
        else if (isWordChar(c) && token.endsWith(".")) {
          token += c;
          state = "a.";
        } else break;
      }
      pos++;
    }
    const dots = token.split(".").length - 1;
    if ((state === "a." || state === "0.") && (seenLetters || dots > 1 || /[.,]$/.test(token))) {
      const parts = token.split(/([.,])/).filter((p) => p !== "");
      out.push(parts[0] ?? "");
      out.push(...parts.slice(1));
      continue;
    }
    if (state === "0." && dots === 0) token = token.replaceAll(",", ".");
    out.push(token);
  }
  return out;
}

/** int(text) of a token. */
export const intOf = (text: string): number => {
  const n = parseIntText(text, 10);
  if (n === null) fail();
  return Number(n);
};
