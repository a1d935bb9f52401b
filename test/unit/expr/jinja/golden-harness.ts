// Shared by the Jinja golden tests: loads the jinja cases of
// golden/expressions/cases.json, builds each case's ExprEnv and compares a
// result with the README's rules (errors by category; values by deep
// equality, type and float_paths).

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { caseEnv as goldenCaseEnv } from "../../../../compiler/expr/cases";
import { ExpressionError } from "../../../../compiler/expr/errors";
import {
  evaluateJinjaExpressionText,
  isJinjaStrictUndefined,
  jinjaValueToText,
  renderJinjaTemplateText,
  stripJinjaDelimiter,
  unresolvedError,
} from "../../../../compiler/expr/jinja/index";
import type { ExprEnv } from "../../../../runtime/stdlib/functions/env";
import { pyJsonLoads } from "../../../../runtime/stdlib/functions/py-json";
import { type Json, toGolden } from "../../../../runtime/stdlib/py/golden-json";
import { PyError, type PyValue } from "../../../../runtime/stdlib/py/value";

export const CASES_FILE = resolve(__dirname, "../../../../../shared/golden/expressions/cases.json");

export interface Expected {
  readonly value?: Json;
  readonly type?: string;
  readonly float_paths?: string[];
  readonly error_type?: string;
}

export interface GoldenCase {
  readonly id: string;
  readonly lang: string;
  readonly expr: Json;
  readonly expected: Expected;
  /** The case's inputs as Python values (floats such as 1.0 kept as floats). */
  readonly input: { readonly [key: string]: PyValue };
}

/** JSON as Python's json.loads reads it (1.0 stays a float). */
export function parsePyJson(text: string): PyValue {
  return pyJsonLoads(text);
}

export function loadJinjaCases(): GoldenCase[] {
  const text = readFileSync(CASES_FILE, "utf8");
  const all = JSON.parse(text) as { cases: Omit<GoldenCase, "input">[] };
  const py = parsePyJson(text) as { cases: { [key: string]: PyValue }[] };
  return all.cases.map((c, n) => ({ ...c, input: py.cases[n]! })).filter((c) => c.lang === "jinja");
}

/** A plain string that is exactly one `{{ ... }}` as Orquesta's regex finds it. */
export function isSingleExpression(expr: Json): expr is string {
  if (typeof expr !== "string") return false;
  const m = /\{\{.*?\}\}/s.exec(expr);
  return m !== null && m.index === 0 && m[0].length === expr.length && !/\{%.*?%\}/s.test(expr);
}

export function caseEnv(c: GoldenCase): ExprEnv {
  return goldenCaseEnv(c.input);
}
export type Outcome =
  | { value: Json; type: string; float_paths?: string[] }
  | { error_type: string; message: string };

/** Runs `f` and turns its result or failure into the golden result form. */
export function outcomeOf(f: () => PyValue): Outcome {
  try {
    return toGolden(f());
  } catch (e) {
    if (e instanceof ExpressionError) return { error_type: e.category, message: e.message };
    if (e instanceof PyError) return { error_type: e.category, message: `${e.pyType}: ${e.message}` };
    return { error_type: "internal", message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}

/** Why `got` does not match `expected`, or undefined when it does. */
export function mismatch(expected: Expected, got: Outcome): string | undefined {
  const show = (r: Outcome | Expected) =>
    "error_type" in r && r.error_type !== undefined
      ? `error ${r.error_type}${"message" in r ? ` (${r.message})` : ""}`
      : `${JSON.stringify((r as { value: Json }).value)} (${(r as { type: string }).type})`;
  if (expected.error_type !== undefined) {
    return "error_type" in got && got.error_type === expected.error_type
      ? undefined
      : `expected error ${expected.error_type}, got ${show(got)}`;
  }
  if ("error_type" in got) return `expected ${show(expected)}, got ${show(got)}`;
  const floats = (p?: string[]) => [...(p ?? [])].sort();
  if (
    got.type === expected.type &&
    isDeepStrictEqual(got.value, expected.value) &&
    isDeepStrictEqual(floats(got.float_paths), floats(expected.float_paths))
  ) {
    return undefined;
  }
  return `expected ${show(expected)}, got ${show(got)}`;
}

// ------------------------------------------------------------ Orquesta's jinja.py evaluate(), for the template cases

const EXPR = /\{\{.*?\}\}/g;
const BLOCK = /\{%.*?%\}/g;
const RAW = /\{% raw %\}.*?\{% endraw %\}/g;

/** A test-only reference of orquesta/expressions/jinja.py evaluate() over this package's exports. */
export function orquestaRender(text: string, env: ExprEnv): PyValue {
  const raws = text.match(RAW) ?? [];
  raws.forEach((r, i) => {
    text = text.split(r).join(`{${i}}`);
  });
  let output = expand(text, env);
  if (typeof output === "string") {
    const left = (output.match(EXPR) ?? []).map(stripJinjaDelimiter);
    if (left.length > 0) throw unresolvedError(left);
    if (raws.length > 0) {
      let restored: string = output;
      raws.forEach((r, i) => {
        restored = restored.split(`{${i}}`).join(r);
      });
      output = renderJinjaTemplateText(restored, env);
    }
  }
  return output;
}

function expand(text: string, env: ExprEnv): PyValue {
  const exprs = text.match(EXPR) ?? [];
  if ((text.match(BLOCK) ?? []).length > 0) return expand(renderJinjaTemplateText(text, env), env);
  let output: PyValue = text;
  for (const expr of exprs) {
    let result = evaluateJinjaExpressionText(expr, env);
    if (typeof result === "string") result = expand(result, env);
    if (isJinjaStrictUndefined(result)) continue;
    const current = output as string;
    if (exprs.length > 1 || current.length > expr.length)
      output = current.split(expr).join(jinjaValueToText(result));
    else output = result;
  }
  return output;
}
