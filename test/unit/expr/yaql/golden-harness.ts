// Loads the YAQL cases of golden/expressions/cases.json, builds each case's
// ExprEnv and compares results with the README's rules (errors by category;
// values by deep equality, type and float_paths). The case data is parsed with
// a JSON reader that keeps `1.0` a float, as the recording engine saw it.

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { ExpressionError } from "../../../../compiler/expr/errors";
import { evaluateYaqlExpression } from "../../../../compiler/expr/yaql/index";
import type { CurrentTask, ExprEnv } from "../../../../runtime/stdlib/functions/env";
import { dictGet, newDict } from "../../../../runtime/stdlib/py/dict";
import { type Json, toGolden } from "../../../../runtime/stdlib/py/golden-json";
import {
  isDict,
  isInt,
  mkFloat,
  mkInt,
  type PyDict,
  type PyValue,
} from "../../../../runtime/stdlib/py/value";

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

/** JSON.parse that yields Python values: `1.0` stays a float, big integers become bigints. */
export function parsePyJson(text: string): PyValue {
  let i = 0;
  const ws = () => {
    while (i < text.length && " \t\r\n".includes(text[i]!)) i++;
  };
  const value = (): PyValue => {
    ws();
    const ch = text[i]!;
    if (ch === "{") {
      i++;
      const d = newDict();
      ws();
      if (text[i] === "}") {
        i++;
        return d;
      }
      for (;;) {
        ws();
        const k = value() as string;
        ws();
        i++; // :
        const v = value();
        Object.defineProperty(d, k, { value: v, enumerable: true, writable: true, configurable: true });
        ws();
        if (text[i++] === "}") return d;
      }
    }
    if (ch === "[") {
      i++;
      const out: PyValue[] = [];
      ws();
      if (text[i] === "]") {
        i++;
        return out;
      }
      for (;;) {
        out.push(value());
        ws();
        if (text[i++] === "]") return out;
      }
    }
    if (ch === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      const s = JSON.parse(text.slice(i, j + 1)) as string;
      i = j + 1;
      return s;
    }
    const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?|^true|^false|^null/.exec(text.slice(i, i + 400))!;
    i += m[0].length;
    if (m[0] === "true") return true;
    if (m[0] === "false") return false;
    if (m[0] === "null") return null;
    if (m[1] !== undefined || m[2] !== undefined) return mkFloat(Number(m[0]));
    return mkInt(BigInt(m[0]));
  };
  return value();
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
  const ctx = dictGet(data, "ctx");
  const states = dictGet(data, "task_states");
  const store = dictGet(data, "datastore");
  const task = dictGet(data, "current_task");
  let currentTask: CurrentTask | undefined;
  if (isDict(task)) {
    const route = dictGet(task, "route");
    const status = dictGet(task, "status");
    currentTask = {
      id: String(dictGet(task, "id") ?? ""),
      route: isInt(route) ? Number(route) : 0,
      ...(typeof status === "string" ? { status } : {}),
      result: dictGet(task, "result") ?? null,
    };
  }
  const item = dictGet(data, "current_item");
  return {
    ctx: isDict(ctx) ? ctx : newDict(),
    ...(item !== undefined ? { item: { value: item } } : {}),
    ...(currentTask ? { currentTask } : {}),
    taskStatus: (taskId: string) => {
      const s = isDict(states) ? dictGet(states, taskId) : undefined;
      if (typeof s === "string") return s;
      if (currentTask && taskId === currentTask.id) return currentTask.status ?? null;
      return null;
    },
    st2kv: (key: string) => (isDict(store) ? dictGet(store, key) : undefined),
  };
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
