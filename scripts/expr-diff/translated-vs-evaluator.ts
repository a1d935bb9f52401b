// Runs golden-format case files through both of orqc's expression paths, the
// evaluator (what `orqc eval` uses) and the translated TypeScript (what compiled
// bundles use), and reports every case where they differ in value, type, error
// category or message. The differential fuzzers check the evaluator against
// real yaql and Jinja2; this carries their cases over to the translated code.
// Usage: node scripts/run-ts.mjs scripts/expr-diff/translated-vs-evaluator.ts CASES.json...

import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import type { ExpressionCase } from "../../compiler/expr/cases";
import { runCase } from "../../compiler/expr/cases";
import { renderValue } from "../../compiler/expr/index";
import { pyJsonLoads } from "../../runtime/stdlib/functions/py-json";
import { translateAll } from "../../test/unit/expr/translate/harness";

function load(file: string): ExpressionCase[] {
  const doc = pyJsonLoads(readFileSync(file, "utf8")) as unknown as
    | ExpressionCase[]
    | { cases: ExpressionCase[] };
  return Array.isArray(doc) ? doc : doc.cases;
}

let total = 0;
let untranslated = 0;
const differing: string[] = [];
for (const file of process.argv.slice(2)) {
  // Each side gets its own copy: a few cases change their context.
  const forEvaluator = load(file);
  const forTranslated = load(file);
  const fns = await translateAll(forTranslated.map((c) => c.expr));
  for (let i = 0; i < forEvaluator.length; i++) {
    total++;
    const fn = fns[i];
    if (!fn) {
      untranslated++;
      continue;
    }
    const a = runCase(forEvaluator[i]!, renderValue);
    const b = runCase(forTranslated[i]!, (_value, env) => fn(env));
    if (!isDeepStrictEqual(a, b))
      differing.push(
        `${JSON.stringify(forEvaluator[i]!.expr)}\n  evaluator:  ${JSON.stringify(a)}\n  translated: ${JSON.stringify(b)}`,
      );
  }
}
console.log(
  `${total} cases: ${total - untranslated - differing.length} alike, ${differing.length} differ, ${untranslated} not translated`,
);
for (const d of differing.slice(0, Number(process.env.SHOW ?? 10))) console.log(d);
if (differing.length > 0) process.exitCode = 1;
