// Journal and replay on the embedded backend: a worker dies (Consumer.crash:
// its runs stop recording at once, as after kill -9) in the middle of many
// executions; a second worker finishes them from the journal. Completed
// actions never run again, an action in flight runs at most once more, and
// outputs are the same. Also: long waits give the worker slot back.

import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MemoryBackend } from "../../../runtime/backend/memory/index";
import { submitExecution } from "../../../runtime/host/submit";
import { silentLogger } from "../../../runtime/observability/logger";
import { closeSharedPythonPool } from "../../../runtime/runners/python/pool";
import { startWorker } from "../../../runtime/worker/worker";
import { embedded, PACK, waitDone } from "./helpers";

afterAll(() => closeSharedPythonPool());

const runsOf = (file: string) => readFileSync(file, "utf8").split("\n").filter(Boolean);

describe("replay after a worker dies", () => {
  it("finishes every execution without re-running completed actions", async () => {
    const backend = new MemoryBackend();
    const runs = join(mkdtempSync(join(tmpdir(), "orqc-replay-")), "runs.log");
    writeFileSync(runs, "");
    const opts = { backend, packs: [PACK], logger: silentLogger(), concurrency: 20, leaseMs: 300 };
    const first = startWorker(opts);
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const out = await submitExecution(first.services, { target: "hostt.crash", input: { i, runs } });
      if (!out.ok) throw new Error(out.error);
      ids.push(out.record.id);
    }
    const start = Date.now();
    while (runsOf(runs).length < 30 && Date.now() - start < 10_000)
      await new Promise((r) => setTimeout(r, 5));
    await first.crash();
    const completedAtKill = new Set<string>();
    for (const [i, id] of ids.entries()) {
      const snap = await backend.journal.load(id);
      for (const step of snap.order)
        if (!step.startsWith("~")) completedAtKill.add(`${i} ${step.split("/")[0]}`);
    }
    const atKill = runsOf(runs);
    const second = startWorker(opts);
    const records = await Promise.all(ids.map((id) => waitDone(backend, id, 20_000)));
    await second.close(1000);
    const counts = new Map<string, number>();
    for (const r of runsOf(runs)) counts.set(r, (counts.get(r) ?? 0) + 1);
    const inFlight = new Set(atKill.filter((r) => !completedAtKill.has(r)));
    expect(records.map((r) => r.status)).toEqual(ids.map(() => "succeeded"));
    expect(records.map((r) => r.result)).toEqual(ids.map((_, i) => ({ output: { total: 11 * i + 1 } })));
    expect(counts.size).toBe(20 * 4);
    expect([...completedAtKill].filter((k) => (counts.get(k) ?? 0) > 1)).toEqual([]);
    expect([...inFlight].filter((k) => (counts.get(k) ?? 0) > 2)).toEqual([]);
    expect(completedAtKill.size).toBeGreaterThan(0);
  }, 40_000);

  it("replays parallel completions in their arrival order", async () => {
    const host = embedded();
    const rec = await host.run("hostt.seq", { n: 2 });
    // Re-running a finished journal from scratch must reach the same output.
    await host.backend.executions.update(rec.id, { status: "running" });
    await host.backend.queue.enqueue(rec.id, null, { jobId: `${rec.id}.again` });
    const again = await waitDone(host.backend, rec.id);
    await host.close();
    expect(again.result).toEqual(rec.result);
    const trace = (again.context as { trace: Array<{ ev: string; replayed?: boolean }> }).trace;
    expect(trace.filter((e) => e.ev === "task.finished").every((e) => e.replayed)).toBe(true);
  }, 20_000);
});

describe("replay of retries and with-items", () => {
  it("reaches the same output from the journal without running anything", async () => {
    const host = embedded();
    const marker = join(mkdtempSync(join(tmpdir(), "orqc-replay-")), "flag");
    const first = [await host.run("hostt.retry", { marker }), await host.run("hostt.items", { n: 6 })];
    for (const rec of first) {
      await host.backend.executions.update(rec.id, { status: "running" });
      await host.backend.queue.enqueue(rec.id, null, { jobId: `${rec.id}.again` });
    }
    const again = await Promise.all(first.map((r) => waitDone(host.backend, r.id)));
    await host.close();
    expect(again.map((r) => r.result)).toEqual(first.map((r) => r.result));
    for (const rec of again) {
      const starts = [...(await host.backend.journal.load(rec.id)).starts.values()];
      expect(starts.every((n) => n === 1)).toBe(true);
    }
    // The retry: a failed first attempt, then a succeeded second one, both from the journal.
    const steps = (await host.backend.journal.load(first[0]!.id)).order.filter((id) => !id.startsWith("~"));
    expect(steps).toEqual(["flaky/0/-/0", "flaky/0/-/1"]);
  }, 20_000);
});

describe("waiting without holding a slot", () => {
  it("gives the slot back during a long delay and resumes from the journal", async () => {
    const host = embedded({ shortWaitMs: 50 });
    const id = await host.submit("hostt.delay", { n: 1 });
    await new Promise((r) => setTimeout(r, 400));
    expect(host.worker.stats().active).toBe(0);
    const rec = await waitDone(host.backend, id);
    await host.close();
    expect(rec.result).toEqual({ output: { msg: "after" } });
    expect(host.worker.stats().perExecution.get(id)).toBe(2);
  }, 20_000);
});
