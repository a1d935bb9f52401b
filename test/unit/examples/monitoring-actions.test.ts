// The monitoring pack's Python actions and simulation scripts, run directly with python3
// and the test shim: inventory mix, config_vars_get's commands (run through sh as core.local
// would), time scaling, timestamps and metric merging.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { asObject, examplesDir, type JsonObject, loadYaml, packConfig, runAction, shell } from "./helpers";

interface Host {
  name: string;
  os: string;
  customer: string;
  incident_id: string;
  address: string;
  sim: { exists: boolean; packet_loss?: number; recheck_packet_loss?: number; uptime_s?: number };
}

const inventory = asObject(loadYaml(join(examplesDir, "monitoring/data/hosts.json")))
  .hosts as unknown as Host[];
const FAST = { ORQC_TIME_SCALE: "0.001" };

function configFor(host: string, env: Record<string, string> = FAST): JsonObject {
  const run = runAction("monitoring", "config_vars_get", { host }, { env });
  expect(run.status, run.error ?? run.stderr).toBe("succeeded");
  return asObject(run.result);
}

describe("host inventory", () => {
  it("holds 50 hosts: 10 windows, 15 linux, 25 that do not exist", () => {
    expect(inventory).toHaveLength(50);
    const existing = inventory.filter((h) => h.sim.exists);
    expect(existing.filter((h) => h.os === "windows")).toHaveLength(10);
    expect(existing.filter((h) => h.os === "linux")).toHaveLength(15);
    expect(inventory.filter((h) => !h.sim.exists)).toHaveLength(25);
  });

  it("has unique hosts and incidents, spread over customers of both ITSM tools", () => {
    expect(new Set(inventory.map((h) => h.name)).size).toBe(50);
    expect(new Set(inventory.map((h) => h.incident_id)).size).toBe(50);
    const itsm = packConfig("itsm");
    const tools = inventory.map((h) => asObject(itsm.customers)[h.customer] ?? itsm.default_tool);
    expect(new Set(tools)).toEqual(new Set(["servicenow", "jira"]));
    for (const host of inventory.filter((h) => h.customer === "globex"))
      expect(host.incident_id).toMatch(/^OPS-/);
  });
});

describe("monitoring.config_vars_get", () => {
  it("merges the pack config with the host's CMDB record", () => {
    const config = configFor("lnx-srv-01");
    expect(config.host).toEqual({
      name: "lnx-srv-01",
      os: "linux",
      address: "127.0.0.1",
      customer: "initech",
    });
    expect(config.threshold).toEqual({ metric: "packet_loss", value: 20, type: "above" });
    expect(config).toMatchObject({
      recheck_delay: 10,
      min_uptime_s: 600,
      save_to_db: true,
      time_scale: 0.001,
    });
  });

  it("follows the pack config", () => {
    const run = runAction(
      "monitoring",
      "config_vars_get",
      { host: "win-srv-02", customer: "acme" },
      {
        config: packConfig("monitoring", { threshold_value: 5, threshold_type: "below", save_to_db: false }),
        env: FAST,
      },
    );
    expect(run.result).toMatchObject({
      host: { os: "windows", customer: "acme" },
      threshold: { value: 5, type: "below" },
      save_to_db: false,
    });
  });

  it("describes a host missing from the CMDB as unknown instead of failing", () => {
    expect(configFor("no-such-host").host).toEqual({
      name: "no-such-host",
      os: "unknown",
      address: null,
      customer: null,
    });
  });
});

describe("simulated ping (core.local command)", () => {
  it("answers for an existing host with JSON on stdout", () => {
    const out = shell(String(configFor("win-srv-01").ping_cmd));
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual({
      host: "win-srv-01",
      reachable: true,
      packet_loss: 0,
      rtt_avg_ms: 3.5,
    });
  });

  it("fails for a host that does not exist, still printing its JSON", () => {
    const out = shell(String(configFor("stale-srv-07").ping_cmd));
    expect(out.code).toBe(1);
    expect(JSON.parse(out.stdout)).toMatchObject({ reachable: false, packet_loss: 100 });
    expect(out.stderr).toContain("100% packet loss");
  });

  it("measures the degraded hosts again on a recheck", () => {
    const cmd = String(configFor("lnx-srv-03").ping_cmd);
    expect(JSON.parse(shell(cmd).stdout).packet_loss).toBe(40);
    expect(JSON.parse(shell(`${cmd} --recheck`).stdout).packet_loss).toBe(0);
  });

  it("scales its waits by ORQC_TIME_SCALE", () => {
    const cmd = String(configFor("stale-srv-01", { ORQC_TIME_SCALE: "0.2" }).ping_cmd);
    expect(cmd).toContain("--wait 0.600");
    const started = Date.now();
    expect(shell(cmd).code).toBe(1);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(600); // 3 s timeout x 0.2
    expect(elapsed).toBeLessThan(2900); // unscaled it would wait 3 s
  });
});

describe("simulated uptime (core.remote command)", () => {
  it("prints the host's uptime", () => {
    const out = shell(String(configFor("lnx-srv-06").uptime_cmd));
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual({ host: "lnx-srv-06", uptime_s: 300 });
  });

  it("fails for a host that does not exist", () => {
    expect(shell(String(configFor("stale-srv-02").uptime_cmd)).code).toBe(1);
  });
});

describe("critical path of one workflow", () => {
  it("is 60-90 s of waiting for an unreachable host (ping retries plus the threshold recheck)", () => {
    const top = asObject(loadYaml(join(examplesDir, "monitoring/actions/workflows/host_check.yaml")));
    const retry = asObject(asObject(asObject(top.tasks).ping_test).retry);
    const config = packConfig("monitoring");
    const ping = Number(config.ping_timeout_seconds);
    const attempts = Number(retry.count) + 1;
    const waiting =
      attempts * ping + Number(retry.count) * Number(retry.delay) + Number(config.recheck_delay) + ping;
    expect(waiting).toBe(82);
    expect(waiting).toBeGreaterThanOrEqual(60);
    expect(waiting).toBeLessThanOrEqual(90);
  });
});

describe("monitoring.get_timestamps", () => {
  it("normalises StackStorm and ISO timestamps and computes the duration", () => {
    const run = runAction("monitoring", "get_timestamps", {
      start_timestamp: "2026-11-27 10:00:00.250000+00:00",
      end_timestamp: "2026-11-27T11:01:30.250Z",
    });
    expect(run.result).toEqual({
      start: "2026-11-27T10:00:00.250000+00:00",
      end: "2026-11-27T11:01:30.250000+00:00",
      duration_s: 3690,
    });
  });

  it("uses now for missing or unparsable values and never goes backwards", () => {
    const missing = asObject(runAction("monitoring", "get_timestamps", { start_timestamp: null }).result);
    expect(Math.abs(Date.parse(String(missing.start)) - Date.now())).toBeLessThan(60_000);
    expect(missing.duration_s).toBe(0);
    const backwards = runAction("monitoring", "get_timestamps", {
      start_timestamp: "2026-11-27T10:00:00+00:00",
      end_timestamp: "2026-11-27T09:00:00+00:00",
    });
    expect(asObject(backwards.result).duration_s).toBe(0);
  });
});

describe("monitoring.merge_metric_dictionaries", () => {
  it("flattens the four dictionaries into one metrics row", () => {
    const run = runAction("monitoring", "merge_metric_dictionaries", {
      host: "lnx-srv-03",
      timestamps: { start: "s", end: "e", duration_s: 12.5 },
      ping: { host: "lnx-srv-03", reachable: true, packet_loss: 40, rtt_avg_ms: 2.9 },
      threshold: { metric: "packet_loss", final_value: 0, breached: false },
      uptime: { uptime_s: 129600, status: "stable" },
      itsm: { tool: "jira", state: "resolved", incident_id: "OPS-114" },
    });
    expect(run.result).toEqual({
      host: "lnx-srv-03",
      start_ts: "s",
      end_ts: "e",
      duration_s: 12.5,
      ping_ok: 1,
      packet_loss: 0,
      rtt_avg_ms: 2.9,
      threshold_breached: 0,
      uptime_s: 129600,
      uptime_status: "stable",
      itsm_tool: "jira",
      itsm_state: "resolved",
    });
  });

  it("keeps unknown measurements as nulls", () => {
    const run = runAction("monitoring", "merge_metric_dictionaries", {
      host: "h",
      timestamps: {},
      ping: null,
    });
    expect(run.result).toMatchObject({
      ping_ok: null,
      packet_loss: null,
      uptime_s: null,
      threshold_breached: null,
    });
  });
});
