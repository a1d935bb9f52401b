// kill -9 of a worker process in the middle of many executions on Redis:
// another worker takes the stalled jobs over (BullMQ stalled-job recovery)
// and replays them from the journal. Checks: every execution finishes with
// the right output; no step that had completed runs again; a step in flight
// at the kill runs at most once more. Prints the counts.

import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RedisBackend } from "../../runtime/backend/redis/index";
import { bundleForNode } from "../../scripts/bundle-for-node";
import { openTestRedis, TEST_REDIS_URL } from "../unit/backend/redis-helper";

const dir = mkdtempSync(join(tmpdir(), "orqc-crash-"));
// Inside the checkout so that the bundle resolves ioredis/bullmq from node_modules.
const workerJs = join(import.meta.dirname, "../../node_modules/.cache/orqc-e2e", `worker-${process.pid}.mjs`);
const runsFile = join(dir, "runs.log");
const EXECUTIONS = 40;
const STEPS = 5;
let backend: RedisBackend;
const children: ChildProcess[] = [];

beforeAll(async () => {
  backend = await openTestRedis();
  await bundleForNode(join(import.meta.dirname, "redis-crash-worker.ts"), workerJs);
  writeFileSync(runsFile, "");
});

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  await backend.purge();
  await backend.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(workerJs, { force: true });
});

function startWorker(): Promise<ChildProcess> {
  const child = spawn("node", [workerJs], {
    cwd: join(import.meta.dirname, "../.."),
    env: {
      ...process.env,
      REDIS_URL: TEST_REDIS_URL,
      PREFIX: backend.keys.prefix,
      RUNS_FILE: runsFile,
      STEPS: String(STEPS),
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout!.once("data", () => resolve(child));
    child.once("exit", (code) => reject(new Error(`worker exited early (${code})`)));
  });
}

const runs = () => readFileSync(runsFile, "utf8").split("\n").filter(Boolean);

async function until(check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("kill -9 of a Redis worker", () => {
  it("finishes every execution; completed steps never run again", async () => {
    const ids: string[] = [];
    for (let i = 0; i < EXECUTIONS; i++) {
      const { record } = await backend.executions.create({ ref: "crash.test", input: { i } });
      ids.push(record.id);
      await backend.queue.enqueue(record.id);
    }
    const first = await startWorker();
    await until(() => runs().length >= 60, 20_000);
    first.kill("SIGKILL");
    await new Promise((r) => first.once("exit", r));

    // What the journal held at the moment of the kill: those steps must never run again.
    const completedAtKill = new Set<string>();
    for (const id of ids) {
      const snap = await backend.journal.load(id);
      for (const step of snap.order) completedAtKill.add(`${id} ${step.split("/")[0]}`);
    }
    const runsAtKill = runs();
    const inFlightAtKill = new Set(runsAtKill.filter((r) => !completedAtKill.has(r)));

    await startWorker();
    await until(
      async () => (await backend.executions.list({ status: "succeeded", limit: 1000 })).length === EXECUTIONS,
      30_000,
    );

    const counts = new Map<string, number>();
    for (const r of runs()) counts.set(r, (counts.get(r) ?? 0) + 1);
    const rerunCompleted = [...completedAtKill].filter((k) => (counts.get(k) ?? 0) > 1);
    const rerunInFlight = [...inFlightAtKill].filter((k) => (counts.get(k) ?? 0) > 1);
    const overRerun = [...inFlightAtKill].filter((k) => (counts.get(k) ?? 0) > 2);
    const outputs = await Promise.all(ids.map((id) => backend.executions.get(id)));
    const wrong = outputs.filter(
      (r) => JSON.stringify(r?.result) !== JSON.stringify({ output: { total: 100 } }),
    );
    process.stdout.write(
      `crash e2e: ${EXECUTIONS} executions, ${runsAtKill.length} action runs before kill -9 ` +
        `(${completedAtKill.size} completed, ${inFlightAtKill.size} in flight); after recovery: ` +
        `${counts.size} distinct steps, ${runs().length} runs, completed re-run ${rerunCompleted.length}, ` +
        `in-flight re-run ${rerunInFlight.length} (more than once: ${overRerun.length}), wrong outputs ${wrong.length}\n`,
    );
    expect(counts.size).toBe(EXECUTIONS * STEPS);
    expect(rerunCompleted).toEqual([]);
    expect(overRerun).toEqual([]);
    expect(wrong).toEqual([]);
    expect(inFlightAtKill.size).toBeGreaterThan(0);
  }, 60_000);
});
