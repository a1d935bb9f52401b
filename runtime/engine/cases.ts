// Runs every case of a golden traces folder (its INDEX.json) in one process.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pyJsonLoads } from "../stdlib/functions/py-json";
import { type CompiledUnits, runScenario, type Scenario } from "./scenario";
import type { Trace } from "./trace";

/**
 * A scenario file read as Python's json module reads it (as the golden traces
 * were recorded): 1.0 stays a float, dict keys keep their order.
 */
export function readScenario(path: string): Scenario {
  return pyJsonLoads(readFileSync(path, "utf8")) as unknown as Scenario;
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
      out[c.case_id] = runScenario(scenario, units ? { root, compiled: units } : { root });
    } catch (e) {
      out[c.case_id] = { error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
    }
  }
  return out;
}
