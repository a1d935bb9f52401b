// The expected outcome of monitoring.host_check per host, checked on hand-worked cases
// and against the mix the issue asks for.
import { describe, expect, it } from "vitest";
import { criticalPathSeconds, expectedRun, loadInventory } from "./expected-outcomes";

const hosts = loadInventory();
const run = (name: string) => expectedRun(hosts.find((h) => h.name === name)!);

describe("expected host_check outcomes", () => {
  it("escalates a host that no longer exists after 82 s of waiting", () => {
    expect(run("stale-srv-01")).toMatchObject({
      outcome: "escalated",
      ping_ok: false,
      threshold_breached: true,
      packet_loss: 100,
      uptime_status: "unreachable",
      itsm_operations: ["begin", "update"],
      wait_s: 82,
    });
  });

  it("closes a healthy Linux host after checking its uptime", () => {
    expect(run("lnx-srv-01")).toMatchObject({
      outcome: "closed",
      itsm_tool: "servicenow",
      itsm_operations: ["begin", "update", "update", "close"],
      itsm_calls: 4,
      uptime_status: "stable",
      wait_s: 1.5,
    });
  });

  it("keeps recently rebooted and still degraded hosts open", () => {
    expect(run("lnx-srv-06")).toMatchObject({ outcome: "rebooted_recently", uptime_s: 300 });
    expect(run("lnx-srv-09")).toMatchObject({
      outcome: "degraded",
      threshold_breached: true,
      packet_loss: 50,
    });
  });

  it("closes a Windows host whose recheck is clean, through Jira for globex", () => {
    expect(run("win-srv-04")).toMatchObject({
      outcome: "closed",
      threshold_breached: false,
      packet_loss: 0,
      wait_s: 12,
    });
    expect(run("win-srv-01")).toMatchObject({ itsm_tool: "jira", itsm_calls: 3 + 2 + 3 });
  });

  it("adds up to the mix of the issue, with an 82 s critical path", () => {
    const outcomes: Record<string, number> = {};
    for (const host of hosts) {
      const o = expectedRun(host).outcome;
      outcomes[o] = (outcomes[o] ?? 0) + 1;
    }
    expect(outcomes).toEqual({ escalated: 25, closed: 22, rebooted_recently: 2, degraded: 1 });
    expect(criticalPathSeconds()).toBe(82);
    expect(criticalPathSeconds(0.01)).toBeCloseTo(0.82, 10);
  });
});
