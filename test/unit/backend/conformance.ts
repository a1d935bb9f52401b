// The backend contract, run unchanged against every implementation
// (memory.test.ts, redis.test.ts). Each test gets a fresh backend; the Redis
// factory gives each one its own random key prefix and purges it afterwards.

import { afterEach, describe, expect, it } from "vitest";
import type { Backend, InquiryRecord, JournalEntry, QueueJob } from "../../../runtime/backend/types";

export interface BackendFixture {
  readonly backend: Backend;
  cleanup(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(20);
  }
}

export function runBackendConformance(name: string, open: () => Promise<BackendFixture>): void {
  describe(`backend conformance: ${name}`, () => {
    let fixtures: BackendFixture[] = [];
    const fresh = async (): Promise<Backend> => {
      const f = await open();
      fixtures.push(f);
      return f.backend;
    };
    afterEach(async () => {
      for (const f of fixtures) await f.cleanup();
      fixtures = [];
    });

    describe("executions", () => {
      it("creates, reads and refuses a duplicate id", async () => {
        const b = await fresh();
        const { created, record } = await b.executions.create({
          ref: "pack.wf",
          input: { a: [1, { b: null }] },
        });
        expect(created).toBe(true);
        expect(record.status).toBe("requested");
        expect(record.cancelRequested).toBe(false);
        expect(await b.executions.get(record.id)).toEqual(record);
        const again = await b.executions.create({ id: record.id, ref: "other.wf" });
        expect(again.created).toBe(false);
        expect(again.record.ref).toBe("pack.wf");
        expect(await b.executions.get("missing")).toBeUndefined();
      });

      it("lists newest first, filtered and limited", async () => {
        const b = await fresh();
        const ids: string[] = [];
        for (let i = 0; i < 5; i++) {
          const { record } = await b.executions.create({ ref: i % 2 ? "p.odd" : "p.even", input: { i } });
          ids.push(record.id);
          await sleep(2);
        }
        expect((await b.executions.list()).map((r) => r.id)).toEqual([...ids].reverse());
        expect((await b.executions.list({ ref: "p.odd" })).map((r) => r.input.i)).toEqual([3, 1]);
        expect((await b.executions.list({ limit: 2 })).map((r) => r.id)).toEqual([ids[4], ids[3]]);
      });

      it("lists the executions under a root, and only those created since a time", async () => {
        const b = await fresh();
        const { record: root } = await b.executions.create({ ref: "p.root" });
        await sleep(2);
        const { record: child } = await b.executions.create({
          ref: "p.child",
          parentId: root.id,
          rootId: root.id,
        });
        await sleep(2);
        const { record: grand } = await b.executions.create({
          ref: "p.grand",
          parentId: child.id,
          rootId: root.id,
        });
        await b.executions.create({ ref: "p.other" });
        const under = await b.executions.list({ rootId: root.id });
        expect(under.map((r) => r.id)).toEqual([grand.id, child.id]);
        expect(
          (await b.executions.list({ parentId: root.id, since: root.createdAt })).map((r) => r.id),
        ).toEqual([child.id]);
        expect(await b.executions.list({ rootId: root.id, since: grand.createdAt + 1 })).toEqual([]);
        expect((await b.executions.list({ since: grand.createdAt })).map((r) => r.ref)).toContain("p.grand");
      });

      it("pages ids by creation time and reads briefs without the rest of the record", async () => {
        const b = await fresh();
        const ids: string[] = [];
        for (let i = 0; i < 5; i++) {
          const { record } = await b.executions.create({
            ref: "p.wf",
            input: { big: "x".repeat(100) },
            ...(i > 0 ? { parentId: ids[0], rootId: ids[0] } : {}),
          });
          ids.push(record.id);
          await sleep(2);
        }
        const last = (await b.executions.get(ids[4]!))!;
        expect(await b.executions.idsCreatedBefore(last.createdAt, 0, 10)).toEqual(ids.slice(0, 4));
        expect(await b.executions.idsCreatedBefore(last.createdAt + 1, 1, 2)).toEqual(ids.slice(1, 3));
        expect(await b.executions.idsCreatedBefore(0, 0, 10)).toEqual([]);
        await b.executions.patch(ids[1]!, { status: "failed", finishedAt: 1234 });
        const briefs = await b.executions.briefs([ids[0]!, "missing", ids[1]!]);
        expect(briefs[1]).toBeUndefined();
        const first = (await b.executions.get(ids[0]!))!;
        expect(briefs[0]).toEqual({
          id: first.id,
          ref: "p.wf",
          status: "requested",
          createdAt: first.createdAt,
          updatedAt: first.updatedAt,
        });
        expect(briefs[2]).toMatchObject({
          status: "failed",
          finishedAt: 1234,
          parentId: ids[0],
          rootId: ids[0],
        });
        expect(await b.executions.briefs([])).toEqual([]);
      });

      it("updates atomically with a status precondition", async () => {
        const b = await fresh();
        const { record } = await b.executions.create({ ref: "p.wf", parentId: "parent1", user: "stanley" });
        const run = await b.executions.update(record.id, { status: "running", startedAt: 5 }, ["requested"]);
        expect(run.ok).toBe(true);
        const refused = await b.executions.update(record.id, { status: "running" }, ["requested"]);
        expect(refused).toMatchObject({ ok: false, record: { status: "running" } });
        const done = await b.executions.update(record.id, {
          status: "succeeded",
          result: { output: { x: 1.5, list: [], obj: {}, s: "é\u2028" } },
          finishedAt: 9,
        });
        expect(done.ok && done.record).toMatchObject({
          status: "succeeded",
          startedAt: 5,
          finishedAt: 9,
          parentId: "parent1",
          user: "stanley",
          result: { output: { x: 1.5, list: [], obj: {}, s: "é\u2028" } },
        });
        expect((await b.executions.list({ status: "succeeded" })).length).toBe(1);
        expect(await b.executions.update("missing", { status: "failed" })).toEqual({ ok: false });
      });

      it("patches like update, answering only the outcome", async () => {
        const b = await fresh();
        const { record } = await b.executions.create({ ref: "p.wf", input: { a: 1 }, user: "stanley" });
        await sleep(2);
        expect(await b.executions.patch(record.id, { status: "running", startedAt: 5 }, ["requested"])).toBe(
          "applied",
        );
        expect(await b.executions.patch(record.id, { status: "failed" }, ["requested"])).toBe("refused");
        expect(
          await b.executions.patch(record.id, { status: "succeeded", result: { output: { x: 2.0 } } }),
        ).toBe("applied");
        const stored = await b.executions.get(record.id);
        expect(stored).toMatchObject({
          status: "succeeded",
          startedAt: 5,
          input: { a: 1 },
          user: "stanley",
          result: { output: { x: 2 } },
        });
        expect(stored!.updatedAt).toBeGreaterThan(record.updatedAt);
        expect(await b.executions.state(record.id)).toMatchObject({ status: "succeeded" });
        expect(await b.executions.patch("missing", { status: "failed" })).toBe("missing");
        expect(await b.executions.get("missing")).toBeUndefined();
      });

      it("sets cancel and pause flags", async () => {
        const b = await fresh();
        const { record } = await b.executions.create({ ref: "p.wf" });
        expect((await b.executions.setFlag(record.id, "cancel", true))?.cancelRequested).toBe(true);
        expect((await b.executions.setFlag(record.id, "pause", true))?.pauseRequested).toBe(true);
        const cleared = await b.executions.setFlag(record.id, "pause", false);
        expect(cleared).toMatchObject({ cancelRequested: true, pauseRequested: false });
        expect(await b.executions.setFlag("missing", "cancel", true)).toBeUndefined();
      });

      it("reads a record's status and flags alone", async () => {
        const b = await fresh();
        const { record } = await b.executions.create({ ref: "p.wf", status: "requested" });
        expect(await b.executions.state(record.id)).toEqual({
          status: "requested",
          updatedAt: record.updatedAt,
          cancelRequested: false,
          pauseRequested: false,
        });
        await b.executions.setFlag(record.id, "cancel", true);
        const updated = await b.executions.update(record.id, { status: "running" });
        expect(await b.executions.state(record.id)).toEqual({
          status: "running",
          updatedAt: updated.ok ? updated.record.updatedAt : -1,
          cancelRequested: true,
          pauseRequested: false,
        });
        await b.executions.delete(record.id);
        expect(await b.executions.state(record.id)).toBeUndefined();
        expect(await b.executions.state("missing")).toBeUndefined();
      });

      it("grants a lease to one owner at a time until it expires", async () => {
        const b = await fresh();
        expect(await b.executions.acquireLease("e1", "w1", 150)).toBe(true);
        expect(await b.executions.acquireLease("e1", "w2", 150)).toBe(false);
        expect(await b.executions.acquireLease("e1", "w1", 150)).toBe(true);
        await b.executions.releaseLease("e1", "w2");
        expect(await b.executions.acquireLease("e1", "w2", 150)).toBe(false);
        await sleep(200);
        expect(await b.executions.acquireLease("e1", "w2", 1000)).toBe(true);
        await b.executions.releaseLease("e1", "w2");
        expect(await b.executions.acquireLease("e1", "w3", 1000)).toBe(true);
      });

      it("deletes the record with its journal", async () => {
        const b = await fresh();
        const { record } = await b.executions.create({ ref: "p.wf" });
        await b.journal.record(record.id, "t/0/-/0", { kind: "action", value: 1, at: 1 });
        await b.executions.delete(record.id);
        expect(await b.executions.get(record.id)).toBeUndefined();
        expect((await b.journal.load(record.id)).entries.size).toBe(0);
        expect(await b.executions.list()).toEqual([]);
      });
    });

    describe("journal", () => {
      const entry = (value: JournalEntry["value"]): JournalEntry => ({
        kind: "action",
        value,
        status: "succeeded",
        at: 1,
      });

      it("records a step exactly once and returns the first value to later writers", async () => {
        const b = await fresh();
        const first = await b.journal.record("e1", "task1/0/-/0", entry({ n: 1 }));
        expect(first).toEqual({ recorded: true, entry: entry({ n: 1 }), seq: 0 });
        const second = await b.journal.record("e1", "task1/0/-/0", entry({ n: 2 }));
        expect(second).toEqual({ recorded: false, entry: entry({ n: 1 }), seq: 0 });
        expect(await b.journal.get("e1", "task1/0/-/0")).toEqual(entry({ n: 1 }));
        expect(await b.journal.get("e1", "other")).toBeUndefined();
      });

      it("lets exactly one of many concurrent writers win", async () => {
        const b = await fresh();
        const outcomes = await Promise.all(
          Array.from({ length: 25 }, (_, i) => b.journal.record("e1", "join/0/-/0", entry(i))),
        );
        expect(outcomes.filter((o) => o.recorded).length).toBe(1);
        const winner = outcomes.find((o) => o.recorded)!.entry.value;
        expect(outcomes.every((o) => o.entry.value === winner)).toBe(true);
      });

      it("keeps arrival order, values and start counts for replay", async () => {
        const b = await fresh();
        const values = [
          { deep: { list: [1, 2.5, "x", null, true], empty: [] } },
          "text\n\u0000",
          12345678901234,
        ];
        await b.journal.record("e1", "b/0/-/0", entry(values[0]!));
        await b.journal.record("e1", "a/0/-/0", entry(values[1]!));
        await b.journal.record("e1", "c/1/3/2", { kind: "value", value: values[2]!, at: 7 });
        await b.journal.record("e2", "a/0/-/0", entry("other execution"));
        expect(await b.journal.markStarted("e1", "a/0/-/0")).toBe(1);
        expect(await b.journal.markStarted("e1", "a/0/-/0")).toBe(2);
        const snap = await b.journal.load("e1");
        expect(snap.order).toEqual(["b/0/-/0", "a/0/-/0", "c/1/3/2"]);
        expect(snap.entries.get("b/0/-/0")?.value).toEqual(values[0]);
        expect(snap.entries.get("a/0/-/0")?.value).toEqual(values[1]);
        expect(snap.entries.get("c/1/3/2")).toEqual({ kind: "value", value: values[2], at: 7 });
        expect(snap.starts.get("a/0/-/0")).toBe(2);
        expect((await b.journal.record("e1", "a/0/-/0", entry("late"))).seq).toBe(1);
        await b.journal.clear("e1");
        expect((await b.journal.load("e1")).order).toEqual([]);
        expect((await b.journal.load("e2")).order).toEqual(["a/0/-/0"]);
      });
    });

    describe("inquiries", () => {
      const inquiry = (id: string, createdAt: number): InquiryRecord => ({
        id,
        execId: "e1",
        rootId: "e1",
        stepId: "ask/0/-/0",
        task: "ask",
        status: "pending",
        parameters: { schema: { type: "object" }, roles: [], users: [], route: "", ttl: 1440 },
        createdAt,
      });

      it("stores, reads, replaces and lists inquiries oldest first, by status", async () => {
        const b = await fresh();
        expect(await b.inquiries.get("q1")).toBeUndefined();
        await b.inquiries.put(inquiry("q2", 20));
        await b.inquiries.put(inquiry("q1", 10));
        expect(await b.inquiries.get("q1")).toEqual(inquiry("q1", 10));
        expect((await b.inquiries.list()).map((i) => i.id)).toEqual(["q1", "q2"]);
        await b.inquiries.put({ ...inquiry("q1", 10), status: "succeeded", response: { continue: true } });
        expect((await b.inquiries.list("pending")).map((i) => i.id)).toEqual(["q2"]);
        expect((await b.inquiries.get("q1"))?.response).toEqual({ continue: true });
      });

      it("deletes inquiries, ignoring unknown ids", async () => {
        const b = await fresh();
        await b.inquiries.put(inquiry("q1", 10));
        await b.inquiries.put(inquiry("q2", 20));
        await b.inquiries.delete(["q1", "nope"]);
        await b.inquiries.delete([]);
        expect((await b.inquiries.list()).map((i) => i.id)).toEqual(["q2"]);
        expect(await b.inquiries.get("q1")).toBeUndefined();
      });
    });

    describe("timers", () => {
      it("hands out due timers once, earliest first", async () => {
        const b = await fresh();
        await b.timers.schedule("e1", "sleep/0", 300);
        await b.timers.schedule("e2", "retry/1", 100);
        await b.timers.schedule("e1", "later", 10_000);
        await b.timers.schedule("e3", "moved", 50);
        await b.timers.schedule("e3", "moved", 5_000);
        await b.timers.schedule("e4", "gone", 10);
        await b.timers.cancel("e4", "gone");
        expect(await b.timers.nextDue()).toBe(100);
        const [x, y] = await Promise.all([b.timers.takeDue(1000), b.timers.takeDue(1000)]);
        const all = [...x!, ...y!];
        expect(all.map((t) => `${t.execId}:${t.timerId}`).sort()).toEqual(["e1:sleep/0", "e2:retry/1"]);
        expect(x!.length === 0 || y!.length === 0).toBe(true);
        expect((x!.length ? x! : y!).map((t) => t.dueAt)).toEqual([100, 300]);
        expect(await b.timers.takeDue(1000)).toEqual([]);
        expect(await b.timers.nextDue()).toBe(5_000);
        expect((await b.timers.takeDue(20_000, 1)).map((t) => t.timerId)).toEqual(["moved"]);
      });
    });

    describe("datastore", () => {
      it("keeps system and per-user scopes apart", async () => {
        const b = await fresh();
        await b.kv.set({ scope: "system", name: "api.url", value: "http://x" });
        await b.kv.set({ scope: "user", user: "stanley", name: "api.url", value: "mine" });
        await b.kv.set({ scope: "user", user: "other", name: "api.url", value: "theirs" });
        expect((await b.kv.get({ scope: "system", name: "api.url" }))?.value).toBe("http://x");
        expect((await b.kv.get({ scope: "user", user: "stanley", name: "api.url" }))?.value).toBe("mine");
        expect(await b.kv.get({ scope: "system", name: "nope" })).toBeUndefined();
        await expect(b.kv.get({ scope: "user", name: "x" })).rejects.toThrow(/user/);
      });

      it("lists by prefix, sorted, and deletes", async () => {
        const b = await fresh();
        for (const name of ["b.two", "a.one", "b.one", "pack.Class:local"]) {
          await b.kv.set({ scope: "system", name, value: name.toUpperCase(), secret: name === "b.one" });
        }
        expect((await b.kv.list({ scope: "system" })).map((i) => i.name)).toEqual([
          "a.one",
          "b.one",
          "b.two",
          "pack.Class:local",
        ]);
        const bs = await b.kv.list({ scope: "system", prefix: "b." });
        expect(bs.map((i) => [i.name, i.value, i.secret])).toEqual([
          ["b.one", "B.ONE", true],
          ["b.two", "B.TWO", false],
        ]);
        expect(await b.kv.delete({ scope: "system", name: "b.one" })).toBe(true);
        expect(await b.kv.delete({ scope: "system", name: "b.one" })).toBe(false);
        expect((await b.kv.list({ scope: "system", prefix: "b." })).map((i) => i.name)).toEqual(["b.two"]);
        expect(await b.kv.list({ scope: "user", user: "nobody" })).toEqual([]);
      });

      it("expires items after their TTL", async () => {
        const b = await fresh();
        const item = await b.kv.set({ scope: "system", name: "short", value: "v", ttl: 0.3 });
        expect(item.expiresAt).toBeGreaterThan(Date.now());
        await b.kv.set({ scope: "system", name: "long", value: "v" });
        expect((await b.kv.get({ scope: "system", name: "short" }))?.value).toBe("v");
        await sleep(450);
        expect(await b.kv.get({ scope: "system", name: "short" })).toBeUndefined();
        expect((await b.kv.list({ scope: "system" })).map((i) => i.name)).toEqual(["long"]);
      });
    });

    describe("queue", () => {
      it("delivers every job once, within the concurrency limit", async () => {
        const b = await fresh();
        let running = 0;
        let peak = 0;
        const seen: string[] = [];
        const consumer = b.queue.consume(
          async (job) => {
            running++;
            peak = Math.max(peak, running);
            await sleep(15);
            seen.push(job.execId);
            running--;
            return { kind: "done" };
          },
          { concurrency: 3 },
        );
        for (let i = 0; i < 12; i++) await b.queue.enqueue(`e${i}`, { i });
        await until(() => seen.length === 12);
        expect(seen.sort()).toEqual(Array.from({ length: 12 }, (_, i) => `e${i}`).sort());
        expect(peak).toBeLessThanOrEqual(3);
        expect(peak).toBeGreaterThan(1);
        await consumer.close();
        await until(async () => (await b.queue.counts()).active === 0);
        expect(await b.queue.counts()).toEqual({ waiting: 0, active: 0, delayed: 0 });
      });

      it("gives the slot back on delay and delivers the job again later", async () => {
        const b = await fresh();
        const deliveries: Array<[string, number, number]> = [];
        const start = Date.now();
        const consumer = b.queue.consume(
          async (job) => {
            deliveries.push([job.execId, job.deliveries, Date.now() - start]);
            if (job.execId === "sleeper" && deliveries.filter((d) => d[0] === "sleeper").length === 1) {
              return { kind: "delay", ms: 300 };
            }
            return { kind: "done" };
          },
          { concurrency: 1 },
        );
        await b.queue.enqueue("sleeper", { wait: true });
        await until(() => deliveries.length === 1);
        await b.queue.enqueue("other");
        await until(() => deliveries.length === 3);
        expect(deliveries.map((d) => d[0])).toEqual(["sleeper", "other", "sleeper"]);
        expect(deliveries[2]![2] - deliveries[0]![2]).toBeGreaterThanOrEqual(250);
        await consumer.close();
      });

      it("delays a first delivery and ignores a duplicate job id", async () => {
        const b = await fresh();
        const got: QueueJob[] = [];
        const consumer = b.queue.consume(
          async (job) => {
            got.push(job);
            return { kind: "done" };
          },
          { concurrency: 2 },
        );
        const start = Date.now();
        await b.queue.enqueue("late", "x", { delayMs: 250, jobId: "submit-late" });
        await b.queue.enqueue("late", "y", { delayMs: 250, jobId: "submit-late" });
        expect((await b.queue.counts()).delayed).toBe(1);
        await until(() => got.length === 1);
        expect(Date.now() - start).toBeGreaterThanOrEqual(200);
        await sleep(100);
        expect(got.map((j) => [j.execId, j.data, j.id])).toEqual([["late", "x", "submit-late"]]);
        await consumer.close();
      });

      it("hands a crashed consumer's job to another consumer", async () => {
        const b = await fresh();
        let firstStarted = false;
        const dying = b.queue.consume(
          async (_job, signal) => {
            firstStarted = true;
            await new Promise((resolve) => signal.addEventListener("abort", resolve));
            return { kind: "done" };
          },
          { concurrency: 1 },
        );
        await b.queue.enqueue("e1", { n: 1 });
        await until(() => firstStarted);
        await dying.crash();
        const recovered: QueueJob[] = [];
        const survivor = b.queue.consume(
          async (job) => {
            recovered.push(job);
            return { kind: "done" };
          },
          { concurrency: 1 },
        );
        await until(() => recovered.length === 1, 15_000);
        expect(recovered[0]).toMatchObject({ execId: "e1", data: { n: 1 } });
        expect(recovered[0]!.deliveries).toBeGreaterThanOrEqual(2);
        await sleep(100);
        expect(recovered.length).toBe(1);
        await survivor.close();
      });
    });
  });
}
