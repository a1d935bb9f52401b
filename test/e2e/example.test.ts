// The nested monitoring example end to end (issue 7), time-scaled: healthy
// Windows and Linux hosts and a host that no longer exists, run compiled
// (flattened bundle) and interpreted (nested YAML, sub-workflows as child
// executions) on the embedded runtime, against the example's ITSM service and
// a SQLite file. Checks outputs, the ITSM calls (/calls), the SQL rows, and
// that both modes give the same outputs.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runEmbedded } from "../../bench/seed/embedded";
import { type ItsmService, startItsmService } from "../../bench/seed/itsm-service";
import { examplesDir } from "../../bench/seed/paths";
import { usePlainPython } from "../../bench/seed/python-env";
import type { RowRun } from "../../bench/seed/row";
import {
  checkItsmCalls,
  checkOutputs,
  checkSqlRows,
  type PlannedRun,
  planHosts,
  sqliteCounts,
} from "../../bench/seed/workload";
import { compile } from "../../compiler/compile";
import { translateExpression } from "../../compiler/emit/translator";

const HOSTS = ["win-srv-02", "win-srv-01", "lnx-srv-01", "stale-srv-01"];
const work = mkdtempSync(join(tmpdir(), "orqc-example-e2e-"));
const bundlesDir = join(work, "bundles");
let itsm: ItsmService;
const saved = { ...process.env };

beforeAll(async () => {
  usePlainPython(work);
  process.env.ORQC_TIME_SCALE = "0.01";
  itsm = await startItsmService();
  process.env.ITSM_SERVICE_URL = itsm.url;
  const built = await compile({
    paths: [examplesDir],
    outDir: bundlesDir,
    force: true,
    translate: translateExpression,
  });
  expect(built.manifest.map((m) => m.ref)).toContain("monitoring.host_check");
}, 60_000);

afterAll(async () => {
  await itsm?.stop();
  process.env = saved;
  rmSync(work, { recursive: true, force: true });
});

interface ModeRun {
  runs: PlannedRun[];
  run: RowRun;
  calls: Awaited<ReturnType<ItsmService["calls"]>>;
  db: string;
}
const results: Partial<Record<"compiled" | "interpreted", ModeRun>> = {};

async function runMode(mode: "compiled" | "interpreted", first: number): Promise<ModeRun> {
  const db = join(work, `${mode}.sqlite`);
  const runs = planHosts(HOSTS, db, first);
  await itsm.reset();
  const run = await runEmbedded(runs, {
    ...(mode === "compiled" ? { bundlesDir } : {}),
    timeScale: 0.01,
    concurrency: 32,
    timeoutMs: 90_000,
  });
  const out = { runs, run, calls: await itsm.calls(), db };
  results[mode] = out;
  return out;
}

function checkMode(r: ModeRun): void {
  expect(checkOutputs(r.runs, r.run.finished)).toEqual([]);
  expect(checkItsmCalls(r.runs, r.calls)).toEqual([]);
  expect(checkSqlRows(r.runs, sqliteCounts(r.db))).toEqual([]);
  expect(r.run.finished.map((f) => f.output?.outcome)).toEqual(["closed", "closed", "closed", "escalated"]);
  // lnx-srv-01 on ServiceNow: begin, ping result, uptime, close -> four PATCHes, ending in state 6.
  const lnx = r.runs[2]!.expected.incident_id;
  const patches = r.calls.filter((c) => c.incident_id === lnx);
  expect(patches.map((c) => c.method)).toEqual(["PATCH", "PATCH", "PATCH", "PATCH"]);
  // win-srv-01 is a globex host: Jira, 3 + 2 + 3 calls.
  const jira = r.calls.filter((c) => c.incident_id === r.runs[1]!.expected.incident_id);
  expect(jira.every((c) => c.path.startsWith("/jira/"))).toBe(true);
  expect(jira).toHaveLength(8);
}

describe("the monitoring example end to end", () => {
  it("runs compiled (flattened): outputs, ITSM calls and SQL rows as the workflows imply", async () => {
    const r = await runMode("compiled", 0);
    checkMode(r);
    expect(r.run.unitsScheduled).toBeLessThanOrEqual(4 * HOSTS.length);
  }, 120_000);

  it("runs interpreted (nested): the same checks, sub-workflows as child executions", async () => {
    const r = await runMode("interpreted", 100);
    checkMode(r);
    // 7 workflow executions per run when the host gets the full path (lnx), fewer otherwise.
    expect(r.run.unitsScheduled).toBeGreaterThan(results.compiled!.run.unitsScheduled);
  }, 120_000);

  it("gives the same outputs in both modes", () => {
    const strip = (m: ModeRun) =>
      m.run.finished.map((f) => {
        const { incident_id: _id, process_id: _pid, ...rest } = f.output ?? {};
        return rest;
      });
    expect(results.compiled && results.interpreted).toBeTruthy();
    expect(strip(results.compiled!)).toEqual(strip(results.interpreted!));
    expect(strip(results.compiled!)[0]).toMatchObject({
      host: "win-srv-02",
      ping_ok: true,
      itsm_state: expect.any(String),
    });
  });
});
