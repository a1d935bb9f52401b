// Redis restarted (no persistence) while workers run executions: the worker
// reconnects and goes on with new work; the executions Redis lost are
// reported clearly (the waiting `orqc run --wait` says "was lost" and exits 1,
// `orqc status` says so, the worker logs "execution lost"), never silently
// dropped.

import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RedisBackend } from "../../runtime/backend/redis/index";
import { createHostServices } from "../../runtime/host/services";
import { submitExecution } from "../../runtime/host/submit";
import { silentLogger } from "../../runtime/observability/logger";
import { buildCli, freePort, HOSTT, orqc, ROOT, startRedisServer, until } from "../unit/host/e2e-support";

let cli: string;
let redis: ChildProcess;
let port: number;
let worker: ChildProcess;
let workerLog = "";
const dir = mkdtempSync(join(tmpdir(), "orqc-restart-"));
const runsFile = join(dir, "runs.log");

beforeAll(async () => {
  cli = await buildCli("restart");
  port = await freePort();
  redis = await startRedisServer(port);
  writeFileSync(runsFile, "");
}, 60_000);

afterAll(() => {
  for (const c of [worker, redis]) if (c && c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
  rmSync(cli, { force: true });
});

const runs = () => readFileSync(runsFile, "utf8").split("\n").filter(Boolean);

describe("Redis restarted during a run", () => {
  it("reconnects and goes on; lost executions are reported, not dropped", async () => {
    const url = `redis://127.0.0.1:${port}`;
    worker = spawn(
      process.execPath,
      [
        cli,
        "worker",
        "--redis",
        url,
        "--packs",
        HOSTT,
        "--concurrency",
        "20",
        "--lock-ms",
        "1000",
        "--lease-ms",
        "2000",
      ],
      { cwd: ROOT, env: { ...process.env, ORQC_LOG_LEVEL: "error" }, stdio: ["ignore", "pipe", "pipe"] },
    );
    worker.stderr!.on("data", (d: Buffer) => (workerLog += d.toString()));
    await new Promise<void>((ok) =>
      worker.stdout!.on("data", (d: Buffer) => d.toString().includes("ready") && ok()),
    );

    const backend = new RedisBackend({ url, connectTimeoutMs: 2000 });
    const services = createHostServices({ backend, packs: [HOSTT], logger: silentLogger() });
    const waiting = orqc(cli, [
      "run",
      "hostt.delay",
      "--redis",
      url,
      "--packs",
      HOSTT,
      "--wait",
      "-p",
      "n=20",
    ]);
    // Redis goes down while the client's execution runs (a worker has taken its job; it waits out
    // a 20 s delay), not while the client is still between creating the record and queueing the job;
    // and while the worker runs other executions, started after it, so some are in flight.
    await until(
      async () => (await backend.executions.list({ ref: "hostt.delay" }))[0]?.status === "running",
      30_000,
      "the client's run to be running",
    );
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const out = await submitExecution(services, { target: "hostt.crash", input: { i, runs: runsFile } });
      if (!out.ok) throw new Error(out.error);
      ids.push(out.record.id);
    }
    await until(() => runs().length >= 10, 30_000, "10 action runs");

    redis.kill("SIGKILL");
    await new Promise((r) => redis.once("exit", r));
    redis = await startRedisServer(port);

    // The client waiting on a lost execution says so and exits 1.
    const client = await Promise.race([
      waiting,
      new Promise<never>((_, fail) =>
        setTimeout(() => fail(new Error("the waiting client did not finish in 30 s")), 30_000),
      ),
    ]);
    expect(client.code).toBe(1);
    expect(client.stderr).toMatch(/was lost: its record disappeared from Redis/);
    // Every execution submitted before the restart reads as missing, and status says so.
    const lost = (await Promise.all(ids.map((id) => backend.executions.get(id)))).filter(
      (r) => r === undefined,
    );
    const status = await orqc(cli, ["status", ids[0]!, "--redis", url]);
    expect(status.code).toBe(1);
    expect(status.stderr).toMatch(/lost/);

    // The worker reconnected by itself: new work runs to completion.
    const after: string[] = [];
    for (let i = 0; i < 3; i++) {
      const out = await submitExecution(services, {
        target: "hostt.crash",
        input: { i: 500 + i, runs: runsFile },
      });
      if (!out.ok) throw new Error(out.error);
      after.push(out.record.id);
    }
    await until(
      async () =>
        (await Promise.all(after.map((id) => backend.executions.get(id)))).every(
          (r) => r?.status === "succeeded",
        ),
      30_000,
      "new executions succeeded",
    );
    await until(() => /execution lost/.test(workerLog), 15_000, "the worker to log lost executions");
    const lostLogged = workerLog.split("\n").filter((l) => l.includes("execution lost")).length;
    process.stdout.write(
      `redis restart e2e: ${ids.length + 1} executions before the restart, ${lost.length + 1} lost and reported ` +
        `(client exit ${client.code}, worker logged ${lostLogged} lost runs); ${after.length} submitted after the restart all succeeded\n`,
    );
    expect(lost.length).toBe(ids.length);
    expect(worker.exitCode).toBe(null);
    await backend.close();
    worker.kill("SIGTERM");
  }, 120_000);
});
