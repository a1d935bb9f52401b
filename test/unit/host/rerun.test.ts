// Re-running a workflow from chosen tasks on the host (runtime/host/rerun.ts):
// what ran before them is replayed from the journal, not run again; they and
// what follows them run; an inlined sub-workflow (compiled) re-runs from its
// own failed task. Interpreted and compiled give the same outputs.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compile } from "../../../compiler/compile";
import { translateExpression } from "../../../compiler/emit/translator";
import { submitRerunFromTasks } from "../../../runtime/host/rerun";
import { closeSharedPythonPool } from "../../../runtime/runners/python/pool";
import { type Embedded, embedded, PACK as HOSTT, waitDone } from "./helpers";

const RERUNT = join(import.meta.dirname, "fixtures/rerunt");
const dir = mkdtempSync(join(tmpdir(), "orqc-rerun-"));
const bundles = mkdtempSync(join(tmpdir(), "orqc-rerun-bundles-"));
const hosts: Record<"interpreted" | "compiled", Embedded> = {} as never;
let n = 0;

beforeAll(async () => {
  const out = await compile({
    paths: [RERUNT, HOSTT],
    outDir: bundles,
    force: true,
    translate: translateExpression,
  });
  expect(out.reports.filter((r) => r.status === "failed")).toEqual([]);
  hosts.interpreted = embedded({ packs: [HOSTT, RERUNT] });
  hosts.compiled = embedded({ packs: [HOSTT, RERUNT], bundlesDir: bundles });
}, 60_000);

afterAll(async () => {
  for (const h of Object.values(hosts)) await h.close();
  await closeSharedPythonPool();
  rmSync(dir, { recursive: true, force: true });
  rmSync(bundles, { recursive: true, force: true });
});

/** A fresh runs file and a flag path that does not exist yet. */
function files() {
  n += 1;
  const runs = join(dir, `runs-${n}`);
  writeFileSync(runs, "");
  return { runs, flag: join(dir, `flag-${n}`) };
}
const runsOf = (path: string) => readFileSync(path, "utf8").trim().split("\n").filter(Boolean).sort();

/**
 * The workflow fails as soon as b fails, as in Orquesta; p, still running then, is journaled when it ends
 * (a re-run asked for before that would run it again).
 */
async function journaled(host: Embedded, id: string, step: string): Promise<void> {
  for (let i = 0; i < 200 && !(await host.backend.journal.get(id, step)); i++)
    await new Promise((r) => setTimeout(r, 10));
}

describe.each(["interpreted", "compiled"] as const)("re-run from tasks (%s)", (mode) => {
  it("replays what ran before the failed task and runs it and what follows", async () => {
    const host = hosts[mode];
    const { runs, flag } = files();
    const first = await host.run("rerunt.flow", { runs, flag });
    expect(first.status).toBe("failed");
    await journaled(host, first.id, "p/0/-/0");
    expect(runsOf(runs)).toEqual(["1 a", "1 p"]);
    writeFileSync(flag, "");
    const out = await submitRerunFromTasks(host.worker.services, first, { tasks: ["b"], noReset: [] });
    expect(out.ok).toBe(true);
    const again = await waitDone(host.backend, out.ok ? out.record.id : "");
    expect(again.status).toBe("succeeded");
    expect(again.result).toEqual({ output: { last: 3 } });
    // a and p were not run again; c ran once
    expect(runsOf(runs)).toEqual(["1 a", "1 c", "1 p"]);
    expect((again.context as { rerunOf?: string }).rerunOf).toBe(first.id);
  }, 30_000);

  it("re-runs a failed sub-workflow call from the sub-workflow's failed task", async () => {
    const host = hosts[mode];
    const { runs, flag } = files();
    const first = await host.run("rerunt.nested", { runs, flag });
    expect(first.status).toBe("failed");
    if (mode === "compiled") await journaled(host, first.id, "call@0.-.0|p/0/-/0");
    else await new Promise((r) => setTimeout(r, 300));
    expect(runsOf(runs)).toEqual(["1 a", "1 p", "2 first"]);
    writeFileSync(flag, "");
    const out = await submitRerunFromTasks(host.worker.services, first, { tasks: ["call"], noReset: [] });
    expect(out.ok).toBe(true);
    const again = await waitDone(host.backend, out.ok ? out.record.id : "");
    expect(again.status).toBe("succeeded");
    expect(again.result).toEqual({ output: { last: 3 } });
    const expected =
      mode === "compiled"
        ? ["1 a", "1 c", "1 p", "2 after", "2 first"] // the inlined sub-workflow resumes at b
        : ["1 a", "1 a", "1 c", "1 p", "1 p", "2 after", "2 first"]; // a child execution runs again whole
    expect(runsOf(runs)).toEqual(expected);
  }, 30_000);

  it("refuses what cannot be re-run", async () => {
    const host = hosts[mode];
    const { runs, flag } = files();
    const first = await host.run("rerunt.flow", { runs, flag });
    const nope = await submitRerunFromTasks(host.worker.services, first, { tasks: ["zz"], noReset: [] });
    expect(nope).toMatchObject({ ok: false, error: expect.stringContaining('no task "zz"') });
    const never = await submitRerunFromTasks(host.worker.services, first, { tasks: ["c"], noReset: [] });
    expect(never).toMatchObject({ ok: false, error: expect.stringContaining('task "c" ran no action') });
  }, 30_000);
});
