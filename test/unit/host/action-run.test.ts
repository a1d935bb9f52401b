// An action that is not a workflow, run as its own execution (`orqc run
// core.local -p cmd=...`, like `st2 run`): parameter rules at submission, the
// runner's status and result as the execution's, a journaled outcome that a
// second delivery does not run again, and cancel killing the running action.

import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { controlExecution } from "../../../runtime/host/control";
import { embedded, waitDone } from "./helpers";

const host = embedded();
const dir = mkdtempSync(join(tmpdir(), "orqc-action-run-"));
afterAll(() => host.close());

describe("action executions", () => {
  it("runs core.local and takes its status and result", async () => {
    const ok = await host.run("core.local", { cmd: "echo hi; echo err >&2" });
    expect(ok.status).toBe("succeeded");
    expect(ok.result).toEqual({
      failed: false,
      succeeded: true,
      return_code: 0,
      stdout: "hi",
      stderr: "err",
    });
    expect(ok.input).toMatchObject({ cmd: "echo hi; echo err >&2", timeout: 60 });

    const bad = await host.run("core.local", { cmd: "exit 3" });
    expect(bad.status).toBe("failed");
    expect(bad.result).toMatchObject({ failed: true, return_code: 3 });
  });

  it("casts text parameters by type and refuses unknown or missing ones at submission", async () => {
    const rec = await host.run("core.local", { cmd: "echo $0", timeout: "5" });
    expect(rec.input).toMatchObject({ timeout: 5 });
    await expect(host.submit("core.local", { cmd: "true", nope: "1" })).rejects.toThrow(
      /Unknown parameter\(s\): nope/,
    );
    await expect(host.submit("core.local", {})).rejects.toThrow(/cmd/);
  });

  it("does not run the action again when its job is delivered again", async () => {
    const counter = join(dir, "runs");
    const rec = await host.run("core.local", { cmd: `echo x >> ${counter}` });
    await host.backend.executions.update(rec.id, { status: "running" });
    await host.backend.queue.enqueue(rec.id, null, { jobId: `${rec.id}.again` });
    const again = await waitDone(host.backend, rec.id);
    expect(again.result).toEqual(rec.result);
    expect(readFileSync(counter, "utf8")).toBe("x\n");
  });

  it("cancels the running action", async () => {
    const started = Date.now();
    const id = await host.submit("core.local", { cmd: "sleep 10" });
    await new Promise((r) => setTimeout(r, 300));
    expect(await controlExecution(host.backend, id, "pause")).toEqual({
      ok: false,
      error: `execution ${id} runs an action (core.local); only workflows can be paused`,
    });
    expect((await controlExecution(host.backend, id, "cancel")).ok).toBe(true);
    const rec = await waitDone(host.backend, id, 5000);
    expect(rec.status).toBe("canceled");
    expect(Date.now() - started).toBeLessThan(5000);
  }, 10_000);
});
