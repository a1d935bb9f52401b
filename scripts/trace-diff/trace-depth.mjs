// How far the runs of a generated case folder got, from the reference traces
// (trace.json written by orquesta_reference.py): per kind of run (happy, or
// with random failures), the mean number of task records (sub-workflows'
// included), the share that ended succeeded, the share that stopped on an
// expression error, and with --root (the folder the scenarios' workflow paths
// are relative to) the share of the top workflow's tasks that ran. Used to
// compare scenario generators (gen-pack-scenarios.mjs --placeholder-results
// against the default).
//
//   node scripts/trace-diff/trace-depth.mjs CASES_DIR [--root DIR] [--json]

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import YAML from "yaml";
import { option } from "../lib/args.mjs";

const EXPRESSION =
  /Unable to evaluate|unresolved|Unable to resolve|is not type of|YaqlEvaluationException|JinjaEvaluationException|TypeError|KeyError|AttributeError|IndexError|ValueError/;

/** {tasks, status, expressionError} of one trace. */
export function depth(trace) {
  let tasks = 0;
  let expressionError = false;
  const walk = (t) => {
    tasks += (t.tasks ?? []).length;
    for (const e of t.errors ?? []) if (EXPRESSION.test(e.message ?? "")) expressionError = true;
    for (const x of t.executions ?? []) if (x.subworkflow) walk(x.subworkflow);
  };
  walk(trace);
  return { tasks, status: trace.status, expressionError };
}

/** The number of tasks a workflow file defines (0 if unreadable). */
function taskCount(file) {
  try {
    const wf = YAML.parse(readFileSync(file, "utf8"));
    return wf?.tasks && typeof wf.tasks === "object" ? Object.keys(wf.tasks).length : 0;
  } catch {
    return 0;
  }
}

/** Per kind ("happy", "failures"): {runs, modelled, meanTasks, succeeded, expressionErrors, reached?}. */
export function depthStats(dir, root) {
  const counts = new Map();
  const index = JSON.parse(readFileSync(join(dir, "INDEX.json"), "utf8"));
  const groups = {};
  for (const c of index.cases) {
    const kind = c.scenario === "happy" ? "happy" : "failures";
    const g = (groups[kind] ??= {
      runs: 0,
      modelled: 0,
      tasks: 0,
      succeeded: 0,
      expressionErrors: 0,
      reached: 0,
      defined: 0,
    });
    g.runs++;
    const file = join(dir, c.case_id, "trace.json");
    if (!existsSync(file)) continue;
    const trace = JSON.parse(readFileSync(file, "utf8"));
    if (trace.not_modelled || trace.status === undefined) continue;
    const d = depth(trace);
    g.modelled++;
    g.tasks += d.tasks;
    if (d.status === "succeeded") g.succeeded++;
    if (d.expressionError) g.expressionErrors++;
    if (root) {
      if (!counts.has(trace.workflow)) counts.set(trace.workflow, taskCount(join(root, trace.workflow)));
      g.defined += counts.get(trace.workflow);
      g.reached += new Set((trace.tasks ?? []).map((t) => t.id)).size;
    }
  }
  const out = {};
  for (const [k, g] of Object.entries(groups))
    out[k] = {
      runs: g.runs,
      modelled: g.modelled,
      meanTasks: g.modelled ? g.tasks / g.modelled : 0,
      succeeded: g.modelled ? g.succeeded / g.modelled : 0,
      expressionErrors: g.modelled ? g.expressionErrors / g.modelled : 0,
      ...(root ? { reached: g.defined ? g.reached / g.defined : 0 } : {}),
    };
  return out;
}

export function formatDepth(stats) {
  return Object.entries(stats)
    .map(
      ([k, s]) =>
        `${k}: ${s.modelled}/${s.runs} runs modelled, ${s.meanTasks.toFixed(2)} tasks per run, ` +
        `${(100 * s.succeeded).toFixed(1)}% succeeded, ${(100 * s.expressionErrors).toFixed(1)}% stopped by an expression error` +
        (s.reached !== undefined ? `, ${(100 * s.reached).toFixed(1)}% of the workflows' tasks ran` : ""),
    )
    .join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2];
  if (!dir) {
    console.error("usage: trace-depth.mjs CASES_DIR [--root DIR] [--json]");
    process.exit(2);
  }
  const stats = depthStats(dir, option("root", undefined));
  console.log(process.argv.includes("--json") ? JSON.stringify(stats) : formatDepth(stats));
}
