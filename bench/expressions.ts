// Expression evaluation speed: the evaluator (tree walkers, parsed ASTs
// cached per text) against translated code (compiler/expr/translate) on every
// golden expression case, each evaluated N times both ways in one run. Parse
// time is measured on its own, so "parse every time" = cached + parse.
// Writes bench/results/expressions.json.
// Run: node scripts/run-ts.mjs bench/expressions.ts [N=30]

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { constantOf } from "../compiler/expr/constant";
import { findAll, hasJinja, hasYaql, JINJA_BLOCK, JINJA_EXPR, YAQL_EXPR } from "../compiler/expr/find";
import { caseEnv, renderValue } from "../compiler/expr/index";
import { parseJinjaExpression, parseJinjaTemplate, stripJinjaDelimiter } from "../compiler/expr/jinja/index";
import { hideRawBlocks } from "../compiler/expr/render";
import { stripYaqlDelimiters } from "../compiler/expr/yaql/expression";
import { parseYaql } from "../compiler/expr/yaql/parser";
import { isDict, type PyValue } from "../runtime/stdlib/py/value";
import { loadCases, REPO, translateAll } from "../test/unit/expr/translate/harness";

const N = Number(process.argv[2] ?? 30);

/** Parses every expression or template in a value the way the evaluator does. */
function parseValue(v: PyValue): void {
  if (Array.isArray(v)) for (const x of v) parseValue(x);
  else if (isDict(v))
    for (const k of Object.keys(v)) {
      parseValue(k);
      parseValue(v[k]!);
    }
  else if (typeof v === "string") {
    if (hasJinja(v)) {
      const { text } = hideRawBlocks(v);
      if (findAll(JINJA_BLOCK, text).length > 0) parseJinjaTemplate(text);
      else for (const e of findAll(JINJA_EXPR, text)) parseJinjaExpression(stripJinjaDelimiter(e));
    } else if (hasYaql(v)) for (const e of findAll(YAQL_EXPR, v)) parseYaql(stripYaqlDelimiters(e));
  }
}

function time(run: () => void): number {
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < N; r++) run();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

const evalCases = loadCases();
const compiledCases = loadCases();
const fns = await translateAll(compiledCases.map((c) => c.expr));
const evalEnvs = evalCases.map((c) => caseEnv(c));
const compiledEnvs = compiledCases.map((c) => caseEnv(c));

type Group = "all" | "yaql" | "jinja";
const langOf = (i: number): string => String((evalCases[i] as unknown as { lang?: string }).lang ?? "");
const members = (g: Group) => evalCases.map((_, i) => i).filter((i) => g === "all" || langOf(i) === g);

function each(indexes: number[], f: (i: number) => PyValue): () => void {
  return () => {
    for (const i of indexes) {
      try {
        f(i);
      } catch {
        // failing cases cost the same both ways; only the time matters here
      }
    }
  };
}

const evaluatorOf = (ix: number[]) => each(ix, (i) => renderValue(evalCases[i]!.expr, evalEnvs[i]!));
const translatedOf = (ix: number[]) => each(ix, (i) => fns[i]!(compiledEnvs[i]!));
const parseOf = (ix: number[]) => () => {
  for (const i of ix) parseValue(evalCases[i]!.expr);
};
// Warm-up (JIT, and the evaluator's AST caches) before measuring.
const everything = members("all");
evaluatorOf(everything)();
translatedOf(everything)();
parseOf(everything)();

interface Row {
  group: Group;
  cases: number;
  evaluatorCachedMs: number;
  parseMs: number;
  translatedMs: number;
  ratioCachedAst: number;
  ratioParseEveryTime: number;
}
const rows: Row[] = (["all", "yaql", "jinja"] as const).map((group) => {
  const ix = members(group);
  const evaluatorCachedMs = time(evaluatorOf(ix));
  const translatedMs = time(translatedOf(ix));
  const parseMs = time(parseOf(ix));
  return {
    group,
    cases: ix.length,
    evaluatorCachedMs,
    parseMs,
    translatedMs,
    ratioCachedAst: evaluatorCachedMs / translatedMs,
    ratioParseEveryTime: (evaluatorCachedMs + parseMs) / translatedMs,
  };
});

// Per case: the ratio of the two times, so that a few expensive cases (where
// both sides spend their time in the same library code) do not hide the rest.
// Each side runs in windows of at least 0.2 ms, the best of three taken
// (short windows on a shared machine are mostly noise otherwise).
function perEvaluation(run: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let w = 0; w < 3; w++) {
    let n = 0;
    const t0 = process.hrtime.bigint();
    let elapsed = 0n;
    do {
      for (let k = 0; k < 10; k++) run();
      n += 10;
      elapsed = process.hrtime.bigint() - t0;
    } while (elapsed < 200_000n);
    best = Math.min(best, Number(elapsed) / n);
  }
  return best;
}
const once = (f: () => void) => () => {
  try {
    f();
  } catch {
    // failing cases cost the same both ways; only the time matters here
  }
};
// Constant strings are rendered once at translation time (compiler/expr/constant.ts).
const folded = evalCases.map((c) => typeof c.expr === "string" && constantOf(c.expr) !== null);
const perCaseAll: { ratio: number; folded: boolean }[] = [];
for (const i of everything) {
  const ev = perEvaluation(once(() => renderValue(evalCases[i]!.expr, evalEnvs[i]!)));
  const tr = perEvaluation(once(() => fns[i]!(compiledEnvs[i]!)));
  perCaseAll.push({ ratio: ev / tr, folded: folded[i]! });
}
function summary(ratios: number[]) {
  const sorted = [...ratios].sort((a, b) => a - b);
  const quantile = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const geomean = Math.exp(sorted.reduce((s, r) => s + Math.log(r), 0) / sorted.length);
  return { cases: sorted.length, median: quantile(0.5), p10: quantile(0.1), p90: quantile(0.9), geomean };
}
const perCaseRatio = summary(perCaseAll.map((x) => x.ratio));
const perCaseNotFolded = summary(perCaseAll.filter((x) => !x.folded).map((x) => x.ratio));
const perCaseFolded = summary(perCaseAll.filter((x) => x.folded).map((x) => x.ratio));

const us = (ms: number, n: number) => ((ms * 1000) / (n * N)).toFixed(2);
console.log(`golden cases x ${N} evaluations each way (us per evaluation)`);
console.log(
  ["cases", "n", "eval+parse", "eval cached", "translated", "x vs parse", "x vs cached"]
    .map((h) => h.padStart(12))
    .join(""),
);
for (const r of rows) {
  console.log(
    [
      r.group,
      String(r.cases),
      us(r.evaluatorCachedMs + r.parseMs, r.cases),
      us(r.evaluatorCachedMs, r.cases),
      us(r.translatedMs, r.cases),
      `${r.ratioParseEveryTime.toFixed(1)}x`,
      `${r.ratioCachedAst.toFixed(1)}x`,
    ]
      .map((c) => c.padStart(12))
      .join(""),
  );
}
const all = rows[0]!;
const line = (label: string, r: ReturnType<typeof summary>) =>
  console.log(
    `${label} (${r.cases} cases): median ${r.median.toFixed(1)}x, p10 ${r.p10.toFixed(1)}x, ` +
      `p90 ${r.p90.toFixed(1)}x, geomean ${r.geomean.toFixed(1)}x`,
  );
line("per case, translated vs cached AST, all", perCaseRatio);
line("  constant strings (rendered once at translation)", perCaseFolded);
line("  the rest (code runs every time)", perCaseNotFolded);
console.log(
  `target: translated >= 20x faster than the cached-AST evaluator; measured ${all.ratioCachedAst.toFixed(1)}x in total time`,
);

const out = join(REPO, "bench/results");
mkdirSync(out, { recursive: true });
writeFileSync(
  join(out, "expressions.json"),
  `${JSON.stringify({ bench: "expressions", repetitions: N, node: process.version, target: 20, ratio: all.ratioCachedAst, perCaseRatio, perCaseFolded, perCaseNotFolded, rows }, null, 2)}\n`,
);
