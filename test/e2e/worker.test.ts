// Redis workers as real processes (`orqc worker`): runs submitted with
// `orqc run --redis --wait`, child workflows as separate jobs, a long delay
// that frees the slot, cancel, pause and resume, and a graceful SIGTERM.

import type { ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RedisBackend } from "../../runtime/backend/redis/index";
import { openTestRedis, TEST_REDIS_URL } from "../unit/backend/redis-helper";
import { buildCli, exited, HOSTT, orqc, startWorkerProcess, until } from "../unit/host/e2e-support";

let cli: string;
let backend: RedisBackend;
const workers: ChildProcess[] = [];
let redisArgs: string[];

beforeAll(async () => {
  cli = await buildCli("worker");
  backend = await openTestRedis();
  redisArgs = ["--redis", TEST_REDIS_URL, "--redis-prefix", backend.keys.prefix];
  for (let i = 0; i < 2; i++)
    workers.push(
      await startWorkerProcess(cli, [
        ...redisArgs,
        "--packs",
        HOSTT,
        "--concurrency",
        "4",
        "--lock-ms",
        "1000",
      ]),
    );
}, 60_000);

afterAll(async () => {
  for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill("SIGKILL");
  await backend.purge();
  await backend.close();
  rmSync(cli, { force: true });
});

const status = async (id: string) => (await backend.executions.get(id))?.status;

describe("orqc worker on Redis", () => {
  it("runs workflows submitted with orqc run --redis --wait, children as their own jobs", async () => {
    const r = await orqc(cli, [
      "run",
      "hostt.parent",
      ...redisArgs,
      "--packs",
      HOSTT,
      "--wait",
      "-p",
      "n=3",
      "--format",
      "json",
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const rec = JSON.parse(r.stdout);
    expect(rec.result).toEqual({ output: { sum: 14 } });
    const children = await backend.executions.list({ parentId: rec.id });
    expect(children.map((c) => c.status)).toEqual(["succeeded", "succeeded"]);
    const s = await orqc(cli, ["status", rec.id, ...redisArgs]);
    expect(s.stdout).toMatch(/child \S+ hostt.child: succeeded/);
  }, 30_000);

  it("masks secret inputs in every JSON it prints (status, executions, run --wait)", async () => {
    const secret = "hunter2-redis-json";
    const r = await orqc(cli, [
      "run",
      "hostt.secret",
      ...redisArgs,
      "--packs",
      HOSTT,
      "--wait",
      "-p",
      `password=${secret}`,
      "--format",
      "json",
    ]);
    expect(r.code).toBe(0);
    const id = JSON.parse(r.stdout).id as string;
    expect((await backend.executions.get(id))?.input).toEqual({ password: secret }); // kept for replays
    const shown = [
      r,
      await orqc(cli, ["status", id, ...redisArgs, "--format", "json"]),
      await orqc(cli, ["executions", ...redisArgs, "--format", "json"]),
    ];
    for (const out of shown) {
      expect(out.code).toBe(0);
      expect(out.stdout).not.toContain(secret);
    }
    expect(JSON.parse(shown[1]!.stdout).input).toEqual({ password: "********" });
  }, 30_000);

  it("cancels an execution that waits on a long delay", async () => {
    const r = await orqc(cli, ["run", "hostt.delay", ...redisArgs, "--packs", HOSTT, "-p", "n=60"]);
    const id = r.stdout.trim();
    await until(
      async () => (await backend.journal.load(id)).order.some((s) => s.startsWith("~timer")),
      10_000,
      "timer",
    );
    const counts = await backend.queue.counts();
    expect(counts.delayed).toBeGreaterThanOrEqual(1);
    const c = await orqc(cli, ["cancel", id, ...redisArgs]);
    expect(c.code).toBe(0);
    await until(async () => (await status(id)) === "canceled", 10_000, "canceled");
  }, 30_000);

  it("pauses and resumes", async () => {
    // The delay outlasts two CLI starts (`orqc run --redis` alone takes ~3 s on a loaded 2-core machine).
    const r = await orqc(cli, ["run", "hostt.delay", ...redisArgs, "--packs", HOSTT, "-p", "n=8"]);
    const id = r.stdout.trim();
    const p = await orqc(cli, ["pause", id, ...redisArgs]);
    expect(p.stderr).toBe("");
    expect(p.code).toBe(0);
    await until(async () => (await status(id)) === "paused", 10_000, "paused");
    await new Promise((res) => setTimeout(res, 300));
    expect(await status(id)).toBe("paused");
    expect((await orqc(cli, ["resume", id, ...redisArgs])).code).toBe(0);
    await until(async () => (await status(id)) === "succeeded", 10_000, "succeeded");
    expect((await backend.executions.get(id))?.result).toEqual({ output: { msg: "after" } });
  }, 30_000);

  it("stops gracefully on SIGTERM: running steps finish, the rest goes to another worker", async () => {
    const r = await orqc(cli, ["run", "hostt.seq40", ...redisArgs, "--packs", HOSTT, "-p", "ms=50"]);
    const id = r.stdout.trim();
    await until(async () => (await backend.journal.load(id)).order.length >= 3, 20_000, "3 steps");
    workers.push(await startWorkerProcess(cli, [...redisArgs, "--packs", HOSTT, "--lock-ms", "1000"]));
    const stopping = workers.splice(0, 2);
    for (const w of stopping) w.kill("SIGTERM");
    expect(await Promise.all(stopping.map(exited))).toEqual([0, 0]);
    await until(async () => (await status(id)) === "succeeded", 30_000, "succeeded");
    const starts = [...(await backend.journal.load(id)).starts.values()];
    expect(starts).toHaveLength(40);
    expect(starts.every((n) => n === 1)).toBe(true);
  }, 60_000);
});
