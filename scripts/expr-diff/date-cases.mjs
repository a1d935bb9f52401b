// Random date texts for YAQL's datetime(text), which is dateutil's parser:
// numbers of every length, separators, month and weekday names, AM/PM, zone
// names and offsets, jump words. Writes a golden-format case file; compare it
// with Orquesta's evaluate():
//
//   node scripts/expr-diff/date-cases.mjs SEED COUNT > dates.json
//   node scripts/expr-diff/jinja-compare.mjs dates.json --oracle orquesta

import { seededRandom } from "../lib/seeded.mjs";

const seed = Number(process.argv[2] ?? 1);
const count = Number(process.argv[3] ?? 1000);
const { next: rand, pick } = seededRandom(seed);

const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const digits = (n) => Array.from({ length: n }, () => String(int(0, 9))).join("");
const NUMBER = [
  () => String(int(1, 31)),
  () => String(int(1, 12)).padStart(2, "0"),
  () => String(int(1900, 2100)),
  () => String(int(0, 59)).padStart(2, "0"),
  () => digits(int(1, 14)),
  () => `${int(0, 59)}.${digits(int(1, 7))}`,
  () => `${int(0, 23)},${digits(int(1, 3))}`,
  () => "20210304",
  () => "050607",
  () => "٣",
];
const WORDS = [
  "Jan",
  "February",
  "mar",
  "Sept",
  "DECEMBER",
  "May",
  "Mon",
  "tuesday",
  "Thu",
  "Sun",
  "AM",
  "pm",
  "a",
  "p",
  "UTC",
  "GMT",
  "Z",
  "z",
  "EST",
  "CEST",
  "at",
  "on",
  "of",
  "the",
  "T",
  "t",
  "h",
  "m",
  "s",
  "hours",
  "minutes",
  "st",
  "nd",
  "th",
  "and",
  "ad",
  "noon",
  "x",
];
const SEPS = [" ", " ", "-", "/", ":", ".", ",", "T", "+", "-", "'", ";", "(", ")", "  ", "\t"];

function dateText() {
  const shape = rand();
  if (shape < 0.25) {
    // ISO-like with one part changed
    const parts = ["2021", "-", "03", "-", "04", pick(["T", " ", ""]), "05", ":", "06", ":", "07"];
    const i = pick([0, 2, 4, 6, 8, 10]);
    parts[i] = pick(NUMBER)();
    if (rand() < 0.3) parts.push(pick(["Z", "+02:00", "-0500", " UTC", " EST", ".123", " PM", "+2"]));
    return parts.join("");
  }
  if (shape < 0.4) {
    const d = [pick(NUMBER)(), pick(NUMBER)(), pick(NUMBER)()];
    const sep = pick(["/", "-", ".", " "]);
    return d.join(sep) + (rand() < 0.5 ? ` ${int(0, 23)}:${String(int(0, 59)).padStart(2, "0")}` : "");
  }
  const n = int(1, 8);
  let out = "";
  for (let i = 0; i < n; i++) {
    out += rand() < 0.55 ? pick(NUMBER)() : pick(WORDS);
    if (i < n - 1) out += pick(SEPS);
  }
  return out;
}

const cases = [];
for (let i = 0; i < count; i++) {
  const text = dateText()
    .replaceAll("\\", "")
    .replaceAll("'", rand() < 0.5 ? "" : "\\'");
  cases.push({
    id: `date-${seed}-${i}`,
    lang: "yaql",
    expr: `<% datetime('${text}').format('%Y-%m-%d %H:%M:%S.%f %z') %>`,
    ctx: {},
  });
}
process.stdout.write(
  `${JSON.stringify({ format: "orqc-golden-expressions/1", count: cases.length, cases }, null, 1)}\n`,
);
