// Where orqc differed from the Python code Orquesta runs, found by the
// differential fuzzers of scripts/expr-diff:
// - st2-source-findings.json (fuzz-st2.mjs): StackStorm's functions: yaql's
//   camelCase parameter names and types from defaults, the frozen data and
//   iterators yaql hands to Python functions, jsonpath-rw's grammar, orjson,
//   yaml.safe_load and its non-str keys;
// - regex-findings.json (fuzz-regex.mjs): Python's `re`: possessive
//   quantifiers, atomic groups, fixed-width look-behinds, repeated
//   assertions, scoped flags, inline flag errors;
// - yaml-timestamp-findings.json (fuzz-st2.mjs): YAML timestamps in
//   from_yaml_string are Python's date and datetime (naive, or aware with
//   datetime.timezone), with their str/repr, order, dumps and constructor errors;
// - whitespace-findings.json (hand-made sweep): Python's whitespace classes
//   where JavaScript's differ (str.isspace in Jinja's lexer and Orquesta's
//   delimiter strip, what int()/float()/float.fromhex() skip, re.ASCII);
// - datetime-findings.json (date-cases.mjs): YAQL's datetime(text), which is
//   dateutil's parser, and glibc's strftime in datetime.format();
// - yaql-str-findings.json (hand-made probes): indexOf/lastIndexOf at the
//   edges of their bounds, as str.find's;
// - yaml-anchor-findings.json (fuzz-st2.mjs): to_yaml_string anchors a date
//   or datetime written twice (a YAML alias in from_yaml_string's input, a
//   value used twice), the only objects StackStorm does not rebuild first.
// The expected results were recorded by scripts/expr-diff/record-findings.mjs
// from Orquesta's evaluate() with StackStorm's source; every case runs
// through the evaluator and through translated code, compared by the golden
// README's rules.

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type ExpressionCase, runCase } from "../../../../compiler/expr/cases";
import { renderValue } from "../../../../compiler/expr/index";
import { pyJsonLoads } from "../../../../runtime/stdlib/functions/py-json";
import type { PyValue } from "../../../../runtime/stdlib/py/value";
import { compareCase } from "../../../conformance/expressions-compare";
import { type Translated, translateAll } from "../translate/harness";

interface Finding {
  readonly expr: string;
  readonly expected: Parameters<typeof compareCase>[0];
}

describe.each([
  "st2-source-findings.json",
  "regex-findings.json",
  "yaml-timestamp-findings.json",
  "whitespace-findings.json",
  "datetime-findings.json",
  "yaql-str-findings.json",
  "yaml-anchor-findings.json",
])("%s", (name) => {
  const file = resolve(__dirname, name);
  const plain = JSON.parse(readFileSync(file, "utf8")) as { cases: Finding[] };
  /** Read again for each case: the context is Python data (2.5 stays a float) and a case may change it. */
  const caseOf = (i: number): ExpressionCase => {
    const doc = pyJsonLoads(readFileSync(file, "utf8")) as unknown as { ctx: PyValue; datastore: PyValue };
    return { id: `${name}-${i}`, expr: plain.cases[i]!.expr, ctx: doc.ctx, datastore: doc.datastore };
  };

  let fns: (Translated | null)[] = [];
  beforeAll(async () => {
    fns = await translateAll(plain.cases.map((c) => c.expr));
  }, 120_000);

  const cases = plain.cases.map((c, i) => [c.expr, i] as const);

  it.each(cases)("%s (evaluator)", (_expr, i) => {
    expect(compareCase(plain.cases[i]!.expected, runCase(caseOf(i), renderValue))).toBeUndefined();
  });

  it.each(cases)("%s (translated)", (_expr, i) => {
    const fn = fns[i];
    expect(fn).toBeTruthy();
    expect(
      compareCase(
        plain.cases[i]!.expected,
        runCase(caseOf(i), (_value, env) => fn!(env)),
      ),
    ).toBeUndefined();
  });
});
