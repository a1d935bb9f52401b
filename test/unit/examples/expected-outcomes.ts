// What monitoring.host_check should produce for each of the 50 hosts, derived from the CMDB
// extract and the pack configs (defaults) by the rules written in the workflows. For the
// end-to-end test and the benchmark: outputs, ITSM calls, SQL rows and simulated waiting.
import { join } from "node:path";
import { asObject, examplesDir, type JsonObject, loadYaml, packConfig } from "./helpers";

export interface InventoryHost {
  name: string;
  os: string;
  customer: string;
  incident_id: string;
  address: string;
  sim: {
    exists: boolean;
    rtt_ms?: number;
    packet_loss?: number;
    recheck_packet_loss?: number;
    uptime_s?: number;
  };
}

export interface ExpectedRun {
  host: string;
  incident_id: string;
  customer: string;
  itsm_tool: "servicenow" | "jira";
  outcome: "closed" | "escalated" | "degraded" | "rebooted_recently";
  ping_ok: boolean;
  threshold_breached: boolean;
  packet_loss: number;
  uptime_s: number | null;
  uptime_status: string;
  /** itsm_incident_update operations in order, and the HTTP calls they make. */
  itsm_operations: string[];
  itsm_calls: number;
  /** Seconds of simulated waiting at time scale 1 (the run's floor). */
  wait_s: number;
  /** metric_details rows written by sql_insert (save_to_db true). */
  metric_detail_rows: number;
}

export function loadInventory(): InventoryHost[] {
  return asObject(loadYaml(join(examplesDir, "monitoring/data/hosts.json")))
    .hosts as unknown as InventoryHost[];
}

const CALLS = {
  servicenow: { begin: 1, update: 1, close: 1 },
  jira: { begin: 3, update: 2, close: 3 },
} as const;

export function expectedRun(
  host: InventoryHost,
  monitoring: JsonObject = packConfig("monitoring"),
): ExpectedRun {
  const itsm = packConfig("itsm");
  const tool = String(asObject(itsm.customers)[host.customer] ?? itsm.default_tool) as "servicenow" | "jira";
  const threshold = Number(monitoring.threshold_value);
  const above = monitoring.threshold_type === "above";
  const breaches = (value: number) => (above ? value > threshold : value < threshold);
  const reply = Number(monitoring.ping_reply_seconds);
  const timeout = Number(monitoring.ping_timeout_seconds);
  const recheckDelay = Number(monitoring.recheck_delay);
  const ops = ["begin", "update"];

  const ping_ok = host.sim.exists;
  const first = ping_ok ? (host.sim.packet_loss ?? 0) : 100;
  let wait = ping_ok ? reply : 3 * timeout + 2 * 30;
  let packet_loss = first;
  if (breaches(first)) {
    packet_loss = ping_ok ? (host.sim.recheck_packet_loss ?? first) : 100;
    wait += recheckDelay + (ping_ok ? reply : timeout);
  }
  const threshold_breached = breaches(first) && breaches(packet_loss);

  let outcome: ExpectedRun["outcome"];
  let uptime_s: number | null = null;
  let uptime_status: string;
  if (!ping_ok) {
    outcome = "escalated";
    uptime_status = "unreachable";
  } else if (host.os === "windows") {
    uptime_status = "not_collected";
    outcome = threshold_breached ? "degraded" : "closed";
  } else {
    uptime_s = host.sim.uptime_s ?? 0;
    wait += Number(monitoring.uptime_seconds);
    ops.push("update");
    const stable = uptime_s >= Number(monitoring.min_uptime_s);
    uptime_status = stable ? "stable" : "rebooted_recently";
    outcome = !stable ? "rebooted_recently" : threshold_breached ? "degraded" : "closed";
  }
  if (outcome === "closed") ops.push("close");

  const pingKeys = 4; // host, reachable, packet_loss, rtt_avg_ms
  const thresholdKeys = 5; // metric, threshold, type, final_value, breached
  const uptimeKeys = 2;
  const itsmKeys = 3;
  return {
    host: host.name,
    incident_id: host.incident_id,
    customer: host.customer,
    itsm_tool: tool,
    outcome,
    ping_ok,
    threshold_breached,
    packet_loss,
    uptime_s,
    uptime_status,
    itsm_operations: ops,
    itsm_calls: ops.reduce((sum, op) => sum + CALLS[tool][op as "begin"], 0),
    wait_s: Math.round(wait * 1000) / 1000,
    metric_detail_rows: pingKeys + thresholdKeys + uptimeKeys + itsmKeys,
  };
}

/** The physical floor of N parallel runs over the host mix: the slowest run's waiting. */
export function criticalPathSeconds(timeScale = 1): number {
  return Math.max(...loadInventory().map((host) => expectedRun(host).wait_s)) * timeScale;
}
