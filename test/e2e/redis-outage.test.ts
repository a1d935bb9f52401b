// Redis gone for good while a client command waits on it: `orqc run --redis
// --wait` gives up after --redis-timeout with ORQ0003 (exit 1) instead of
// retrying for minutes; a Redis that comes back within the limit is waited for
// (worker-redis-restart.test.ts covers that path).

import type { ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RedisBackend } from "../../runtime/backend/redis/index";
import { BackendUnavailableError } from "../../runtime/backend/types";
import { buildCli, freePort, HOSTT, orqc, startRedisServer, until } from "../unit/host/e2e-support";

let cli: string;
let redis: ChildProcess | undefined;

beforeAll(async () => {
  cli = await buildCli("outage");
}, 60_000);

afterAll(() => {
  if (redis && redis.exitCode === null && redis.signalCode === null) redis.kill("SIGKILL");
  rmSync(cli, { force: true });
});

describe("Redis unreachable while a client waits", () => {
  it("orqc run --redis --wait gives up after --redis-timeout with ORQ0003", async () => {
    const port = await freePort();
    redis = await startRedisServer(port);
    const url = `redis://127.0.0.1:${port}`;
    const backend = new RedisBackend({ url, connectTimeoutMs: 2000 });
    // No worker: the execution stays queued and the client keeps waiting on it.
    const waiting = orqc(cli, [
      "run",
      "hostt.delay",
      "--redis",
      url,
      "--packs",
      HOSTT,
      "--wait",
      "--redis-timeout",
      "2",
      "-p",
      "n=1",
    ]);
    await until(async () => (await backend.executions.list({ ref: "hostt.delay" })).length > 0, 30_000);
    await backend.close();
    redis.kill("SIGKILL");
    const killedAt = Date.now();
    const client = await waiting;
    const seconds = (Date.now() - killedAt) / 1000;
    expect(client.code).toBe(1);
    expect(client.stderr).toMatch(/ORQ0003/);
    expect(client.stderr).toMatch(/Redis at redis:\/\/127\.0\.0\.1:\d+/);
    expect(client.stderr).not.toMatch(/internal error|\n\s+at /);
    // 2 s of outage, the queue's 2 s grace on close, and process start-up; before, about 90 s.
    expect(seconds).toBeLessThan(12);
  }, 60_000);

  it("the watch fires only after the connection stayed down for the whole limit", async () => {
    const port = await freePort();
    const server = await startRedisServer(port);
    const backend = new RedisBackend({ url: `redis://127.0.0.1:${port}`, connectTimeoutMs: 2000 });
    try {
      await backend.ping();
      const watch = backend.watchOutage(700);
      let failedAt = 0;
      watch.failed.catch(() => {
        failedAt = Date.now();
      });
      await new Promise((r) => setTimeout(r, 900));
      expect(failedAt).toBe(0);
      server.kill("SIGKILL");
      const downAt = Date.now();
      await expect(watch.failed).rejects.toBeInstanceOf(BackendUnavailableError);
      expect(failedAt - downAt).toBeGreaterThanOrEqual(600);
      watch.stop();
    } finally {
      if (server.exitCode === null && server.signalCode === null) server.kill("SIGKILL");
      await backend.close();
    }
  }, 30_000);
});
