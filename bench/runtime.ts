// Runtime benchmark: executions per second and start latency (submit to the
// run starting) for a 10-task workflow, embedded and on Redis with 1, 2 and 4
// worker processes; 40 sequential tasks of 10 ms (floor 0.40 s); worker
// memory with 1,000 executions in flight; and scheduled units (jobs taken
// from the queue) of nested workflows, interpreted vs compiled.
// Run: npx vite-node bench/runtime.ts   (needs Redis on 127.0.0.1:6379, python3)
// Writes bench/results/runtime.json and prints a table.

import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { compile } from "../compiler/compile";
import { translateExpression } from "../compiler/emit/translator";
import { MemoryBackend } from "../runtime/backend/memory/index";
import { RedisBackend } from "../runtime/backend/redis/index";
import type { Backend, ExecutionRecord } from "../runtime/backend/types";
import { COMPLETED } from "../runtime/engine/statuses";
import { createHostServices, type HostServices } from "../runtime/host/services";
import { submitExecution } from "../runtime/host/submit";
import { silentLogger } from "../runtime/observability/logger";
import { closeSharedPythonPool } from "../runtime/runners/python/pool";
import type { PyDict } from "../runtime/stdlib/py/value";
import { startWorker } from "../runtime/worker/worker";
import { bundleForNode } from "../scripts/bundle-for-node";

const ROOT = resolve(import.meta.dirname, "..");
const PACK = join(ROOT, "test/unit/host/fixtures/hostt");
const EXAMPLES = join(ROOT, "examples");
const URL = process.env.ORQC_BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
const N = Number(process.env.N ?? 200);
const results: Record<string, unknown> = { machine: "2 shared cores, Node 20, local Redis", n: N };

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

async function waitAll(backend: Backend, ids: string[], timeoutMs = 300_000): Promise<ExecutionRecord[]> {
  const start = Date.now();
  const done = new Map<string, ExecutionRecord>();
  while (done.size < ids.length) {
    for (const id of ids) {
      if (done.has(id)) continue;
      const r = await backend.executions.get(id);
      if (r && COMPLETED.has(r.status)) done.set(id, r);
    }
    if (Date.now() - start > timeoutMs) throw new Error(`only ${done.size}/${ids.length} done`);
    // Polling costs CPU on the same two cores the workers use: not too often.
    if (done.size < ids.length) await new Promise((r) => setTimeout(r, 100));
  }
  return ids.map((id) => done.get(id)!);
}

async function submitMany(
  services: HostServices,
  target: string,
  inputs: PyDict[],
): Promise<{ ids: string[]; t0: number }> {
  const t0 = performance.now();
  const ids = await Promise.all(
    inputs.map(async (input) => {
      const out = await submitExecution(services, { target, input });
      if (!out.ok) throw new Error(out.error);
      return out.record.id;
    }),
  );
  return { ids, t0 };
}

function summarize(records: ExecutionRecord[], t0: number, t1: number) {
  const failed = records.filter((r) => r.status !== "succeeded").length;
  const latency = records.map((r) => (r.startedAt ?? r.createdAt) - r.createdAt);
  return {
    executionsPerSec: round(records.length / ((t1 - t0) / 1000)),
    startLatencyP50Ms: round(pct(latency, 50)),
    startLatencyP99Ms: round(pct(latency, 99)),
    wallSec: round((t1 - t0) / 1000, 2),
    failed,
  };
}

// ---------------------------------------------------------------- embedded

async function embeddedTen() {
  const backend = new MemoryBackend();
  const worker = startWorker({ backend, packs: [PACK], logger: silentLogger(), concurrency: N });
  await submitMany(worker.services, "hostt.ten", [{}]).then(({ ids }) => waitAll(backend, ids)); // warm up
  const { ids, t0 } = await submitMany(
    worker.services,
    "hostt.ten",
    Array.from({ length: N }, () => ({})),
  );
  const records = await waitAll(backend, ids);
  const t1 = performance.now();
  await worker.close(1000);
  return summarize(records, t0, t1);
}

async function embeddedSeq40() {
  const backend = new MemoryBackend();
  const worker = startWorker({ backend, packs: [PACK], logger: silentLogger(), concurrency: 10 });
  const times: number[] = [];
  for (let i = 0; i < 6; i++) {
    const t0 = performance.now();
    const { ids } = await submitMany(worker.services, "hostt.seq40", [{ ms: 10 }]);
    await waitAll(backend, ids);
    if (i > 0) times.push((performance.now() - t0) / 1000);
  }
  await worker.close(1000);
  return { medianSec: round(pct(times, 50), 3), bestSec: round(Math.min(...times), 3), floorSec: 0.4 };
}

// ---------------------------------------------------------------- Redis, worker processes

let cli = "";

async function workerProcess(prefix: string, concurrency: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      cli,
      "worker",
      "--redis",
      URL,
      "--redis-prefix",
      prefix,
      "--packs",
      PACK,
      "--concurrency",
      String(concurrency),
    ],
    { cwd: ROOT, env: { ...process.env, ORQC_LOG_LEVEL: "error" }, stdio: ["ignore", "pipe", "inherit"] },
  );
  await new Promise<void>((ok, fail) => {
    child.stdout!.on("data", (d: Buffer) => d.toString().includes("ready") && ok());
    child.once("exit", (c) => fail(new Error(`worker exited ${c}`)));
  });
  return child;
}

async function stopAll(children: ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(
      (c) =>
        new Promise((r) => {
          if (c.exitCode !== null) return r(null);
          c.once("exit", r);
          c.kill("SIGTERM");
        }),
    ),
  );
}

async function withRedis<T>(body: (backend: RedisBackend, services: HostServices) => Promise<T>): Promise<T> {
  const backend = new RedisBackend({ url: URL, prefix: `orqcbench-${randomBytes(4).toString("hex")}` });
  await backend.ping();
  const services = createHostServices({ backend, packs: [PACK], logger: silentLogger() });
  try {
    return await body(backend, services);
  } finally {
    await backend.purge();
    await backend.close();
  }
}

async function redisTen(workers: number) {
  return withRedis(async (backend, services) => {
    const children = await Promise.all(
      Array.from({ length: workers }, () => workerProcess(backend.keys.prefix, N)),
    );
    await submitMany(services, "hostt.ten", [{}]).then(({ ids }) => waitAll(backend, ids));
    const { ids, t0 } = await submitMany(
      services,
      "hostt.ten",
      Array.from({ length: N }, () => ({})),
    );
    const records = await waitAll(backend, ids);
    const t1 = performance.now();
    await stopAll(children);
    return summarize(records, t0, t1);
  });
}

async function redisSeq40() {
  return withRedis(async (backend, services) => {
    const [child] = [await workerProcess(backend.keys.prefix, 10)];
    const times: number[] = [];
    for (let i = 0; i < 4; i++) {
      const t0 = performance.now();
      const { ids } = await submitMany(services, "hostt.seq40", [{ ms: 10 }]);
      await waitAll(backend, ids);
      if (i > 0) times.push((performance.now() - t0) / 1000);
    }
    await stopAll([child!]);
    return { medianSec: round(pct(times, 50), 3), bestSec: round(Math.min(...times), 3), floorSec: 0.4 };
  });
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : 0;
}

async function memory1000() {
  return withRedis(async (backend, services) => {
    const child = await workerProcess(backend.keys.prefix, 1000);
    await submitMany(services, "hostt.ten", [{}]).then(({ ids }) => waitAll(backend, ids));
    const idle = rssMb(child.pid!);
    let peak = idle;
    let inFlightPeak = 0;
    const { ids } = await submitMany(
      services,
      "hostt.ten",
      Array.from({ length: 1000 }, () => ({ ms: 400 })),
    );
    const sampler = setInterval(async () => {
      peak = Math.max(peak, rssMb(child.pid!));
      const c = await backend.queue.counts();
      inFlightPeak = Math.max(inFlightPeak, c.active);
    }, 100);
    const records = await waitAll(backend, ids);
    clearInterval(sampler);
    await stopAll([child]);
    return {
      executions: 1000,
      peakActiveJobs: inFlightPeak,
      idleRssMb: round(idle),
      peakRssMb: round(peak),
      perExecutionKb: round(((peak - idle) * 1024) / 1000),
      failed: records.filter((r) => r.status !== "succeeded").length,
    };
  });
}

// ---------------------------------------------------------------- nested: interpreted vs compiled

async function nested(target: string, packs: string[], inputs: PyDict[], bundlesDir?: string) {
  const backend = new MemoryBackend();
  const worker = startWorker({
    backend,
    packs,
    logger: silentLogger(),
    concurrency: 200,
    ...(bundlesDir ? { bundlesDir } : {}),
  });
  const { ids, t0 } = await submitMany(worker.services, target, inputs);
  const records = await waitAll(backend, ids);
  const t1 = performance.now();
  const jobs = worker.stats().jobs;
  const all = await backend.executions.list({ limit: 100_000 });
  await worker.close(1000);
  return {
    executions: ids.length,
    succeeded: records.filter((r) => r.status === "succeeded").length,
    unitsPerExecution: round(jobs / ids.length, 2),
    executionRecordsPerRun: round(all.length / ids.length, 2),
    wallSec: round((t1 - t0) / 1000, 2),
  };
}

async function monitoring() {
  const hosts = (
    JSON.parse(readFileSync(join(EXAMPLES, "monitoring/data/hosts.json"), "utf8")) as {
      hosts: Array<{ name: string; incident_id: string }>;
    }
  ).hosts;
  const server = spawn("python3", [join(EXAMPLES, "itsm-service/server.py"), "0"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((ok) =>
    server.stdout!.on("data", (d: Buffer) => {
      const m = /listening on (\S+)/.exec(d.toString());
      if (m) ok(m[1]!);
    }),
  );
  process.env.ITSM_SERVICE_URL = url;
  process.env.ORQC_TIME_SCALE = "0.01";
  process.env.ORQC_DB_URL = join(mkdtempSync(join(tmpdir(), "orqc-bench-db-")), "m.sqlite");
  const out = mkdtempSync(join(tmpdir(), "orqc-bench-bundles-"));
  await compile({ paths: [EXAMPLES], outDir: out, force: true, translate: translateExpression });
  const inputs = hosts.map((h) => ({ host: h.name, incident_id: h.incident_id }));
  try {
    return {
      workflow: "monitoring.host_check (50 hosts in parallel, ORQC_TIME_SCALE=0.01)",
      interpreted: await nested("monitoring.host_check", [EXAMPLES], inputs),
      compiled: await nested("monitoring.host_check", [EXAMPLES], inputs, out),
    };
  } finally {
    server.kill();
    delete process.env.ORQC_TIME_SCALE;
  }
}

async function main(): Promise<void> {
  cli = join(ROOT, `dist/.bench-runtime-${process.pid}.mjs`);
  await bundleForNode(join(ROOT, "cli/main.ts"), cli);
  const say = (s: string) => process.stderr.write(`${s}\n`);
  say("10-task workflow, embedded ...");
  const ten: Record<string, unknown> = { embedded: await embeddedTen() };
  for (const k of [1, 2, 4]) {
    say(`10-task workflow, Redis, ${k} worker(s) ...`);
    ten[`redis-${k}`] = await redisTen(k);
  }
  results.tenTasks = ten;
  say("40 sequential tasks of 10 ms ...");
  results.seq40 = { embedded: await embeddedSeq40(), redis: await redisSeq40() };
  say("worker memory, 1,000 executions in flight ...");
  results.memory = await memory1000();
  say("nested workflows: interpreted vs compiled ...");
  const out = mkdtempSync(join(tmpdir(), "orqc-bench-hostt-"));
  await compile({ paths: [PACK], outDir: out, force: true, translate: translateExpression });
  const inputs = Array.from({ length: 50 }, (_, i) => ({ n: i }));
  results.nested = {
    workflow: "hostt.parent (2 sub-workflow calls), 50 in parallel",
    interpreted: await nested("hostt.parent", [PACK], inputs),
    compiled: await nested("hostt.parent", [PACK], inputs, out),
  };
  try {
    results.monitoring = await monitoring();
  } catch (e) {
    results.monitoring = { skipped: e instanceof Error ? e.message : String(e) };
  }
  await closeSharedPythonPool();
  mkdirSync(join(ROOT, "bench/results"), { recursive: true });
  writeFileSync(join(ROOT, "bench/results/runtime.json"), `${JSON.stringify(results, null, 2)}\n`);
  printTable();
  (await import("node:fs")).rmSync(cli, { force: true });
}

function printTable(): void {
  const t = results.tenTasks as Record<string, ReturnType<typeof summarize>>;
  const lines = [
    "| 10-task workflow | executions/s | start p50 ms | start p99 ms | failed |",
    "|---|---|---|---|---|",
  ];
  for (const [k, v] of Object.entries(t))
    lines.push(
      `| ${k} | ${v.executionsPerSec} | ${v.startLatencyP50Ms} | ${v.startLatencyP99Ms} | ${v.failed} |`,
    );
  const s = results.seq40 as Record<string, { medianSec: number; bestSec: number }>;
  lines.push("", "| 40 x 10 ms sequential | median s | best s |", "|---|---|---|");
  for (const [k, v] of Object.entries(s)) lines.push(`| ${k} | ${v.medianSec} | ${v.bestSec} |`);
  lines.push("", `memory: ${JSON.stringify(results.memory)}`);
  lines.push(`nested: ${JSON.stringify(results.nested)}`);
  lines.push(`monitoring: ${JSON.stringify(results.monitoring)}`);
  process.stdout.write(`${lines.join("\n")}\n`);
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);
