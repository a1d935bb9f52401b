// Expression evaluation speed: the evaluator (tree walkers, parsed ASTs
// cached per text) against translated code (compiler/expr/translate) on every
// golden expression case, each evaluated N times both ways in one run. Parse
// time is measured on its own, so "parse every time" = cached + parse.
// Writes bench/results/expressions.json.
// Run: node scripts/run-ts.mjs bench/expressions.ts [N=20]

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { caseEnv, renderValue } from "../compiler/expr/index";
import { findAll, hasJinja, hasYaql, JINJA_BLOCK, JINJA_EXPR, YAQL_EXPR } from "../compiler/expr/find";
import { parseJinjaExpression, parseJinjaTemplate, stripJinjaDelimiter } from "../compiler/expr/jinja/index";
import { hideRawBlocks } from "../compiler/expr/render";
import { stripYaqlDelimiters } from "../compiler/expr/yaql/expression";
import { parseYaql } from "../compiler/expr/yaql/parser";
import type { ExprEnv } from "../runtime/stdlib/functions/env";
import { isDict, type PyValue } from "../runtime/stdlib/py/value";
import { loadCases, REPO, translateAll } from "../test/unit/expr/translate/harness";

const N = Number(process.argv[2] ?? 20);

/** Parses every expression or template in a value the way the evaluator does. */
function parseValue(v: PyValue): void {
  if (Array.isArray(v)) for (const x of v) parseValue(x);
  else if (isDict(v)) for (const k of Object.keys(v)) (parseValue(k), parseValue(v[k]!));
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

function each(envs: ExprEnv[], f: (i: number, env: ExprEnv) => PyValue): () => void {
  return () => {
    for (let i = 0; i < envs.length; i++) {
      try {
        f(i, envs[i]!);
      } catch {
        // failing cases cost the same both ways; only the time matters here
      }
    }
  };
}

const evalCases = loadCases();
const compiledCases = loadCases();
const fns = await translateAll(compiledCases.map((c) => c.expr));
const evalEnvs = evalCases.map((c) => caseEnv(c));
const compiledEnvs = compiledCases.map((c) => caseEnv(c));

const evaluator = each(evalEnvs, (i, env) => renderValue(evalCases[i]!.expr, env));
const translated = each(compiledEnvs, (i, env) => fns[i]!(env));
const parse = () => {
  for (const c of evalCases) parseValue(c.expr);
};
// Warm-up (JIT, and the evaluator's AST caches) before measuring.
evaluator();
translated();
parse();

const evalMs = time(evaluator);
const compiledMs = time(translated);
const parseMs = time(parse);
const evals = N * evalCases.length;
const us = (ms: number) => (ms * 1000) / evals;
const rows = [
  { mode: "evaluator, parse every time (cached + parse)", ms: evalMs + parseMs },
  { mode: "evaluator, cached AST", ms: evalMs },
  { mode: "translated code", ms: compiledMs },
];
console.log(`${evalCases.length} golden cases x ${N} evaluations each way`);
console.log("mode".padEnd(48), "total ms".padStart(10), "us/eval".padStart(10));
for (const r of rows) console.log(r.mode.padEnd(48), r.ms.toFixed(1).padStart(10), us(r.ms).toFixed(2).padStart(10));
const ratioParse = (evalMs + parseMs) / compiledMs;
const ratioCached = evalMs / compiledMs;
console.log(`translated vs parse-every-time: ${ratioParse.toFixed(1)}x faster`);
console.log(`translated vs cached AST:       ${ratioCached.toFixed(1)}x faster (target >= 20x)`);

const out = join(REPO, "bench/results");
mkdirSync(out, { recursive: true });
writeFileSync(
  join(out, "expressions.json"),
  `${JSON.stringify(
    {
      bench: "expressions",
      cases: evalCases.length,
      repetitions: N,
      node: process.version,
      ms: { evaluatorCached: evalMs, parse: parseMs, evaluatorParseEveryTime: evalMs + parseMs, translated: compiledMs },
      usPerEvaluation: {
        evaluatorCached: us(evalMs),
        evaluatorParseEveryTime: us(evalMs + parseMs),
        translated: us(compiledMs),
      },
      ratio: { parseEveryTime: ratioParse, cachedAst: ratioCached },
    },
    null,
    2,
  )}\n`,
);
