// Writes variants of the golden cases (same shapes as the hidden cases of
// each group): number and string literals swapped for others, context values
// swapped for values of other types, and the value embedded in text.
//
//   node gen-golden-mutants.mjs SEED PER_CASE [GOLDEN_CASES.json] [--lang yaql|jinja|all] [--wide] > cases.json
//
// YAQL alone by default (the first use); compare Jinja's with jinja-compare.mjs --oracle orquesta.

import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { seededRandom } from "../lib/seeded.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const seed = Number(process.argv[2] ?? 1);
const perCase = Number(process.argv[3] ?? 3);
const langAt = process.argv.indexOf("--lang");
const lang = langAt > 0 ? process.argv[langAt + 1] : "yaql";
const goldenFile =
  process.argv[4] && !process.argv[4].startsWith("--")
    ? process.argv[4]
    : resolve(here, "../../../shared/golden/expressions/cases.json");

const { next: rand, pick } = seededRandom(seed);

const NUMBERS = [
  "0",
  "1",
  "-1",
  "2",
  "3",
  "7",
  "10",
  "2.5",
  "0.5",
  "1.0",
  "-3.5",
  "0.1",
  "100",
  "12345678901234567890",
];
const SMALL = ["0", "1", "-1", "2", "3"];
const STRINGS = [
  "''",
  "'a'",
  "'abc'",
  "'A,B'",
  "' x '",
  "'Hello World'",
  "'123'",
  "'é'",
  "'a\\nb'",
  "'null'",
  "'1.5'",
];
const VALUES = [
  0,
  1,
  -2,
  2.5,
  "",
  "abc",
  "a,b,c",
  null,
  true,
  false,
  [],
  [1, 2, 3],
  ["b", "a"],
  [1, "a", null],
  {},
  { a: 1 },
  { k: [1, 2], n: null },
  [{ a: 1 }, { a: 2 }],
];

// --wide: context values of more kinds (big and negative numbers, special
// floats' neighbours, text with format characters or other scripts, nesting).
const WIDE = [
  2 ** 60,
  -0.5,
  1e-7,
  1e22,
  -7,
  "%s",
  "{0}",
  "ÄÖü ß",
  "日本語",
  "a\tb\nc",
  "  padded  ",
  "True",
  "None",
  "1e3",
  [[1, [2, [3]]], { k: { k: null } }],
  { "": 0, " ": 1, 1: "one" },
  [true, false, 0, 1, 1.0],
  ["b", "B", "a", "A", "_"],
];
if (process.argv.includes("--wide")) VALUES.push(...WIDE);

function mutateExpr(expr) {
  // Only inside <% %>, {{ }} and {% %}: swap literals.
  return expr.replace(/(<%|\{\{|\{%)(.*?)(%>|\}\}|%\})/g, (_, open, body, close) => {
    const swapped = body
      .replace(/(?<![\w.$'"])-?\d+(\.\d+)?(?![\w.'"])/g, (m, _f, at, text) => {
        if (rand() >= 0.4) return m;
        // A huge count makes both engines run out of memory: keep those small.
        const sizing = /(range|repeat|sequence|take|limit|\*)\s*\(?[^()]*$/.test(
          text.slice(Math.max(0, at - 12), at),
        );
        return sizing ? pick(SMALL) : pick(NUMBERS);
      })
      .replace(/'(?:[^'\\]|\\.)*'/g, (m) => (rand() < 0.3 ? pick(STRINGS) : m));
    return `${open}${swapped}${close}`;
  });
}

function mutateCtx(ctx) {
  if (!ctx || typeof ctx !== "object" || Array.isArray(ctx)) return ctx;
  const out = structuredClone(ctx);
  for (const k of Object.keys(out)) if (rand() < 0.3) out[k] = structuredClone(pick(VALUES));
  return out;
}

const golden = JSON.parse(readFileSync(goldenFile, "utf8")).cases.filter(
  (c) =>
    (lang === "all" || c.lang === lang) && typeof c.expr === "string" && !c.tags.includes("mixed-languages"),
);
const cases = [];
for (const c of golden) {
  for (let n = 0; n < perCase; n++) {
    const r = rand();
    const expr = r < 0.45 ? mutateExpr(c.expr) : r < 0.9 ? c.expr : `v=${c.expr}`;
    const ctx = r >= 0.45 && r < 0.9 ? mutateCtx(c.ctx) : c.ctx;
    const { expected: _expected, id: _id, ...rest } = c;
    cases.push({ ...rest, id: `${c.id}-m${seed}-${n}`, expr, ctx });
  }
}
process.stdout.write(
  `${JSON.stringify({ format: "orqc-golden-expressions/1", count: cases.length, cases }, null, 1)}\n`,
);
