// Retention (runtime/retention): which trees a purge picks, and that it removes
// records, journals, leases and inquiries on both backends while leaving
// anything active, newer or filtered out alone.

import { afterEach, describe, expect, it } from "vitest";
import { MemoryBackend } from "../../../runtime/backend/memory/index";
import type { Backend, ExecutionBrief } from "../../../runtime/backend/types";
import { parseDurationMs, parseInstant } from "../../../runtime/retention/cutoff";
import { purgeExecutions, rootMatches, selectPurge } from "../../../runtime/retention/purge";
import { openTestRedis } from "../backend/redis-helper";

const brief = (id: string, extra: Partial<ExecutionBrief> = {}): ExecutionBrief => ({
  id,
  ref: "p.wf",
  status: "succeeded",
  createdAt: 100,
  updatedAt: 200,
  finishedAt: 200,
  ...extra,
});
const none = async () => new Set<string>();

describe("selectPurge", () => {
  it("takes a completed root with its whole tree, children before the root", async () => {
    const briefs = [
      brief("r"),
      brief("c1", { parentId: "r", rootId: "r" }),
      brief("g1", { parentId: "c1", rootId: "r" }),
      brief("other", { finishedAt: 900 }),
    ];
    const s = await selectPurge(briefs, { before: 500 }, none);
    expect(s.roots.map((r) => r.id)).toEqual(["r"]);
    expect(s.ids).toEqual(["g1", "c1", "r"]);
  });

  it("keeps trees that are active, finished after the cutoff or filtered out", async () => {
    const briefs = [
      brief("running", { status: "running", finishedAt: undefined }),
      brief("paused", { status: "paused", finishedAt: undefined }),
      brief("late", { finishedAt: 600 }),
      brief("failed", { status: "failed" }),
      brief("other-ref", { ref: "p.other" }),
      brief("busy"),
      brief("busy-child", { parentId: "busy", rootId: "busy", status: "running" }),
    ];
    const s = await selectPurge(briefs, { before: 500, ref: "p.wf", statuses: ["failed"] }, none);
    expect(s.ids).toEqual(["failed"]);
    const all = await selectPurge(briefs, { before: 500 }, none);
    expect(all.ids).toEqual(["failed", "other-ref"]);
  });

  it("uses updatedAt when a record has no finish time, and the cutoff is strict", () => {
    expect(rootMatches(brief("a", { finishedAt: undefined, updatedAt: 499 }), { before: 500 })).toBe(true);
    expect(rootMatches(brief("a", { finishedAt: 500 }), { before: 500 })).toBe(false);
    for (const status of ["succeeded", "failed", "timeout", "abandoned", "canceled"])
      expect(rootMatches(brief("a", { status }), { before: 500 })).toBe(true);
    for (const status of ["requested", "scheduled", "running", "pausing", "paused", "resuming", "canceling"])
      expect(rootMatches(brief("a", { status }), { before: 500 })).toBe(false);
  });

  it("treats an execution whose root is gone as a root, but not one whose root is still there", async () => {
    const briefs = [
      brief("orphan", { parentId: "gone", rootId: "gone" }),
      brief("child-of-new", { parentId: "new-root", rootId: "new-root" }),
    ];
    const s = await selectPurge(briefs, { before: 500 }, async (ids) => {
      expect([...ids].sort()).toEqual(["gone", "new-root"]);
      return new Set(["new-root"]);
    });
    expect(s.ids).toEqual(["orphan"]);
  });
});

describe("cutoffs", () => {
  it("reads durations", () => {
    expect(parseDurationMs("90s")).toBe(90_000);
    expect(parseDurationMs("15m")).toBe(900_000);
    expect(parseDurationMs("12h")).toBe(43_200_000);
    expect(parseDurationMs("7d")).toBe(604_800_000);
    expect(parseDurationMs("2w")).toBe(1_209_600_000);
    expect(parseDurationMs("1.5h")).toBe(5_400_000);
    expect(parseDurationMs("30")).toBe(30_000);
    for (const bad of ["", "d", "7 days", "-1d", "1y", "1e3s"]) expect(parseDurationMs(bad)).toBeUndefined();
  });

  it("reads ISO 8601 dates and times", () => {
    expect(parseInstant("2026-11-01")).toBe(Date.UTC(2026, 10, 1));
    expect(parseInstant("2026-11-01T12:30:00Z")).toBe(Date.UTC(2026, 10, 1, 12, 30));
    expect(parseInstant("2026-11-01T12:30:00+02:00")).toBe(Date.UTC(2026, 10, 1, 10, 30));
    expect(parseInstant("2026-11-01 12:30Z")).toBe(Date.UTC(2026, 10, 1, 12, 30));
    for (const bad of ["yesterday", "2026-13-01", "2026-11-01T25:00Z", "1700000000", "11/01/2026"])
      expect(parseInstant(bad)).toBeUndefined();
  });
});

/**
 * Six executions created now: an old tree (finished at T+1), a failed one, a
 * running one and a recent one (finished at T+10 s, later than any cutoff
 * used here: T+5 s). Returns T.
 */
async function seed(b: Backend): Promise<number> {
  const make = async (id: string, extra: { parentId?: string; rootId?: string; ref?: string } = {}) => {
    await b.executions.create({ id, ref: extra.ref ?? "p.wf", ...extra });
    await b.journal.record(id, "t/0", { kind: "action", value: { ok: id }, status: "succeeded", at: 1 });
    await b.journal.markStarted(id, "t/0");
  };
  const finish = (id: string, status: string, finishedAt: number) =>
    b.executions.patch(id, { status, finishedAt });
  await make("old");
  await make("old-child", { parentId: "old", rootId: "old", ref: "p.child" });
  await make("old-grandchild", { parentId: "old-child", rootId: "old", ref: "p.action" });
  await make("failed");
  await make("running");
  await make("recent");
  const t = Date.now();
  const long = t + 1;
  await finish("old-grandchild", "succeeded", long);
  await finish("old-child", "succeeded", long);
  await finish("old", "succeeded", long);
  await finish("failed", "failed", long);
  await b.executions.patch("running", { status: "running" });
  await finish("recent", "succeeded", t + 10_000);
  await b.executions.acquireLease("old", "w1", 60_000);
  const inquiry = (id: string, execId: string, rootId: string) => ({
    id,
    execId,
    rootId,
    stepId: "ask/0",
    task: "ask",
    status: "succeeded" as const,
    parameters: {},
    createdAt: 1,
  });
  await b.inquiries.put(inquiry("q-old", "old-child", "old"));
  await b.inquiries.put(inquiry("q-running", "running", "running"));
  return t;
}

for (const [name, open] of [
  ["memory", async () => new MemoryBackend() as Backend],
  ["redis", async () => (await openTestRedis()) as Backend],
] as const) {
  describe(`purgeExecutions on ${name}`, () => {
    const opened: Backend[] = [];
    afterEach(async () => {
      for (const b of opened.splice(0)) {
        if ("purge" in b && typeof b.purge === "function") await (b.purge as () => Promise<void>)();
        await b.close();
      }
    });
    const fresh = async () => {
      const b = await open();
      opened.push(b);
      return { b, cutoff: (await seed(b)) + 5000 };
    };

    it("removes old completed trees with their journals, leases and inquiries", async () => {
      const { b, cutoff } = await fresh();
      const out = await purgeExecutions(b, { before: cutoff });
      // oldest first, by id within one millisecond (both are made at once here)
      expect(out.roots.map((r) => r.id).sort()).toEqual(["failed", "old"]);
      const order = out.roots.map((r) => [r.createdAt, r.id] as const);
      expect(order).toEqual([...order].sort((x, y) => x[0] - y[0] || (x[1] < y[1] ? -1 : 1)));
      expect([...out.ids].sort()).toEqual(["failed", "old", "old-child", "old-grandchild"]);
      expect(out.inquiries).toBe(1);
      for (const id of out.ids) {
        expect(await b.executions.get(id)).toBeUndefined();
        expect((await b.journal.load(id)).entries.size).toBe(0);
      }
      expect(await b.executions.acquireLease("old", "w2", 1000)).toBe(true);
      expect((await b.executions.list()).map((r) => r.id).sort()).toEqual(["recent", "running"]);
      expect((await b.inquiries.list()).map((q) => q.id)).toEqual(["q-running"]);
      expect((await b.journal.load("running")).entries.size).toBe(1);
    });

    it("removes nothing on a dry run, and honours ref and status filters", async () => {
      const { b, cutoff } = await fresh();
      const dry = await purgeExecutions(b, { before: cutoff }, { dryRun: true });
      expect(dry.ids.length).toBe(4);
      expect((await b.executions.list()).length).toBe(6);
      expect(await b.inquiries.get("q-old")).toBeDefined();
      const failedOnly = await purgeExecutions(b, { before: cutoff, statuses: ["failed"] });
      expect(failedOnly.ids).toEqual(["failed"]);
      // A sub-workflow's ref does not select it: trees are chosen by their root.
      const byRef = await purgeExecutions(b, { before: cutoff, ref: "p.child" });
      expect(byRef.ids).toEqual([]);
      const rest = await purgeExecutions(b, { before: cutoff + 10_000 });
      expect([...rest.ids].sort()).toEqual(["old", "old-child", "old-grandchild", "recent"]);
      expect((await b.executions.list()).map((r) => r.id)).toEqual(["running"]);
    });
  });
}

describe("orqc daemon with --purge-after", () => {
  it("gives the retention flags to the first worker only", async () => {
    const { workerArgs } = await import("../../../cli/commands/daemon");
    const flags = {
      workers: "3",
      redis: "redis://127.0.0.1:6379",
      concurrency: "10",
      grace: "10",
      lockMs: "30000",
      purgeAfter: "30d",
      purgeEvery: "5m",
    };
    expect(workerArgs(flags, 0).join(" ")).toMatch(/ --purge-after 30d --purge-every 5m$/);
    expect(workerArgs(flags, 1)).not.toContain("--purge-after");
    expect(workerArgs({ ...flags, purgeAfter: undefined }, 0)).not.toContain("--purge-after");
  });
});
