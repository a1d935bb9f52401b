// monitoring.host_check, with its three kinds of sub-workflows, run by the project's
// reference interpreter (runtime/engine runScenario). Action results come from the real
// actions where that is cheap (config_vars_get, the ping and uptime commands, the ITSM tool
// choice) and are scripted for the rest; the outputs must match expected-outcomes.ts.
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runScenario, type Scenario } from "../../../runtime/engine/scenario";
import type { ExecutionRecord, Trace } from "../../../runtime/engine/trace";
import { PyFloat, type PyValue } from "../../../runtime/stdlib/py/value";
import { expectedRun, loadInventory } from "./expected-outcomes";
import { actionMeta, asObject, examplesDir, type Json, type PackName, runAction, shell } from "./helpers";

type Outcome = { status: string; result: Json };
const ZERO = { ORQC_TIME_SCALE: "0" };

function shellOutcome(cmd: string): Outcome {
  const out = shell(cmd, ZERO);
  const ok = out.code === 0;
  const stdout = out.stdout.trim() ? (JSON.parse(out.stdout) as Json) : "";
  const result = { stdout, stderr: out.stderr.trim(), return_code: out.code, succeeded: ok, failed: !ok };
  return { status: ok ? "succeeded" : "failed", result };
}

const python = (result: Json): Outcome => ({
  status: "succeeded",
  result: { result, stdout: "", stderr: "", exit_code: 0 },
});

function workflowEntry(pack: PackName, name: string) {
  const meta = actionMeta(pack, name);
  return {
    workflow: join(examplesDir, pack, "actions", String(meta.entry_point)),
    parameters: asObject(meta.parameters) as Record<string, PyValue>,
  };
}

function scenarioFor(host: string): Scenario {
  const config = asObject(runAction("monitoring", "config_vars_get", { host }, { env: ZERO }).result);
  const ping = shellOutcome(String(config.ping_cmd));
  const uptime = shellOutcome(String(config.uptime_cmd));
  const connection = asObject(
    runAction("itsm", "config_vars_get", { customer: asObject(config.host).customer }).result,
  );
  const update = python({ tool: connection.tool!, state: "in_progress" });
  return {
    ...workflowEntry("monitoring", "host_check"),
    input: { host, incident_id: "INC0000001" },
    st2: { user: "stanley", action: "monitoring.host_check", pack: "monitoring" },
    actions: {
      config_vars_get: python(config),
      ping_test: [ping, ping, ping],
      get_uptime_linux: { status: uptime.status, result: { "127.0.0.1": uptime.result } },
      update_kv_var: python({ key: "itsm_processing_incs", incidents: [], count: 0 }),
    },
    subworkflows: {
      "itsm.itsm_incident_update": {
        ...workflowEntry("itsm", "itsm_incident_update"),
        actions: { config_vars_get: python(connection), itsm_update: update },
      },
      "monitoring.threshold_check": {
        ...workflowEntry("monitoring", "threshold_check"),
        actions: { action_recheck: shellOutcome(`${config.ping_cmd} --recheck`) },
      },
      "monitoring.sql_insert": {
        ...workflowEntry("monitoring", "sql_insert"),
        actions: {
          insert_am_process_data: python({ process_id: 7, dialect: "sqlite" }),
          get_timestamps: python({ start: "s", end: "e", duration_s: 1.5 }),
          merge_metric_dictionaries: python({ host }),
          insert_metrics: python({ metric_id: 9, process_id: 7, ignored: [] }),
        },
      },
    },
  } as Scenario;
}

const num = (v: PyValue | undefined): number | null => (v instanceof PyFloat ? v.v : (v as number | null));
const executions = (trace: Trace, taskId?: string): ExecutionRecord[] =>
  trace.executions.filter((e) => taskId === undefined || e.task_id === taskId);

const SAMPLE = [
  "stale-srv-01",
  "win-srv-01",
  "win-srv-04",
  "lnx-srv-01",
  "lnx-srv-03",
  "lnx-srv-06",
  "lnx-srv-09",
];
const hosts = loadInventory().filter((h) => SAMPLE.includes(h.name));

describe.each(hosts.map((h) => [h.name, h] as const))("host_check for %s", (_name, host) => {
  const expected = expectedRun(host);
  let trace: Trace;
  let output: ReturnType<typeof asObject>;
  beforeAll(() => {
    trace = runScenario(scenarioFor(host.name), { root: examplesDir });
    output = asObject(trace.output as Json);
  });

  it("succeeds with the expected output", () => {
    expect(trace.status).toBe("succeeded");
    expect({ ...output, packet_loss: num(output.packet_loss as PyValue) }).toEqual({
      host: host.name,
      incident_id: "INC0000001",
      customer: host.customer,
      outcome: expected.outcome,
      ping_ok: expected.ping_ok,
      packet_loss: expected.packet_loss,
      threshold_breached: expected.threshold_breached,
      uptime_s: expected.uptime_s,
      uptime_status: expected.uptime_status,
      itsm_tool: expected.itsm_tool,
      itsm_state: "in_progress",
      process_id: 7,
    });
  });

  it("pings once, or three times 30 s apart when the host does not answer", () => {
    expect(executions(trace, "ping_test")).toHaveLength(expected.ping_ok ? 1 : 3);
    const record = trace.tasks.find((t) => t.id === "ping_test")!;
    expect(asObject(record.input as Json).cmd).toContain(`"host": "${host.name}"`);
  });

  it("updates the ticket in the expected order", () => {
    const ops = executions(trace)
      .filter((e) => e.action === "itsm.itsm_incident_update")
      .map((e) => asObject(e.input as Json).operation);
    expect(ops).toEqual(expected.itsm_operations);
  });

  it("rechecks a breached threshold after recheck_delay", () => {
    const check = executions(trace, "threshold_check")[0]!.subworkflow!;
    const recheck = check.tasks.filter((t) => t.id === "action_recheck");
    const breachedFirst = (host.sim.exists ? (host.sim.packet_loss ?? 0) : 100) > 20;
    expect(recheck.map((t) => t.delay)).toEqual(breachedFirst ? [10] : []);
  });

  it("records the run in SQL with the four detail inserts", () => {
    const sql = executions(trace, "insert_db")[0]!.subworkflow!;
    expect(sql.status).toBe("succeeded");
    expect(sql.executions.map((e) => e.task_id).sort()).toEqual([
      "get_timestamps",
      "insert_am_process_data",
      "insert_itsm_into_metric_details",
      "insert_metrics",
      "insert_ping_into_metric_details",
      "insert_threshold_into_metric_details",
      "insert_uptime_into_metric_details",
      "merge_metric_dictionaries",
    ]);
  });
});
