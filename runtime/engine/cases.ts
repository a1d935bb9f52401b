// Runs every case of a golden traces folder (its INDEX.json) in one process.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pyJsonLoads } from "../stdlib/functions/py-json";
import { dictGet } from "../stdlib/py/dict";
import { toGolden } from "../stdlib/py/golden-json";
import { isDict, type PyValue } from "../stdlib/py/value";
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
  const workflow = dictGet(doc, "workflow");
  if (!(workflowGiven && workflow === undefined) && (typeof workflow !== "string" || workflow === ""))
    return '"workflow" must be the path of a workflow file';
  for (const key of ["input", "actions", "subworkflows", "datastore", "default", "parameters", "st2"]) {
    const v = dictGet(doc, key);
    if (v !== undefined && v !== null && !isDict(v)) return `"${key}" must be an object`;
  }
  return null;
}

export interface CaseFailure {
  readonly error: string;
}

export function readCases(
  casesDir: string,
  only?: ReadonlySet<string>,
): Array<{ key: string; scenario: Scenario }> {
  const index = JSON.parse(readFileSync(join(casesDir, "INDEX.json"), "utf8")) as {
    cases: Array<{ case_id: string }>;
  };
  return index.cases
    .filter((c) => !only || only.has(c.case_id))
    .map((c) => ({
      key: c.case_id,
      scenario: readScenario(join(casesDir, c.case_id, "scenario.json")),
    }));
}

export function runCases(
  casesDir: string,
  root: string,
  only?: ReadonlySet<string>,
  compiled?: ReadonlyMap<string, CompiledUnits>,
): Record<string, Trace | CaseFailure> {
  const index = JSON.parse(readFileSync(join(casesDir, "INDEX.json"), "utf8")) as {
    cases: Array<{ case_id: string }>;
  };
  const out: Record<string, Trace | CaseFailure> = {};
  for (const c of index.cases) {
    if (only && !only.has(c.case_id)) continue;
    try {
      const scenario = readScenario(join(casesDir, c.case_id, "scenario.json"));
      const units = compiled?.get(c.case_id);
      const trace = runScenario(scenario, units ? { root, compiled: units } : { root });
      // A value that is not data (a Jinja Undefined published into the
      // context, where Orquesta's deepcopy raises "cannot pickle
      // 'StrictUndefined' object") fails this case, not the whole batch.
      toGolden(trace as unknown as PyValue);
      out[c.case_id] = trace;
    } catch (e) {
      out[c.case_id] = { error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
    }
  }
  return out;
}
