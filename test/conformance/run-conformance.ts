// Runs the built CLI over the golden traces once and compares every case
// (shared by traces.test.ts and a manual `npx vite-node` run that prints a report).

import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { compareStrictTier, compareTraces } from "./trace-compare";

export const SHARED = resolve(__dirname, "../../../shared");
export const CASES = join(SHARED, "golden/traces");

type Obj = { [key: string]: never };

export interface CaseResult {
  readonly id: string;
  readonly features: readonly string[];
  readonly diff: string | null;
  /** First strict-tier difference (sequence, routes, seq, results, context), if any. */
  readonly strictDiff: string | null;
}

/** `orqc simulate --cases` over a folder in the golden layout (the golden traces by default), case by case. */
export function runConformance(
  extraArgs: readonly string[] = [],
  casesDir: string = CASES,
  root: string = SHARED,
): CaseResult[] {
  const project = resolve(__dirname, "../..");
  const out = execFileSync(
    "node",
    [
      join(project, "bin/orqc.js"),
      "simulate",
      "--cases",
      casesDir,
      "--root",
      root,
      "--format",
      "json",
      ...extraArgs,
    ],
    { maxBuffer: 1 << 30, encoding: "utf8" },
  );
  const actual = JSON.parse(out) as Record<string, Obj & { error?: string }>;
  const index = JSON.parse(readFileSync(join(casesDir, "INDEX.json"), "utf8")) as {
    cases: Array<{ case_id: string; features?: string[] }>;
  };
  return index.cases.map((c) => {
    const expected = JSON.parse(readFileSync(join(casesDir, c.case_id, "trace.json"), "utf8")) as Obj;
    const got = actual[c.case_id];
    let diff: string | null;
    let strictDiff: string | null = null;
    if (!got) diff = "no trace produced";
    else if (typeof got.error === "string") diff = `engine error: ${got.error}`;
    else {
      diff = compareTraces(expected, got);
      strictDiff = compareStrictTier(expected, got);
    }
    return { id: c.case_id, features: c.features ?? [], diff, strictDiff };
  });
}

if (process.env.ORQC_CONFORMANCE_REPORT) {
  const results = runConformance();
  const failing = results.filter((r) => r.diff);
  for (const r of failing) console.log(`${r.id}\n    ${r.diff?.slice(0, 400)}`);
  const pass = results.length - failing.length;
  console.log(`pass ${pass}/${results.length} (${((100 * pass) / results.length).toFixed(1)}%)`);
  const strict = results.filter((r) => !r.diff && !r.strictDiff).length;
  console.log(`strict tier also matches: ${strict}/${results.length}`);
  if (process.env.ORQC_WRITE_KNOWN) {
    const known: Record<string, string> = {};
    for (const r of failing) known[r.id] = reasonOf(r.diff ?? "");
    writeFileSync(join(__dirname, "traces-known-failures.json"), `${JSON.stringify(known, null, 1)}\n`);
  }
}

/** A one-line reason for the ratchet file, from the first difference. */
export function reasonOf(diff: string): string {
  const field = diff.split(":")[0] ?? "";
  const text = diff.replace(/\s+/g, " ");
  return `${field} differs: ${text.slice(field.length + 1, field.length + 150).trim()}`;
}
