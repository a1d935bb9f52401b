// Runs every case of a golden traces folder (its INDEX.json) in one process.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pyJsonLoads } from "../stdlib/functions/py-json";
import { dictGet, dictKeys } from "../stdlib/py/dict";
import { toGolden } from "../stdlib/py/golden-json";
import { isDict, type PyDict, type PyValue } from "../stdlib/py/value";
import { type CompiledUnits, runScenario, type Scenario } from "./scenario";
import type { Trace } from "./trace";

/**
 * A scenario file read as Python's json module reads it (as the golden traces
 * were recorded): 1.0 stays a float, dict keys keep their order.
 */
export function readScenario(path: string, workflowGiven = false): Scenario {
  const doc = pyJsonLoads(readFileSync(path, "utf8"));
  const problem = scenarioProblem(doc, workflowGiven);
  if (problem) throw new Error(problem);
  return doc as unknown as Scenario;
}

/**
 * What makes a value unusable as a scenario (golden traces README), or null.
 * `workflowGiven`: the workflow comes from elsewhere (the command line), so the file may omit it.
 */
export function scenarioProblem(doc: PyValue, workflowGiven = false): string | null {
  if (!isDict(doc)) return "a scenario is a JSON object";
  return entryProblem(doc, "", workflowGiven) ?? outcomeProblem(dictGet(doc, "default"), '"default"', true);
}

/** The statuses a scripted outcome may have (golden traces README, "Outcomes"). */
const OUTCOME_STATUSES = ["succeeded", "failed", "timeout", "expired", "abandoned", "canceled", "running"];

/** A scenario, or one of its `subworkflows` entries (`where` names it in the message). */
function entryProblem(doc: PyDict, where: string, workflowGiven: boolean): string | null {
  const workflow = dictGet(doc, "workflow");
  if (!(workflowGiven && workflow === undefined) && (typeof workflow !== "string" || workflow === ""))
    return `${where}"workflow" must be the path of a workflow file`;
  for (const key of [
    "input",
    "actions",
    "subworkflows",
    "datastore",
    "default",
    "parameters",
    "st2",
    "config",
  ]) {
    const v = dictGet(doc, key);
    if (v !== undefined && v !== null && !isDict(v)) return `${where}"${key}" must be an object`;
  }
  const actions = dictGet(doc, "actions");
  if (isDict(actions))
    for (const task of dictKeys(actions)) {
      const v = dictGet(actions, task)!;
      const at = `${where}"actions"."${task}"`;
      const problem = Array.isArray(v)
        ? v.map((o, i) => outcomeProblem(o, `${at}[${i}]`)).find((p) => p !== null)
        : outcomeProblem(v, at);
      if (problem) return problem;
    }
  const subs = dictGet(doc, "subworkflows");
  if (isDict(subs))
    for (const ref of dictKeys(subs)) {
      const v = dictGet(subs, ref)!;
      const at = `${where}"subworkflows"."${ref}"`;
      if (!isDict(v)) return `${at} must be an object with a "workflow"`;
      const problem = entryProblem(v, `${at}: `, false);
      if (problem) return problem;
    }
  return null;
}

/** An outcome: an object whose "status", if any, is one of OUTCOME_STATUSES. */
function outcomeProblem(v: PyValue | undefined, where: string, optional = false): string | null {
  if (v === undefined || (optional && v === null)) return null;
  if (!isDict(v)) return `${where} must be an outcome object ({"status", "result"})`;
  const status = dictGet(v, "status");
  if (status !== undefined && (typeof status !== "string" || !OUTCOME_STATUSES.includes(status)))
    return `${where}: "status" must be one of ${OUTCOME_STATUSES.join(", ")}`;
  return null;
}

export interface CaseFailure {
  readonly error: string;
}

/** A cases folder whose INDEX.json cannot be used. */
export class CasesIndexError extends Error {}

/** The case ids of a golden traces folder, in INDEX.json order. */
export function readCaseIds(casesDir: string): string[] {
  const path = join(casesDir, "INDEX.json");
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new CasesIndexError(`${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const cases = (doc as { cases?: unknown } | null)?.cases;
  const ids = Array.isArray(cases)
    ? cases.map((c) => (c as { case_id?: unknown } | null)?.case_id)
    : undefined;
  if (!ids?.every((id): id is string => typeof id === "string" && id !== ""))
    throw new CasesIndexError(`${path}: expected {"cases": [{"case_id": "..."}, ...]}`);
  return ids;
}

/**
 * The readable scenarios of a cases folder. A case whose scenario cannot be
 * read is left out here; runCases reports it as that case's failure.
 */
export function readCases(
  casesDir: string,
  only?: ReadonlySet<string>,
): Array<{ key: string; scenario: Scenario }> {
  const out: Array<{ key: string; scenario: Scenario }> = [];
  for (const id of readCaseIds(casesDir)) {
    if (only && !only.has(id)) continue;
    try {
      out.push({ key: id, scenario: readScenario(join(casesDir, id, "scenario.json")) });
    } catch {
      // reported by runCases
    }
  }
  return out;
}

export function runCases(
  casesDir: string,
  root: string,
  only?: ReadonlySet<string>,
  compiled?: ReadonlyMap<string, CompiledUnits>,
): Record<string, Trace | CaseFailure> {
  const out: Record<string, Trace | CaseFailure> = {};
  for (const id of readCaseIds(casesDir)) {
    if (only && !only.has(id)) continue;
    try {
      const scenario = readScenario(join(casesDir, id, "scenario.json"));
      const units = compiled?.get(id);
      const trace = runScenario(scenario, units ? { root, compiled: units } : { root });
      // A value that is not data (a Jinja Undefined published into the
      // context, where Orquesta's deepcopy raises "cannot pickle
      // 'StrictUndefined' object") fails this case, not the whole batch.
      toGolden(trace as unknown as PyValue, true);
      out[id] = trace;
    } catch (e) {
      out[id] = { error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
    }
  }
  return out;
}
