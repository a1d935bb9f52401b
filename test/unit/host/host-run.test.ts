// The async host end to end on the embedded backend: real runners (shell,
// python), parallel branches and a join, task(), child workflows as their
// own executions, with-items with concurrency, retry with delay, task delay.

import { existsSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { closeSharedPythonPool } from "../../../runtime/runners/python/pool";
import { embedded, expectRemediatedFailure, tempMarker } from "./helpers";

const host = embedded();

afterAll(async () => {
  await host.close();
  await closeSharedPythonPool();
});

describe("async host", () => {
  it("runs a workflow with shell and python actions, a parallel split and a join", async () => {
    const rec = await host.run("hostt.seq", { n: 5 });
    expect(rec.status).toBe("succeeded");
    const output = (rec.result as { output: Record<string, unknown> }).output;
    expect(output.said).toBe("n is 5");
    expect(output.left).toBe(15);
    expect(output.greeting).toBe("stanley");
    const trace = (rec.context as { trace: Array<{ ev: string; task?: string }> }).trace;
    expect(
      trace
        .filter((e) => e.ev === "task.finished")
        .map((e) => e.task)
        .sort(),
    ).toEqual(["first", "joined", "left", "right"]);
    // The join merges the branches' contexts in arrival order: the branch that finished last wins.
    const last = trace
      .filter((e) => e.ev === "task.finished" && (e.task === "left" || e.task === "right"))
      .at(-1);
    expect(output.order).toEqual([last?.task]);
  }, 20_000);

  it("runs orquesta actions as child executions and resumes the parent when they finish", async () => {
    const rec = await host.run("hostt.parent", { n: 3 });
    expect(rec.status).toBe("succeeded");
    expect(rec.result).toEqual({ output: { sum: 14 } });
    const children = await host.backend.executions.list({ parentId: rec.id });
    expect(children.map((c) => c.status)).toEqual(["succeeded", "succeeded"]);
    expect(
      children.map((c) => (c.result as { output: { parent_task: string } }).output.parent_task).sort(),
    ).toEqual(["one", "two"]);
  }, 20_000);

  it("runs with-items under a concurrency limit", async () => {
    const rec = await host.run("hostt.items", { n: 5 });
    expect(rec.status).toBe("succeeded");
    expect(rec.result).toEqual({ output: { outs: [0, 1, 2, 3, 4] } });
  });

  it("retries a failed action after its delay", async () => {
    const marker = tempMarker("flag");
    const started = Date.now();
    const rec = await host.run("hostt.retry", { marker });
    expect(rec.status).toBe("succeeded");
    expect(rec.result).toEqual({ output: { got: "ok" } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  }, 20_000);

  it("fails with a clear message on bad input", async () => {
    await expect(host.submit("hostt.seq", { nope: 1 })).rejects.toThrow(/Unknown parameter\(s\): nope/);
    await expect(host.submit("hostt.missing")).rejects.toThrow(/no workflow or bundle named "hostt.missing"/);
  });

  it("lets a remediation started next to a fail command finish, and keeps its error", async () => {
    const marker = tempMarker("recovered");
    const rec = await host.run("hostt.failmanual", { marker });
    // The remediation ran to its end instead of being dropped when the workflow failed.
    expectRemediatedFailure(rec, marker);
    const trace = (rec.context as { trace: Array<{ ev: string; task?: string; status?: string }> }).trace;
    expect(
      trace.filter((e) => e.ev === "task.finished" && e.task === "recover").map((e) => e.status),
    ).toEqual(["failed"]);
  }, 20_000);

  it("lets a branch still running when another fails finish before the run ends", async () => {
    const marker = tempMarker("slow");
    const rec = await host.run("hostt.failbranch", { marker });
    expect(rec.status).toBe("failed");
    expect(existsSync(marker)).toBe(true);
    const trace = (rec.context as { trace: Array<{ ev: string; task?: string; status?: string }> }).trace;
    const finished = trace.filter((e) => e.ev === "task.finished").map((e) => `${e.task}:${e.status}`);
    expect(finished.sort()).toEqual(["fast:failed", "slow:succeeded"]);
  }, 20_000);
});
