// Jinja's `lipsum(n=5, html=True, min=20, max=100)` global: n paragraphs of
// random lorem ipsum words, each of randrange(min, max) words, capitalised
// after a full stop, with commas and full stops placed by Jinja's rule, and
// ending with a full stop; joined by a blank line, or (html) each in <p>...</p>
// on its own line as a Markup. The words are random, so only the shape can be
// relied on (as in Jinja).

import { type PyDict, PyError, type PyValue } from "../../../runtime/stdlib/py/value";
import { bindArgs } from "./args";
import { htmlEscape } from "./html-escape";
import { Markup } from "./markup";
import { isTrue } from "./protocol";

const WORDS = (
  "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore " +
  "et dolore magna aliqua enim ad minim veniam quis nostrud exercitation ullamco laboris nisi aliquip ex " +
  "ea commodo consequat duis aute irure in reprehenderit voluptate velit esse cillum fugiat nulla " +
  "pariatur excepteur sint occaecat cupidatat non proident sunt culpa qui officia deserunt mollit anim id " +
  "est laborum curabitur pretium tincidunt lacus nunc pulvinar sapien vitae mauris fringilla vel " +
  "ultricies quam gravida integer mattis viverra facilisis praesent nec turpis bibendum porta felis"
).split(" ");

/** Python's random.randrange(start, stop) for ints. */
function randrange(start: number, stop: number): number {
  if (stop <= start)
    throw new PyError("ValueError", `empty range for randrange() (${start}, ${stop}, ${stop - start})`);
  return start + Math.floor(Math.random() * (stop - start));
}

function paragraph(min: number, max: number): string {
  const words: string[] = [];
  let nextCapitalized = true;
  let lastComma = 0;
  let lastFullStop = 0;
  let last: string | undefined;
  const count = randrange(min, max);
  for (let idx = 0; idx < count; idx++) {
    let word: string;
    do word = WORDS[Math.floor(Math.random() * WORDS.length)]!;
    while (word === last);
    last = word;
    if (nextCapitalized) {
      word = word[0]!.toUpperCase() + word.slice(1);
      nextCapitalized = false;
    }
    if (idx - randrange(3, 8) > lastComma) {
      lastComma = idx;
      lastFullStop += 2;
      word += ",";
    }
    if (idx - randrange(10, 20) > lastFullStop) {
      lastComma = idx;
      lastFullStop = idx;
      word += ".";
      nextCapitalized = true;
    }
    words.push(word);
  }
  const text = words.join(" ");
  if (text.endsWith(",")) return `${text.slice(0, -1)}.`;
  return text.endsWith(".") ? text : `${text}.`;
}

export function lipsum(args: PyValue[], kwargs: PyDict, int: (v: PyValue) => number): PyValue {
  const [n, html, min, max] = bindArgs("generate_lorem_ipsum", args, kwargs, ["n", "html", "min", "max"]);
  const count = n === undefined ? 5 : int(n);
  const lo = min === undefined ? 20 : int(min);
  const hi = max === undefined ? 100 : int(max);
  const paragraphs: string[] = [];
  for (let i = 0; i < count; i++) paragraphs.push(paragraph(lo, hi));
  if (html !== undefined && !isTrue(html)) return paragraphs.join("\n\n");
  return new Markup(paragraphs.map((p) => `<p>${htmlEscape(p)}</p>`).join("\n"));
}
