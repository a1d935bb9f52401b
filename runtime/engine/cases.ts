// Runs every case of a golden traces folder (its INDEX.json) in one process.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type CompiledUnits, runScenario, type Scenario } from "./scenario";
import type { Trace } from "./trace";

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
      scenario: JSON.parse(readFileSync(join(casesDir, c.case_id, "scenario.json"), "utf8")) as Scenario,
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
      const scenario = JSON.parse(
        readFileSync(join(casesDir, c.case_id, "scenario.json"), "utf8"),
      ) as Scenario;
      const units = compiled?.get(c.case_id);
      out[c.case_id] = runScenario(scenario, units ? { root, compiled: units } : { root });
    } catch (e) {
      out[c.case_id] = { error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
    }
  }
  return out;
}
