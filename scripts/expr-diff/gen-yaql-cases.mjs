// Writes random YAQL cases in the golden case format (id, lang, expr, ctx,
// tags) from a seeded PRNG, so a batch can be reproduced from its seed.
//
//   node gen-yaql-cases.mjs SEED COUNT > cases.json

import { ATOMS, CONTEXTS, TEMPLATES } from "./yaql-grammar.mjs";

const seed = Number(process.argv[2] ?? 1);
const count = Number(process.argv[3] ?? 1000);

/** mulberry32 */
function prng(a) {
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = prng(seed);
const pick = (list) => list[Math.floor(rand() * list.length)];

const LAMBDA_KINDS = new Set(["P", "M", "A", "R"]);

/** An expression of the given kind, at most `depth` templates deep. */
function expr(kind, depth) {
  const templates = TEMPLATES[kind];
  if (depth <= 0 || templates === undefined || LAMBDA_KINDS.has(kind) || rand() < 0.35)
    return pick(ATOMS[kind]);
  const template = pick(templates);
  return template.replace(/\{([A-Z])\}/g, (_, k) => {
    const sub = expr(k, depth - 1);
    const isAtom = /^[\w'".$()[\]-]*$/.test(sub) && !sub.startsWith("-");
    return isAtom || rand() < 0.25 ? sub : `(${sub})`;
  });
}

/** Embeds an expression the way workflow values hold it. */
function wrap(e) {
  const r = rand();
  if (r < 0.82) return `<% ${e} %>`;
  if (r < 0.92) return `v=<% ${e} %>`;
  if (r < 0.97) return `<% ${e} %> and <% ${expr("X", 1)} %>`;
  return `<%${e}%>`;
}

const kinds = ["N", "S", "B", "L", "D", "T", "X", "X"];
const cases = [];
for (let n = 0; n < count; n++) {
  const kind = pick(kinds);
  const ctxIndex = rand() < 0.85 ? 0 : 1;
  const e = expr(kind, 1 + Math.floor(rand() * 3));
  cases.push({
    id: `fuzz-yaql-${seed}-${n}`,
    lang: "yaql",
    expr: wrap(e),
    ctx: CONTEXTS[ctxIndex],
    tags: ["fuzz-yaql", `kind-${kind}`],
  });
}
process.stdout.write(
  `${JSON.stringify({ format: "orqc-golden-expressions/1", count: cases.length, cases }, null, 1)}\n`,
);
