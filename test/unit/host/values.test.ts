// Non-deterministic values the conductor reads synchronously (st2kv(), the
// timestamps of task()) are journaled: a replay sees the values of the first
// run even when the datastore changed since.

import { describe, expect, it } from "vitest";
import { Datastore } from "../../../runtime/datastore/datastore";
import { embedded, waitDone } from "./helpers";

describe("journaled values", () => {
  it("replays st2kv reads and task() timestamps as first seen", async () => {
    const host = embedded();
    const ds = new Datastore(host.backend.kv);
    await ds.set({ scope: "system", name: "color", value: "blue" });
    const rec = await host.run("hostt.kv");
    const output = (rec.result as { output: { color: string; started: string } }).output;
    expect(output.color).toBe("blue");
    expect(output.started).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}\+00:00$/);
    const journal = await host.backend.journal.load(rec.id);
    expect(journal.order.some((id) => id.startsWith("~kv/system.color/"))).toBe(true);

    await ds.set({ scope: "system", name: "color", value: "red" });
    await new Promise((r) => setTimeout(r, 5));
    await host.backend.executions.update(rec.id, { status: "running" });
    await host.backend.queue.enqueue(rec.id, null, { jobId: `${rec.id}.again` });
    const again = await waitDone(host.backend, rec.id);
    expect(again.result).toEqual(rec.result);
    const fresh = await host.run("hostt.kv");
    expect((fresh.result as { output: { color: string } }).output.color).toBe("red");
    await host.close();
  });
});

describe("secrets", () => {
  it("masks secret inputs in the record's result but keeps them in the journal", async () => {
    const host = embedded();
    const rec = await host.run("hostt.secret", { password: "hunter2-xyz" });
    await host.close();
    expect(rec.status).toBe("succeeded");
    expect(rec.result).toEqual({ output: { said: "token=********" } });
    const raw = await host.backend.journal.get(rec.id, "~result/root/0");
    expect(raw?.value).toEqual({ output: { said: "token=hunter2-xyz" } });
  });
});
