// cancel / pause / resume on the embedded backend.

import { describe, expect, it } from "vitest";
import { controlExecution } from "../../../runtime/host/control";
import { embedded, waitDone } from "./helpers";

describe("execution control", () => {
  it("cancels an execution that waits on a long delay", async () => {
    const host = embedded();
    const id = await host.submit("hostt.delay", { n: 60 });
    const start = Date.now();
    while (!(await host.backend.journal.load(id)).order.some((s) => s.startsWith("~timer"))) {
      if (Date.now() - start > 5000) throw new Error("no timer");
      await new Promise((r) => setTimeout(r, 10));
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(host.worker.stats().active).toBe(0);
    const out = await controlExecution(host.backend, id, "cancel");
    expect(out.ok).toBe(true);
    const rec = await waitDone(host.backend, id, 5000);
    await host.close();
    expect(rec.status).toBe("canceled");
  }, 20_000);

  it("cancels a parent and the child execution it waits on", async () => {
    const host = embedded();
    const id = await host.submit("hostt.waitparent");
    let child: string | undefined;
    const start = Date.now();
    while (!child) {
      const [c] = await host.backend.executions.list({ parentId: id });
      if (c && (await host.backend.journal.load(c.id)).order.some((s) => s.startsWith("~timer")))
        child = c.id;
      else if (Date.now() - start > 5000) throw new Error("no waiting child");
      else await new Promise((r) => setTimeout(r, 10));
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(host.worker.stats().active).toBe(0);
    expect((await controlExecution(host.backend, id, "cancel")).ok).toBe(true);
    const [parent, sub] = await Promise.all([
      waitDone(host.backend, id, 5000),
      waitDone(host.backend, child, 5000),
    ]);
    await host.close();
    expect([parent.status, sub.status]).toEqual(["canceled", "canceled"]);
  }, 20_000);

  it("lets a running action finish on cancel, as StackStorm does, and starts nothing after it", async () => {
    const host = embedded();
    const id = await host.submit("hostt.longrun", { seconds: 1 });
    const start = Date.now();
    // The journal counts a step's start before its action runs.
    while (![...(await host.backend.journal.load(id)).starts.keys()].some((k) => k.startsWith("busy/"))) {
      if (Date.now() - start > 5000) throw new Error("busy never started");
      await new Promise((r) => setTimeout(r, 10));
    }
    await new Promise((r) => setTimeout(r, 200));
    expect((await controlExecution(host.backend, id, "cancel")).ok).toBe(true);
    const rec = await waitDone(host.backend, id, 10_000);
    await host.close();
    expect(rec.status).toBe("canceled");
    expect(Date.now() - start).toBeGreaterThanOrEqual(900); // the sleep was not killed
    const finished = (
      (rec.context as { trace: Array<{ ev: string; task?: string; status?: string }> }).trace ?? []
    )
      .filter((e) => e.ev === "task.finished")
      .map((e) => `${e.task}:${e.status}`)
      .sort();
    expect(finished).toEqual(["busy:succeeded", "later:canceled"]);
    const busy = await host.backend.journal.load(id);
    const step = [...busy.entries.entries()].find(([k]) => k.startsWith("busy/"));
    expect((step?.[1].value as { stdout?: string } | undefined)?.stdout).toBe("finished");
  }, 20_000);

  it("refuses to control a finished execution", async () => {
    const host = embedded();
    const rec = await host.run("hostt.items", { n: 1 });
    const out = await controlExecution(host.backend, rec.id, "pause");
    await host.close();
    expect(out).toEqual({ ok: false, error: `execution ${rec.id} is already succeeded` });
  });
});
