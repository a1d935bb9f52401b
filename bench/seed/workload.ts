// The seed workload: N host_check runs over the 50-host CMDB mix (run i gets
// host i mod 50 and a unique incident id), what each run must produce, and the
// checks of a finished batch: outputs, ITSM calls, SQL rows.

import { execFileSync } from "node:child_process";
import {
  type ExpectedRun,
  expectedRun,
  type InventoryHost,
  loadInventory,
} from "../../test/unit/examples/expected-outcomes";
import type { ItsmCall } from "./itsm-service";

export interface PlannedRun {
  readonly index: number;
  readonly input: Record<string, string>;
  readonly expected: ExpectedRun;
}

const inventory: InventoryHost[] = loadInventory();

/** Unique per run, in each tool's id style (ServiceNow INC..., Jira OPS-...). */
function incidentId(host: InventoryHost, index: number): string {
  return host.incident_id.startsWith("OPS-") ? `OPS-${100_000 + index}` : `INC${9_000_000 + index}`;
}

export function planRuns(count: number, dbUrl: string): PlannedRun[] {
  return Array.from({ length: count }, (_, index) => {
    const host = inventory[index % inventory.length]!;
    const incident_id = incidentId(host, index);
    return {
      index,
      input: { host: host.name, incident_id, db_url: dbUrl },
      expected: { ...expectedRun(host), incident_id },
    };
  });
}

/** Runs of the named hosts (e2e tests), with incident ids numbered from `first`. */
export function planHosts(names: readonly string[], dbUrl: string, first = 0): PlannedRun[] {
  return names.map((name, i) => {
    const host = inventory.find((h) => h.name === name);
    if (!host) throw new Error(`no host ${name} in the CMDB extract`);
    const index = first + i;
    const incident_id = incidentId(host, index);
    return {
      index,
      input: { host: name, incident_id, db_url: dbUrl },
      expected: { ...expectedRun(host), incident_id },
    };
  });
}

/** The physical floor of the batch: the longest simulated waiting of its runs, scaled. */
export function criticalPathSeconds(runs: readonly PlannedRun[], timeScale: number): number {
  return Math.max(...runs.map((r) => r.expected.wait_s)) * timeScale;
}

export interface FinishedRun {
  readonly status: string;
  readonly output: Record<string, unknown> | undefined;
}

const OUTPUT_FIELDS = [
  "host",
  "incident_id",
  "customer",
  "outcome",
  "ping_ok",
  "packet_loss",
  "threshold_breached",
  "uptime_s",
  "uptime_status",
  "itsm_tool",
] as const;

/** Problems with the outputs (empty when every run ended as the example defines). */
export function checkOutputs(runs: readonly PlannedRun[], finished: readonly FinishedRun[]): string[] {
  const problems: string[] = [];
  runs.forEach((run, i) => {
    const got = finished[i];
    const tag = `run ${i} (${run.input.host})`;
    if (got?.status !== "succeeded") {
      problems.push(`${tag}: ${got?.status ?? "missing"}`);
      return;
    }
    for (const field of OUTPUT_FIELDS) {
      const want = run.expected[field];
      const have = got.output?.[field];
      if (JSON.stringify(have) !== JSON.stringify(want))
        problems.push(`${tag}: ${field} = ${JSON.stringify(have)}, expected ${JSON.stringify(want)}`);
    }
  });
  return problems;
}

/** Every run made exactly its ITSM calls, all answered 2xx. */
export function checkItsmCalls(runs: readonly PlannedRun[], calls: readonly ItsmCall[]): string[] {
  const byIncident = new Map<string, ItsmCall[]>();
  for (const c of calls) {
    const id = c.incident_id ?? "(none)";
    byIncident.set(id, [...(byIncident.get(id) ?? []), c]);
  }
  const problems: string[] = [];
  for (const run of runs) {
    const seen = byIncident.get(run.expected.incident_id) ?? [];
    byIncident.delete(run.expected.incident_id);
    if (seen.length !== run.expected.itsm_calls)
      problems.push(
        `${run.expected.incident_id}: ${seen.length} ITSM calls, expected ${run.expected.itsm_calls}`,
      );
    const bad = seen.filter((c) => typeof c.status !== "number" || c.status >= 300);
    if (bad.length > 0)
      problems.push(`${run.expected.incident_id}: ITSM answered ${bad.map((c) => c.status).join(",")}`);
  }
  for (const [id, extra] of byIncident) problems.push(`${extra.length} unexpected ITSM call(s) for ${id}`);
  return problems;
}

export interface SqlCounts {
  /** incident_id -> am_process rows */
  readonly processes: Record<string, number>;
  /** incident_id -> metric_details rows of its process */
  readonly details: Record<string, number>;
  readonly metrics: Record<string, number>;
}

const COUNT_SQL = `
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
def q(sql):
    return {k: n for k, n in db.execute(sql)}
print(json.dumps({
  "processes": q("select incident_id, count(*) from am_process group by incident_id"),
  "metrics": q("select p.incident_id, count(*) from metrics m join am_process p on p.id = m.process_id group by p.incident_id"),
  "details": q("select p.incident_id, count(*) from metric_details d join am_process p on p.id = d.process_id group by p.incident_id"),
}))
`;

export function sqliteCounts(path: string): SqlCounts {
  return JSON.parse(execFileSync("python3", ["-c", COUNT_SQL, path], { encoding: "utf8" })) as SqlCounts;
}

/** One am_process row, one metrics row and the metric_details rows per run. */
export function checkSqlRows(runs: readonly PlannedRun[], counts: SqlCounts): string[] {
  const problems: string[] = [];
  for (const run of runs) {
    const id = run.expected.incident_id;
    const p = counts.processes[id] ?? 0;
    const m = counts.metrics[id] ?? 0;
    const d = counts.details[id] ?? 0;
    if (p !== 1 || m !== 1 || d !== run.expected.metric_detail_rows)
      problems.push(
        `${id}: SQL rows am_process ${p}, metrics ${m}, metric_details ${d} (expected 1, 1, ${run.expected.metric_detail_rows})`,
      );
  }
  return problems;
}
