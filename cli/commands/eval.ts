// `orqc eval`: evaluates one expression value the way Orquesta renders a
// workflow value, or (--cases) every case of a golden-format case file in one
// process. The --cases JSON output is a stable contract used by the
// conformance tests: [{id, value, type[, float_paths]} | {id, error_type, message}].

import { readFileSync } from "node:fs";
import type { Command } from "commander";
import {
  caseEnv,
  type ExpressionCase,
  ExpressionError,
  renderValue,
  runCase,
} from "../../compiler/expr/index";
import { pyJsonLoads } from "../../runtime/stdlib/functions/py-json";
import { dictGet, dictKeys } from "../../runtime/stdlib/py/dict";
import { toGolden } from "../../runtime/stdlib/py/golden-json";
import { pyRepr } from "../../runtime/stdlib/py/text";
import { isDict, type PyDict, PyError, type PyValue, pyTypeName } from "../../runtime/stdlib/py/value";
import { type InputPlace, jsonErrorPlace, reportError } from "../report-error";

interface EvalOptions {
  ctx?: string;
  item?: string;
  currentTask?: string;
  taskStates?: string;
  datastore?: string;
  cases?: string;
  format: string;
}

class UsageError extends Error {}
/** A JSON argument or case file that cannot be read or parsed (`at`: where in the file). */
class InputError extends UsageError {
  constructor(
    message: string,
    readonly at?: InputPlace,
  ) {
    super(message);
  }
}

const HELP = `
Examples:
  $ orqc eval '<% ctx(x) + 1 %>' --ctx '{"x": 41}'
  42  (int)
  $ orqc eval 'host-{{ item("name") }}' --item '{"name": "web1"}' --format json
  {"value":"host-web1","type":"str"}
  $ orqc eval '<% succeeded() %>' --current-task '{"id": "t1", "route": 0, "status": "succeeded"}'
  $ orqc eval "<% st2kv('system.host') %>" --ctx '{"st2": {"user": "stanley"}}' --datastore '{"system.host": "h"}'
  $ orqc eval --cases ../shared/golden/expressions/cases.json --format json

JSON arguments may be given inline or as @file. Exit codes: 0 ok, 1 the expression failed, 2 usage error.`;

export function registerEval(program: Command): void {
  program
    .command("eval [expr]")
    .description("Evaluate a YAQL (<% %>) or Jinja ({{ }}) value as Orquesta renders it")
    .option("--ctx <json>", "workflow context (JSON object or @file)")
    .option("--item <json>", "current with-items item (JSON or @file)")
    .option("--current-task <json>", 'current task: {"id", "route", "status", "result"}')
    .option("--task-states <json>", 'statuses of other tasks: {"task_id": "status"}')
    .option("--datastore <json>", 'st2kv keys: {"system.name": "value", "user_key": "value"}')
    .option("--cases <file>", "evaluate every case of a golden-format case file")
    .option("--format <format>", "text or json", "text")
    .addHelpText("after", HELP)
    .action((expr: string | undefined, o: EvalOptions) => {
      try {
        if (o.format !== "text" && o.format !== "json")
          throw new UsageError(`--format must be text or json, got "${o.format}"`);
        process.exitCode = o.cases !== undefined ? runCases(o.cases, o) : runOne(expr, o);
      } catch (e) {
        if (!(e instanceof UsageError)) throw e;
        if (e instanceof InputError) reportError("eval", "input", e.message, e.at);
        else reportError("eval", "usage", e.message);
        process.exitCode = 2;
      }
    });
}

/**
 * JSON text like JSON.stringify, except that -0.0 keeps its sign (JSON.stringify writes 0)
 * and objects keep Python's key order (a JavaScript object lists "10" before "a").
 */
function goldenJson(v: unknown): string {
  if (typeof v === "number") return Object.is(v, -0) ? "-0.0" : JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(goldenJson).join(",")}]`;
  if (v !== null && typeof v === "object") {
    const o = v as Record<string, unknown>;
    const parts = dictKeys(o as PyDict).filter((k) => o[k] !== undefined);
    return `{${parts.map((k) => `${JSON.stringify(k)}:${goldenJson(o[k])}`).join(",")}}`;
  }
  return JSON.stringify(v) ?? "null";
}

function readJsonArg(flag: string, text: string | undefined): PyValue | undefined {
  if (text === undefined) return undefined;
  let source = text;
  if (text.startsWith("@")) {
    try {
      source = readFileSync(text.slice(1), "utf8");
    } catch (e) {
      throw new InputError(`${flag}: cannot read ${text.slice(1)}: ${(e as Error).message}`);
    }
  }
  try {
    return pyJsonLoads(source);
  } catch (e) {
    const at = text.startsWith("@") ? jsonErrorPlace(e, text.slice(1)) : undefined;
    throw new InputError(`${flag}: invalid JSON: ${(e as Error).message}`, at);
  }
}

function runOne(expr: string | undefined, o: EvalOptions): number {
  if (expr === undefined) throw new UsageError("an expression is required (or --cases FILE)");
  const ctx = readJsonArg("--ctx", o.ctx) ?? {};
  if (!isDict(ctx)) throw new InputError("--ctx must be a JSON object");
  const env = caseEnv({
    ctx,
    current_item: readJsonArg("--item", o.item),
    current_task: readJsonArg("--current-task", o.currentTask),
    task_states: readJsonArg("--task-states", o.taskStates),
    datastore: readJsonArg("--datastore", o.datastore),
  });
  let shown: string;
  try {
    const value = renderValue(expr, env);
    // The JSON form exists for data only: a value such as a complex fails here, as an evaluation error;
    // repr() fails as Python's does (an int of more than 4,300 digits).
    shown = o.format === "json" ? goldenJson(toGolden(value)) : `${pyRepr(value)}  (${pyTypeName(value)})`;
  } catch (e) {
    if (!(e instanceof ExpressionError) && !(e instanceof PyError)) throw e;
    const category = e.category;
    const message = e instanceof PyError ? `${e.pyType}: ${e.message}` : e.message;
    if (o.format === "json") process.stdout.write(`${JSON.stringify({ error_type: category, message })}\n`);
    reportError("eval", "failed", `${category} error: ${message}`);
    return 1;
  }
  process.stdout.write(`${shown}\n`);
  return 0;
}

function runCases(file: string, o: EvalOptions): number {
  const doc = readJsonArg("--cases", `@${file}`);
  const cases = isDict(doc) ? dictGet(doc, "cases") : doc;
  if (!Array.isArray(cases)) throw new InputError(`--cases: ${file} has no "cases" list`);
  const results = cases.map((raw, i) => {
    if (!isDict(raw)) return { id: `#${i}`, error_type: "internal", message: "case is not an object" };
    const get = (k: string) => dictGet(raw, k);
    const c: ExpressionCase = {
      id: String(get("id") ?? `#${i}`),
      expr: get("expr") ?? null,
      ctx: get("ctx"),
      current_item: get("current_item"),
      current_task: get("current_task"),
      task_states: get("task_states"),
      datastore: get("datastore"),
    };
    return runCase(c, renderValue);
  });
  if (o.format === "json") {
    process.stdout.write(`[\n${results.map((r) => goldenJson(r)).join(",\n")}\n]\n`);
  } else {
    for (const r of results) {
      const text =
        "error_type" in r ? `error ${r.error_type}: ${r.message}` : `${JSON.stringify(r.value)}  (${r.type})`;
      process.stdout.write(`${r.id}: ${text}\n`);
    }
  }
  // The other cases' results are printed; a case that is not an object is the file's fault (exit 2).
  const malformed = cases.flatMap((raw, i) => (isDict(raw) ? [] : [`#${i}`]));
  if (malformed.length > 0) {
    reportError("eval", "input", `--cases: ${file}: not an object: case ${malformed.join(", ")}`);
    return 2;
  }
  return 0;
}
