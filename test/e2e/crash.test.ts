// The kill -9 test: 100 running workflows (shell and python actions
// with short sleeps, a parallel split and a join) on two `orqc worker`
// processes; one is killed with SIGKILL mid-way and a replacement started.
// All 100 must finish with the right outputs; no action that had completed
// (was in a journal) runs again; an action in flight at the kill runs at most
// once more. Every real action run appends "<i> <task>" to a file, and the
// test prints the counts.

import type { ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RedisBackend } from "../../runtime/backend/redis/index";
import { createHostServices } from "../../runtime/host/services";
import { submitExecution } from "../../runtime/host/submit";
import { silentLogger } from "../../runtime/observability/logger";
import { openTestRedis, TEST_REDIS_URL } from "../unit/backend/redis-helper";
import { buildCli, exited, HOSTT, startWorkerProcess, until } from "../unit/host/e2e-support";

const N = 100;
let cli: string;
let backend: RedisBackend;
const dir = mkdtempSync(join(tmpdir(), "orqc-crash-"));
const runsFile = join(dir, "runs.log");
const workers: ChildProcess[] = [];
let args: string[];

beforeAll(async () => {
  cli = await buildCli("crash");
  backend = await openTestRedis();
  writeFileSync(runsFile, "");
  args = [
    "--redis",
    TEST_REDIS_URL,
    "--redis-prefix",
    backend.keys.prefix,
    "--packs",
    HOSTT,
    "--concurrency",
    "40",
    "--lock-ms",
    "1000",
    "--lease-ms",
    "3000",
  ];
}, 60_000);

afterAll(async () => {
  for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill("SIGKILL");
  await backend.purge();
  await backend.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(cli, { force: true });
});

const runs = () => readFileSync(runsFile, "utf8").split("\n").filter(Boolean);

describe("kill -9 of a worker in the middle of 100 workflows", () => {
  it("finishes all 100 with the right outputs; completed actions never run again", async () => {
    workers.push(await startWorkerProcess(cli, args), await startWorkerProcess(cli, args));
    const services = createHostServices({ backend, packs: [HOSTT], logger: silentLogger() });
    const ids: string[] = [];
    for (let i = 0; i < N; i++) {
      const out = await submitExecution(services, { target: "hostt.crash", input: { i, runs: runsFile } });
      if (!out.ok) throw new Error(out.error);
      ids.push(out.record.id);
    }
    await until(() => runs().length >= 150, 60_000, "150 action runs");
    const victim = workers[0]!;
    victim.kill("SIGKILL");
    await exited(victim);
    const runsAtKill = runs();
    const completedAtKill = new Set<string>();
    for (const [i, id] of ids.entries()) {
      for (const step of (await backend.journal.load(id)).order)
        if (!step.startsWith("~")) completedAtKill.add(`${i} ${step.split("/")[0]}`);
    }
    const inFlightAtKill = new Set(runsAtKill.filter((r) => !completedAtKill.has(r)));
    workers.push(await startWorkerProcess(cli, args));
    await until(
      async () =>
        (await backend.executions.list({ status: "succeeded", limit: 10_000 })).filter((r) => !r.parentId)
          .length === N,
      90_000,
      "all executions succeeded",
    );
    const counts = new Map<string, number>();
    for (const r of runs()) counts.set(r, (counts.get(r) ?? 0) + 1);
    const rerunCompleted = [...completedAtKill].filter((k) => (counts.get(k) ?? 0) > 1);
    const rerunInFlight = [...inFlightAtKill].filter((k) => (counts.get(k) ?? 0) === 2);
    const overRerun = [...inFlightAtKill].filter((k) => (counts.get(k) ?? 0) > 2);
    const records = await Promise.all(ids.map((id) => backend.executions.get(id)));
    const wrong = records.filter(
      (r, i) => JSON.stringify(r?.result) !== JSON.stringify({ output: { total: 11 * i + 1 } }),
    );
    process.stdout.write(
      `crash e2e (host): ${N} workflows, ${runsAtKill.length} action runs before kill -9 ` +
        `(${completedAtKill.size} completed in journals, ${inFlightAtKill.size} in flight); after recovery: ` +
        `${counts.size} distinct actions, ${runs().length} runs; completed actions re-run: ${rerunCompleted.length}; ` +
        `in-flight actions re-run once: ${rerunInFlight.length}, more than once: ${overRerun.length}; ` +
        `wrong outputs: ${wrong.length}\n`,
    );
    expect(wrong).toEqual([]);
    expect(counts.size).toBe(N * 4);
    expect(rerunCompleted).toEqual([]);
    expect(overRerun).toEqual([]);
    expect(inFlightAtKill.size).toBeGreaterThan(0);
  }, 150_000);
});
