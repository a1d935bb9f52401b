import { describe, expect, it } from "vitest";
import type { JournalEntry, JournalSnapshot } from "../../../runtime/backend/types";
import { planRerun, type RerunGraph } from "../../../runtime/host/rerun-plan";

const ok = (v: unknown = 1): JournalEntry => ({
  kind: "action",
  value: v as JournalEntry["value"],
  status: "succeeded",
  at: 0,
});
const bad: JournalEntry = { kind: "action", value: null, status: "failed", at: 0 };
const val: JournalEntry = { kind: "value", value: 1, at: 0 };

function snapshot(entries: [string, JournalEntry][]): JournalSnapshot {
  return { entries: new Map(entries), order: entries.map(([id]) => id), starts: new Map() };
}

function graph(edges: Record<string, string[]>, callees: Record<string, RerunGraph> = {}): RerunGraph {
  return {
    has: (t) => Object.hasOwn(edges, t),
    next: (t) => edges[t] ?? [],
    callee: (t) => callees[t],
  };
}

const kept = (plan: ReturnType<typeof planRerun>) => (plan.ok ? plan.keep.map(([id]) => id) : plan.error);

// a -> b -> c, and a -> p (a parallel branch that ended after b failed)
const G = graph({ a: ["b", "p"], b: ["c"], c: [], p: [] });

describe("planRerun", () => {
  it("drops the failed task, the result and later datastore reads; keeps what ran before and the other branch", () => {
    const s = snapshot([
      ["a/0/-/0", ok()],
      ["~kv/x/0/0", val],
      ["b/0/-/0", bad],
      ["~kv/x/0/1", val],
      ["p/0/-/0", ok()],
      ["~result/root/0", ok()],
    ]);
    expect(kept(planRerun(s, G, { tasks: ["b"], noReset: new Set() }))).toEqual([
      "a/0/-/0",
      "~kv/x/0/0",
      "p/0/-/0",
    ]);
  });

  it("drops the retries of the failed run and its timers, and what ran downstream after it", () => {
    const s = snapshot([
      ["a/0/-/0", ok()],
      ["b/0/-/0", bad],
      ["~timer/b/0/-/1", val],
      ["b/0/-/1", bad],
      ["c/0/-/0", ok()],
    ]);
    expect(kept(planRerun(s, G, { tasks: ["b"], noReset: new Set() }))).toEqual(["a/0/-/0"]);
  });

  it("keeps earlier successful runs of a task in a cycle", () => {
    const loop = graph({ init: ["work"], work: ["work", "done"], done: [] });
    const s = snapshot([
      ["init/0/-/0", ok()],
      ["work/0/-/0", ok()],
      ["work/0/-/1", ok()],
      ["work/0/-/2", bad],
    ]);
    expect(kept(planRerun(s, loop, { tasks: ["work"], noReset: new Set() }))).toEqual([
      "init/0/-/0",
      "work/0/-/0",
      "work/0/-/1",
    ]);
  });

  it("re-runs every item of a with-items task, or only the failed ones with no-reset", () => {
    const s = snapshot([
      ["a/0/-/0", ok()],
      ["b/0/0/0", ok()],
      ["b/0/1/0", bad],
      ["b/0/2/0", ok()],
    ]);
    expect(kept(planRerun(s, G, { tasks: ["b"], noReset: new Set() }))).toEqual(["a/0/-/0"]);
    expect(kept(planRerun(s, G, { tasks: ["b"], noReset: new Set(["b"]) }))).toEqual([
      "a/0/-/0",
      "b/0/0/0",
      "b/0/2/0",
    ]);
  });

  it("re-runs an inlined sub-workflow from its own failed tasks", () => {
    const sub = graph({ s1: ["s2"], s2: ["s3"], s3: [] });
    const top = graph({ a: ["call"], call: ["c"], c: [] }, { call: sub });
    const real = snapshot([
      ["a/0/-/0", ok()],
      ["call@0.-.0|s1/0/-/0", ok()],
      ["call@0.-.0|s2/0/-/0", bad],
    ]);
    expect(kept(planRerun(real, top, { tasks: ["call"], noReset: new Set() }))).toEqual([
      "a/0/-/0",
      "call@0.-.0|s1/0/-/0",
    ]);
  });

  it("goes down nested inlined sub-workflows to the one whose task failed", () => {
    const inner = graph({ x: ["y"], y: [] });
    const mid = graph({ m1: ["call2"], call2: [] }, { call2: inner });
    const top = graph({ call: [] }, { call: mid });
    const s = snapshot([
      ["call@0.-.0|m1/0/-/0", ok()],
      ["call@0.-.0|call2@0.-.0|x/0/-/0", ok()],
      ["call@0.-.0|call2@0.-.0|y/0/-/0", bad],
    ]);
    expect(kept(planRerun(s, top, { tasks: ["call"], noReset: new Set() }))).toEqual([
      "call@0.-.0|m1/0/-/0",
      "call@0.-.0|call2@0.-.0|x/0/-/0",
    ]);
  });

  it("refuses tasks the workflow does not have or that ran nothing", () => {
    const s = snapshot([["a/0/-/0", ok()]]);
    expect(kept(planRerun(s, G, { tasks: ["zz"], noReset: new Set() }))).toMatch(/no task "zz"/);
    expect(kept(planRerun(s, G, { tasks: ["c"], noReset: new Set() }))).toMatch(/task "c" ran no action/);
  });
});
