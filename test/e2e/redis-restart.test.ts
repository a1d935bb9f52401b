// A Redis restart under a running backend: the test starts its own
// redis-server (no persistence) on a free port, restarts it mid-run, and
// checks that the clients reconnect by themselves, that a worker's queue
// consumer goes on taking jobs, and that lost records read as missing
// (so callers can report them) rather than hanging or crashing.

import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { RedisBackend } from "../../runtime/backend/redis/index";

let server: ChildProcess | undefined;

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const p = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return p;
}

async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  await new Promise<void>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("Ready to accept connections")) resolve();
    });
    child.once("exit", (code) =>
      reject(new Error(`redis-server exited (${code}); it is needed here: apt-get install -y redis-server`)),
    );
  });
  return child;
}

async function stopRedis(child: ChildProcess): Promise<void> {
  child.kill("SIGKILL");
  await new Promise((r) => child.once("exit", r));
}

afterAll(async () => {
  if (server && server.exitCode === null) await stopRedis(server);
});

describe("Redis restarted during a run", () => {
  it("reconnects, keeps consuming, and shows lost records as missing", async () => {
    const port = await freePort();
    server = await startRedis(port);
    const backend = new RedisBackend({
      url: `redis://127.0.0.1:${port}`,
      prefix: "restart",
      lockDurationMs: 1000,
      stalledIntervalMs: 500,
    });
    try {
      await backend.ping();
      const seen: string[] = [];
      const consumer = backend.queue.consume(
        async (job) => {
          seen.push(job.execId);
          return { kind: "done" };
        },
        { concurrency: 2 },
      );
      const { record } = await backend.executions.create({ ref: "p.before" });
      await backend.queue.enqueue("before");
      await waitFor(() => seen.includes("before"));

      await stopRedis(server);
      server = await startRedis(port);

      // Redis kept nothing: the record is gone, and says so.
      expect(await backend.executions.get(record.id)).toBeUndefined();
      const { record: after } = await backend.executions.create({ ref: "p.after" });
      expect((await backend.executions.get(after.id))?.ref).toBe("p.after");
      await backend.queue.enqueue("after");
      await waitFor(() => seen.includes("after"), 20_000);
      await consumer.close();
    } finally {
      await backend.close();
    }
  }, 40_000);
});

async function waitFor(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
