import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MemoryBackend } from "../../../runtime/backend/memory/index";
import {
  byArrival,
  dumpJournal,
  ExecutionJournal,
  parseStepId,
  stepId,
  valueId,
} from "../../../runtime/journal/index";
import { SecretSet } from "../../../runtime/secrets/index";

describe("step ids", () => {
  it("are task/route/item/attempt", () => {
    expect(stepId({ task: "notify", route: 0, attempt: 0 })).toBe("notify/0/-/0");
    expect(stepId({ task: "loop", route: 2, item: 7, attempt: 3 })).toBe("loop/2/7/3");
    expect(valueId("now", "a/b", 2)).toBe("~now/a%2Fb/2");
    expect(() => stepId({ task: "t", route: -1, attempt: 0 })).toThrow(/route/);
    expect(() => parseStepId("a/0/x/0")).toThrow(/invalid step id/);
  });

  it("round-trip any task name", () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.nat(1000),
        fc.option(fc.nat(1000), { nil: undefined }),
        fc.nat(20),
        (task, route, item, attempt) => {
          const ref = { task, route, ...(item === undefined ? {} : { item }), attempt };
          expect(parseStepId(stepId(ref))).toEqual(ref);
        },
      ),
    );
  });
});

describe("execution journal", () => {
  it("replays recorded steps after a crash instead of running them again", async () => {
    const backend = new MemoryBackend();
    const runs: string[] = [];
    const action = (name: string) => async () => {
      runs.push(name);
      return { status: "succeeded", result: { name } };
    };
    const first = await ExecutionJournal.open(backend.journal, "e1");
    await first.step("a/0/-/0", action("a"));
    await first.step("b/0/-/0", action("b"));
    // The worker dies here; another one opens the journal and re-runs the bundle.
    const second = await ExecutionJournal.open(backend.journal, "e1");
    const a = await second.step("a/0/-/0", action("a"));
    const b = await second.step("b/0/-/0", action("b"));
    const c = await second.step("c/0/-/0", action("c"));
    expect(runs).toEqual(["a", "b", "c"]);
    expect(a).toMatchObject({ replayed: true, result: { name: "a" }, seq: 0, status: "succeeded" });
    expect(b).toMatchObject({ replayed: true, seq: 1 });
    expect(c).toMatchObject({ replayed: false, seq: 2, starts: 1 });
  });

  it("keeps the first result when two workers race on a step", async () => {
    const backend = new MemoryBackend();
    const w1 = await ExecutionJournal.open(backend.journal, "e1");
    const w2 = await ExecutionJournal.open(backend.journal, "e1");
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    const p1 = w1.step("t/0/-/0", async () => {
      await slow;
      return { status: "succeeded", result: "from w1" };
    });
    const r2 = await w2.step("t/0/-/0", async () => ({ status: "failed", result: "from w2" }));
    release();
    const r1 = await p1;
    expect(r2).toMatchObject({ replayed: false, status: "failed", result: "from w2", starts: 2 });
    expect(r1).toMatchObject({ replayed: true, status: "failed", result: "from w2" });
  });

  it("counts starts, so an action in flight at a crash is visible", async () => {
    const backend = new MemoryBackend();
    const w1 = await ExecutionJournal.open(backend.journal, "e1");
    // w1 starts the action and dies before recording it.
    void w1.step("t/0/-/0", () => new Promise(() => {}));
    await new Promise((r) => setTimeout(r, 5));
    const w2 = await ExecutionJournal.open(backend.journal, "e1");
    const report = await w2.step("t/0/-/0", async () => ({ status: "succeeded", result: 1 }));
    expect(report.starts).toBe(2);
  });

  it("journals values and timers so a replay sees the same time", async () => {
    const backend = new MemoryBackend();
    let now = 1000;
    const clock = () => now;
    const j1 = await ExecutionJournal.open(backend.journal, "e1", { clock });
    expect(await j1.now("~now/start/0")).toBe(1000);
    expect(await j1.timer("~timer/sleep/0", 5000)).toEqual({ dueAt: 6000, remainingMs: 5000 });
    now = 4000;
    const j2 = await ExecutionJournal.open(backend.journal, "e1", { clock });
    expect(await j2.now("~now/start/0")).toBe(1000);
    expect(await j2.timer("~timer/sleep/0", 5000)).toEqual({ dueAt: 6000, remainingMs: 2000 });
    now = 9000;
    expect(await j2.timer("~timer/sleep/0", 5000)).toEqual({ dueAt: 6000, remainingMs: 0 });
    expect(await j2.value("~random/x/0", () => "second")).toBe("second");
    const j3 = await ExecutionJournal.open(backend.journal, "e1", { clock });
    expect(await j3.value("~random/x/0", () => "third")).toBe("second");
    expect(j3.order()).toEqual(["~now/start/0", "~timer/sleep/0", "~random/x/0"]);
  });

  it("orders parallel completions by arrival, on the first run and on replay", async () => {
    const backend = new MemoryBackend();
    const delays: Record<string, number> = { left: 30, right: 5, mid: 15 };
    const runAll = async (journal: ExecutionJournal) =>
      byArrival(
        await Promise.all(
          Object.keys(delays).map((task) =>
            journal.step(stepId({ task, route: 0, attempt: 0 }), async () => {
              await new Promise((r) => setTimeout(r, delays[task]));
              return { status: "succeeded", result: task };
            }),
          ),
        ),
      ).map((r) => r.result);
    const first = await runAll(await ExecutionJournal.open(backend.journal, "e1"));
    expect(first).toEqual(["right", "mid", "left"]);
    delays.left = 0;
    delays.right = 40;
    const replay = await runAll(await ExecutionJournal.open(backend.journal, "e1"));
    expect(replay).toEqual(first);
  });

  it("dumps the journal with secrets masked", async () => {
    const backend = new MemoryBackend();
    const journal = await ExecutionJournal.open(backend.journal, "e1");
    await journal.step("login/0/-/0", async () => ({
      status: "succeeded",
      result: { stdout: "token=s3cr3t-value ok", nested: ["s3cr3t-value"] },
    }));
    const dump = dumpJournal(await backend.journal.load("e1"), new SecretSet(["s3cr3t-value"]));
    expect(dump).toEqual([
      {
        seq: 0,
        step: "login/0/-/0",
        kind: "action",
        status: "succeeded",
        starts: 1,
        at: expect.any(Number),
        value: { stdout: "token=******** ok", nested: ["********"] },
      },
    ]);
    expect(JSON.stringify(dump)).not.toContain("s3cr3t");
  });
});
