// Compiled bundles on the host: inlined sub-workflows run as in-process child
// regions (one job in all), the expression table renders, traces keep the
// original task names with their unit, and a replay of the finished journal
// reaches the same output without running anything again.

import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compile } from "../../../compiler/compile";
import { translateExpression } from "../../../compiler/emit/translator";
import { closeSharedPythonPool } from "../../../runtime/runners/python/pool";
import {
  type Embedded,
  embedded,
  errorTaskIds,
  expectRemediatedFailure,
  PACK,
  tempMarker,
  waitDone,
} from "./helpers";

const out = mkdtempSync(join(tmpdir(), "orqc-host-bundles-"));
let host: Embedded;

beforeAll(async () => {
  const result = await compile({ paths: [PACK], outDir: out, force: true, translate: translateExpression });
  expect(result.reports.filter((r) => r.status === "failed")).toEqual([]);
  host = embedded({ bundlesDir: out });
}, 60_000);

afterAll(async () => {
  await host.close();
  await closeSharedPythonPool();
});

describe("compiled bundles", () => {
  it("runs inlined sub-workflows in one job, with the interpreter's output", async () => {
    const rec = await host.run("hostt.parent", { n: 4 });
    expect(rec.status).toBe("succeeded");
    expect(rec.result).toEqual({ output: { sum: 18 } });
    expect(await host.backend.executions.list({ parentId: rec.id })).toEqual([]);
    expect(host.worker.stats().perExecution.get(rec.id)).toBe(1);
    const trace = (rec.context as { trace: Array<{ ev: string; unit: string; task?: string }> }).trace;
    const units = trace.filter((e) => e.ev === "task.finished").map((e) => `${e.unit}:${e.task}`);
    expect(units.filter((u) => u === "hostt.child:double")).toHaveLength(2);
  });

  it("replays a finished journal to the same output", async () => {
    const rec = await host.run("hostt.parent", { n: 7 });
    await host.backend.executions.update(rec.id, { status: "running" });
    await host.backend.queue.enqueue(rec.id, null, { jobId: `${rec.id}.again` });
    const again = await waitDone(host.backend, rec.id);
    expect(again.result).toEqual(rec.result);
    const trace = (again.context as { trace: Array<{ ev: string; step?: string; replayed?: boolean }> })
      .trace;
    const actions = trace.filter((e) => e.ev === "task.finished" && e.step);
    expect(actions.length).toBe(2);
    expect(actions.every((e) => e.replayed)).toBe(true);
  });

  it("lets a remediation next to a fail command finish, as the interpreter does", async () => {
    const marker = tempMarker("recovered");
    expectRemediatedFailure(await host.run("hostt.failmanual", { marker }), marker);
  }, 20_000);

  it("waits the same way inside an inlined sub-workflow", async () => {
    const marker = tempMarker("recovered");
    const rec = await host.run("hostt.failparent", { marker });
    expect(rec.status).toBe("failed");
    expect(existsSync(marker)).toBe(true);
    expect(host.worker.stats().perExecution.get(rec.id)).toBe(1);
    const [call] = (rec.result as { errors: Array<{ task_id?: string; result?: unknown }> }).errors;
    expect(call?.task_id).toBe("call");
    expect(errorTaskIds(call?.result)).toEqual(["task1", "fail", "recover"]);
  }, 20_000);
});
