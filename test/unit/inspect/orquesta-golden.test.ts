// inspectOrquestaText against the real Orquesta 1.6 inspector, as recorded in the
// golden traces: workflows refused before start must give the same entries
// (type, paths, expression, language; messages of semantic and context entries),
// and every other traced workflow must give none.

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import {
  inspectOrquestaNode,
  inspectOrquestaText,
  type OrquestaInspectionError,
} from "../../../compiler/inspect/orquesta";
import { parseYaml } from "../../../compiler/load/parse-yaml";

const SHARED = resolve(__dirname, "../../../../shared");
const TRACES = resolve(SHARED, "golden/traces");

interface Case {
  case_id: string;
  workflow: string;
  features: string[];
}

const index = JSON.parse(readFileSync(resolve(TRACES, "INDEX.json"), "utf8")) as { cases: Case[] };
const byWorkflow = new Map<string, Case>();
for (const c of index.cases) if (!byWorkflow.has(c.workflow)) byWorkflow.set(c.workflow, c);
const cases = [...byWorkflow.values()];
const refused = cases.filter((c) => c.features.includes("inspection_error"));

function comparable(e: OrquestaInspectionError) {
  const exactMessage = e.type === "semantic" || e.type === "context";
  return {
    type: e.type,
    spec_path: e.spec_path,
    schema_path: e.schema_path,
    expression: e.expression,
    language: e.language,
    ...(exactMessage ? { message: e.message } : {}),
  };
}

describe("inspectOrquestaText matches Orquesta's inspector on the golden traces", () => {
  it("covers the refused workflows", () => {
    expect(refused.length).toBeGreaterThanOrEqual(20);
  });

  it.each(refused.map((c) => [c.workflow, c] as const))("refuses %s like Orquesta", (workflow, c) => {
    const trace = JSON.parse(readFileSync(resolve(TRACES, c.case_id, "trace.json"), "utf8"));
    const text = readFileSync(resolve(SHARED, workflow), "utf8");
    const got = inspectOrquestaText(workflow, text).map(comparable);
    expect(got).toEqual((trace.errors as OrquestaInspectionError[]).map(comparable));
  });

  it.each(refused.map((c) => [c.workflow, c] as const))(
    "gives Orquesta's raw result for %s",
    (workflow, c) => {
      const trace = JSON.parse(readFileSync(resolve(TRACES, c.case_id, "trace.json"), "utf8"));
      const text = readFileSync(resolve(SHARED, workflow), "utf8");
      const raw = inspectOrquestaNode(parseYaml({ path: workflow, text }).root);
      const got: Record<string, unknown[]> = {};
      for (const category of ["syntax", "semantics", "expressions", "context"] as const) {
        if (raw[category].length === 0) continue;
        got[category] = raw[category].map((e) => {
          const entry: Record<string, unknown> = { spec_path: e.spec_path, schema_path: e.schema_path };
          if (e.expression !== undefined) entry.expression = e.expression;
          if (category === "expressions" || category === "context") entry.type = e.language;
          if (category === "semantics" || category === "context") entry.message = e.message;
          return entry;
        });
      }
      const expected: Record<string, unknown[]> = {};
      for (const [category, entries] of Object.entries(
        trace.inspection as Record<string, Record<string, unknown>[]>,
      )) {
        expected[category] = entries.map(({ message, ...rest }) =>
          category === "semantics" || category === "context" ? { ...rest, message } : rest,
        );
      }
      expect(got).toEqual(expected);
    },
  );

  it("accepts every other traced workflow", () => {
    const wrong: string[] = [];
    for (const c of cases) {
      if (c.features.includes("inspection_error")) continue;
      const errors = inspectOrquestaText(c.workflow, readFileSync(resolve(SHARED, c.workflow), "utf8"));
      if (errors.length > 0) wrong.push(`${c.workflow}: ${JSON.stringify(errors)}`);
    }
    expect(wrong).toEqual([]);
  });
});
