// Support for the runtime e2e tests (test/e2e/{run,worker,crash,daemon}*):
// the CLI bundled once per test file, worker processes that say when they are
// ready, and a private redis-server for restart tests.

import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { resolve } from "node:path";
import type { RedisBackend } from "../../../runtime/backend/redis/index";
import { bundleForNode } from "../../../scripts/bundle-for-node";
import { openTestRedis, TEST_REDIS_URL } from "../backend/redis-helper";

export const ROOT = resolve(import.meta.dirname, "../../..");
export const HOSTT = resolve(import.meta.dirname, "fixtures/hostt");

export async function buildCli(name: string): Promise<string> {
  const out = resolve(ROOT, `dist/.e2e-${name}-${process.pid}.mjs`);
  await bundleForNode(resolve(ROOT, "cli/main.ts"), out);
  return out;
}

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function orqcSync(cli: string, args: string[], env: Record<string, string> = {}): CliResult {
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, ORQC_LOG_LEVEL: "warn", ...env },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function orqc(cli: string, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: ROOT,
      env: { ...process.env, ORQC_LOG_LEVEL: "warn", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.once("exit", (code) => done({ code, stdout, stderr }));
  });
}

/** Starts `orqc worker ...` and resolves once it printed its ready line. */
export function startWorkerProcess(
  cli: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<ChildProcess> {
  const child = spawn(process.execPath, [cli, "worker", ...args], {
    cwd: ROOT,
    env: { ...process.env, ORQC_LOG_LEVEL: "error", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((ok, fail) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("ready")) ok(child);
    });
    child.once("exit", (code) => fail(new Error(`worker exited early (${code}): ${out}`)));
  });
}

/** A worker process on a fresh test Redis prefix, and the flags that reach it. */
export interface RedisWorker {
  readonly backend: RedisBackend;
  readonly worker: ChildProcess;
  readonly redisArgs: string[];
  /** Kills the worker, empties the prefix, closes the connection. */
  stop(): Promise<void>;
}

export async function startWorkerOnTestRedis(cli: string, args: string[]): Promise<RedisWorker> {
  const backend = await openTestRedis();
  const redisArgs = ["--redis", TEST_REDIS_URL, "--redis-prefix", backend.keys.prefix];
  const worker = await startWorkerProcess(cli, [...redisArgs, ...args]);
  return {
    backend,
    worker,
    redisArgs,
    async stop() {
      if (worker.exitCode === null && worker.signalCode === null) worker.kill("SIGKILL");
      await backend.purge();
      await backend.close();
    },
  };
}

export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((r) => child.once("exit", (code) => r(code)));
}

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const p = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return p;
}

/** A redis-server without persistence on `port` (what a restart loses, it loses). */
export async function startRedisServer(port: number): Promise<ChildProcess> {
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  await new Promise<void>((ok, fail) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("Ready to accept connections")) ok();
    });
    child.once("exit", (code) => fail(new Error(`redis-server exited (${code})`)));
  });
  return child;
}

export async function until(
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  what = "condition",
): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
