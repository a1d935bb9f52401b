// Damage to YAML texts for the differential tools: one to three characters
// inserted, dropped or replaced (YAML indicators, blanks, breaks, escapes,
// document markers, anchors, aliases, tags), at places chosen by seed.

import { mulberry32 } from "../lib/seeded.mjs";

const CHARS = [":", "-", "?", "[", "]", "{", "}", ",", "#", "&", "*", "!", "|", ">", "'", '"', "%", "@"];
const MORE = [" ", "\t", "\n", "\\", "x", "---", "...", "&a", "*a", "!!str", "!x!y", ": ", "- "];

/** One to three characters inserted, dropped or replaced, at places chosen by seed. */
export function damaged(text, seed) {
  const rng = mulberry32(seed);
  let t = text;
  for (let k = rng.int(1, 3); k > 0; k--) {
    const at = rng.int(0, t.length);
    const piece = rng.pick(rng.chance(0.6) ? CHARS : MORE);
    const how = rng.int(0, 2);
    if (how === 0) t = t.slice(0, at) + piece + t.slice(at);
    else if (how === 1) t = t.slice(0, at) + t.slice(at + rng.int(1, 3));
    else t = t.slice(0, at) + piece + t.slice(at + 1);
  }
  return t;
}
