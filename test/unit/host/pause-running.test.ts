// Pause while an action runs, as StackStorm does it: the action finishes, the
// task after it does not start until a resume. The pause is journaled where
// the run applied it, so the run that the pause's own job (or any wake-up)
// starts replays it at the same point instead of starting that task.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Backend } from "../../../runtime/backend/types";
import { controlExecution } from "../../../runtime/host/control";
import { embedded, waitDone } from "./helpers";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, ms: number, test: () => Promise<boolean>): Promise<void> {
  const start = Date.now();
  while (!(await test())) {
    if (Date.now() - start > ms) throw new Error(`${what}: not within ${ms} ms`);
    await sleep(10);
  }
}

const started = async (backend: Backend, id: string, task: string) =>
  [...(await backend.journal.load(id)).starts.keys()].some((k) => k.startsWith(`${task}/`));
const statusOf = async (backend: Backend, id: string) => (await backend.executions.get(id))?.status;

describe("pause of a running action", () => {
  it("lets the action finish and starts nothing after it until resumed", async () => {
    const host = embedded();
    const id = await host.submit("hostt.pauserun", { seconds: 2 });
    await until("busy started", 5000, () => started(host.backend, id, "busy"));
    await sleep(200);
    expect((await controlExecution(host.backend, id, "pause")).ok).toBe(true);
    // shown while the action still runs (the run reads its flags every 0.5 s)
    await until("pausing", 1500, async () => (await statusOf(host.backend, id)) === "pausing");
    await until("paused", 5000, async () => (await statusOf(host.backend, id)) === "paused");
    await sleep(700);
    expect(await started(host.backend, id, "after")).toBe(false);
    expect(await statusOf(host.backend, id)).toBe("paused");
    const journal = await host.backend.journal.load(id);
    expect(journal.order.filter((s) => !s.startsWith("~ts"))).toEqual([
      "~control/0",
      expect.stringMatching(/^busy\//),
    ]);

    expect((await controlExecution(host.backend, id, "resume")).ok).toBe(true);
    const rec = await waitDone(host.backend, id, 10_000);
    await host.close();
    expect(rec.status).toBe("succeeded");
    expect(rec.result).toEqual({ output: { said: "finished", echoed: "after" } });
    const order = (await host.backend.journal.load(id)).order.filter(
      (s) => !s.startsWith("~ts") && !s.startsWith("~result"),
    );
    expect(order.map((s) => s.replace(/\/.*/, ""))).toEqual(["~control", "busy", "~control", "after"]);
  }, 20_000);

  it("goes on without stopping when resumed before the action ends", async () => {
    const host = embedded();
    const id = await host.submit("hostt.pauserun", { seconds: 1.5 });
    await until("busy started", 5000, () => started(host.backend, id, "busy"));
    expect((await controlExecution(host.backend, id, "pause")).ok).toBe(true);
    await until("pause journaled", 5000, async () =>
      (await host.backend.journal.load(id)).order.includes("~control/0"),
    );
    expect((await controlExecution(host.backend, id, "resume")).ok).toBe(true);
    const rec = await waitDone(host.backend, id, 10_000);
    await host.close();
    expect(rec.status).toBe("succeeded");
    expect(rec.result).toEqual({ output: { said: "finished", echoed: "after" } });
  }, 20_000);

  it("pauses the child execution too; the parent shows paused once the child is", async () => {
    const host = embedded();
    const id = await host.submit("hostt.pauseparent", { seconds: 1 });
    let child: string | undefined;
    await until("child busy started", 5000, async () => {
      [child] = (await host.backend.executions.list({ parentId: id })).map((r) => r.id);
      return child !== undefined && (await started(host.backend, child, "busy"));
    });
    expect((await controlExecution(host.backend, id, "pause")).ok).toBe(true);
    await until("both paused", 5000, async () =>
      [await statusOf(host.backend, child!), await statusOf(host.backend, id)].every((s) => s === "paused"),
    );
    await sleep(300);
    expect(await started(host.backend, child!, "after")).toBe(false);
    expect(await started(host.backend, id, "last")).toBe(false);
    expect((await controlExecution(host.backend, id, "resume")).ok).toBe(true);
    const rec = await waitDone(host.backend, id, 10_000);
    await host.close();
    expect(rec.status).toBe("succeeded");
    expect(rec.result).toEqual({ output: { child: { said: "finished", echoed: "after" } } });
  }, 20_000);

  it("keeps the results of a with-items task's items across a pause, and resumes the items left", async () => {
    const host = embedded();
    const id = await host.submit("hostt.pauseitems", { seconds: 1 });
    await until(
      "two items started",
      5000,
      async () =>
        [...(await host.backend.journal.load(id)).starts.keys()].filter((k) => k.startsWith("each/"))
          .length === 2,
    );
    expect((await controlExecution(host.backend, id, "pause")).ok).toBe(true);
    await until("paused", 5000, async () => (await statusOf(host.backend, id)) === "paused");
    expect(
      [...(await host.backend.journal.load(id)).starts.keys()].filter((k) => k.startsWith("each/")),
    ).toHaveLength(2);
    expect((await controlExecution(host.backend, id, "resume")).ok).toBe(true);
    const rec = await waitDone(host.backend, id, 10_000);
    await host.close();
    expect(rec.status).toBe("succeeded");
    expect(rec.result).toEqual({ output: { echoed: [0, 1, 2, 3] } });
    // every item ran once, as the task's first attempt
    const starts = [...(await host.backend.journal.load(id)).starts.entries()].filter(([k]) =>
      k.startsWith("each/"),
    );
    expect(starts.map(([k, n]) => `${k}:${n}`).sort()).toEqual([
      "each/0/0/0:1",
      "each/0/1/0:1",
      "each/0/2/0:1",
      "each/0/3/0:1",
    ]);
  }, 20_000);

  it.each(["pause", "cancel"] as const)(
    "holds a %s asked just before the action ends (not only at the next periodic check)",
    async (control) => {
      const flag = join(mkdtempSync(join(tmpdir(), "orqc-pause-")), "go");
      const host = embedded();
      const id = await host.submit("hostt.waitfile", { path: flag });
      await until("busy started", 5000, () => started(host.backend, id, "busy"));
      await sleep(300);
      expect((await controlExecution(host.backend, id, control)).ok).toBe(true);
      writeFileSync(flag, ""); // the action ends within 20 ms; the periodic check comes every 500 ms
      await until("settled", 5000, async () =>
        ["paused", "canceled"].includes((await statusOf(host.backend, id)) ?? ""),
      );
      await sleep(300);
      expect(await started(host.backend, id, "after")).toBe(false);
      const order = (await host.backend.journal.load(id)).order.filter((s) => !s.startsWith("~ts"));
      expect(order.slice(0, 2)).toEqual(["~control/0", expect.stringMatching(/^busy\//)]);
      if (control === "pause") await controlExecution(host.backend, id, "cancel");
      await waitDone(host.backend, id, 5000);
      await host.close();
    },
    20_000,
  );
});
