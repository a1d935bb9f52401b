// Loads the YAQL cases of golden/expressions/cases.json, builds each case's
// ExprEnv and compares results with the README's rules (errors by category;
// values by deep equality, type and float_paths). The case data is parsed with
// a JSON reader that keeps `1.0` a float, as the recording engine saw it.

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { caseEnv as goldenCaseEnv } from "../../../../compiler/expr/cases";
import { ExpressionError } from "../../../../compiler/expr/errors";
import { evaluateYaqlExpression } from "../../../../compiler/expr/yaql/index";
import type { ExprEnv } from "../../../../runtime/stdlib/functions/env";
import { pyJsonLoads } from "../../../../runtime/stdlib/functions/py-json";
import { type Json, toGolden } from "../../../../runtime/stdlib/py/golden-json";
import type { PyDict, PyValue } from "../../../../runtime/stdlib/py/value";

export const CASES_FILE =
  process.env.ORQC_EXPRESSION_CASES ??
  resolve(__dirname, "../../../../../shared/golden/expressions/cases.json");

export interface Expected {
  readonly value?: Json;
  readonly type?: string;
  readonly float_paths?: string[];
  readonly error_type?: string;
}

export interface YaqlCase {
  readonly id: string;
  readonly expr: Json;
  readonly expected: Expected;
  readonly data: PyDict;
}

/** JSON as Python's json.loads reads it (1.0 stays a float). */
export function parsePyJson(text: string): PyValue {
  return pyJsonLoads(text);
}

/** The YAQL cases whose expr is exactly one `<% ... %>` as Orquesta's regex finds it. */
export function loadSingleExpressionCases(): YaqlCase[] {
  const text = readFileSync(CASES_FILE, "utf8");
  const plain = JSON.parse(text) as { cases: { id: string; lang: string; expr: Json; expected: Expected }[] };
  const typed = (parsePyJson(text) as PyDict).cases as PyDict[];
  return plain.cases
    .map((c, i) => ({ id: c.id, lang: c.lang, expr: c.expr, expected: c.expected, data: typed[i]! }))
    .filter((c) => c.lang === "yaql" && isSingleYaqlExpression(c.expr));
}

export function isSingleYaqlExpression(expr: Json): expr is string {
  if (typeof expr !== "string") return false;
  const all = expr.match(/<%[^\n]*?%>/g);
  return all !== null && all.length === 1 && all[0] === expr;
}

export function caseEnv(data: PyDict): ExprEnv {
  return goldenCaseEnv(data);
}

/** Runs one case; returns undefined when it passes, else a short description of the difference. */
export function runCase(c: YaqlCase): string | undefined {
  let got: { value?: Json; type?: string; float_paths?: string[]; error_type?: string; message?: string };
  try {
    const value = evaluateYaqlExpression(c.expr as string, caseEnv(c.data));
    got = toGolden(value);
  } catch (e) {
    if (e instanceof ExpressionError) got = { error_type: e.category, message: e.message };
    else got = { error_type: "crash", message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
  const exp = c.expected;
  const show = (r: typeof got) =>
    r.error_type !== undefined
      ? `error ${r.error_type}${r.message ? ` (${r.message})` : ""}`
      : `${JSON.stringify(r.value)} (${r.type}${r.float_paths?.length ? ` floats ${r.float_paths.join(",")}` : ""})`;
  if (exp.error_type !== undefined) {
    return got.error_type === exp.error_type
      ? undefined
      : `expected error ${exp.error_type}, got ${show(got)}`;
  }
  const sameFloats = isDeepStrictEqual(
    [...(exp.float_paths ?? [])].sort(),
    [...(got.float_paths ?? [])].sort(),
  );
  if (
    got.error_type === undefined &&
    got.type === exp.type &&
    isDeepStrictEqual(got.value, exp.value) &&
    sameFloats
  ) {
    return undefined;
  }
  return `expected ${show(exp)}, got ${show(got)}`;
}
