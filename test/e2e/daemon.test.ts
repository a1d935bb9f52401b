// `orqc daemon --workers K`: forks K workers, restarts one that is killed,
// serves runs, and stops them all on SIGTERM.

import { type ChildProcess, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RedisBackend } from "../../runtime/backend/redis/index";
import { openTestRedis, TEST_REDIS_URL } from "../unit/backend/redis-helper";
import { buildCli, exited, HOSTT, orqc, ROOT, until } from "../unit/host/e2e-support";

let cli: string;
let backend: RedisBackend;
let daemon: ChildProcess | undefined;
let log = "";

beforeAll(async () => {
  cli = await buildCli("daemon");
  backend = await openTestRedis();
}, 60_000);

afterAll(async () => {
  if (daemon && daemon.exitCode === null) daemon.kill("SIGKILL");
  for (const m of log.matchAll(/pid (\d+)/g)) {
    try {
      process.kill(Number(m[1]), "SIGKILL");
    } catch {
      // already gone
    }
  }
  await backend.purge();
  await backend.close();
  rmSync(cli, { force: true });
});

const pids = () => [...log.matchAll(/worker \d+ started \(pid (\d+)\)/g)].map((m) => Number(m[1]));

describe("orqc daemon", () => {
  it("forks workers, restarts a dead one, and stops all on SIGTERM", async () => {
    const redis = ["--redis", TEST_REDIS_URL, "--redis-prefix", backend.keys.prefix];
    daemon = spawn(
      process.execPath,
      [cli, "daemon", "--workers", "2", ...redis, "--packs", HOSTT, "--lock-ms", "1000"],
      {
        cwd: ROOT,
        env: { ...process.env, ORQC_LOG_LEVEL: "error" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    daemon.stderr!.on("data", (d: Buffer) => (log += d.toString()));
    await until(() => pids().length === 2, 20_000, "two workers");
    process.kill(pids()[0]!, "SIGKILL");
    await until(
      () => /died \(SIGKILL\); restarting/.test(log) && pids().length === 3,
      20_000,
      "a restarted worker",
    );
    const r = await orqc(cli, [
      "run",
      "hostt.parent",
      ...redis,
      "--packs",
      HOSTT,
      "--wait",
      "-p",
      "n=1",
      "--format",
      "json",
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).result).toEqual({ output: { sum: 6 } });
    daemon.kill("SIGTERM");
    expect(await exited(daemon)).toBe(0);
    expect(log).toContain("all workers stopped");
    for (const pid of pids()) expect(() => process.kill(pid, 0)).toThrow();
  }, 60_000);
});
