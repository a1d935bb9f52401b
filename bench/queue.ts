// Per-job cost of the execution queue: BullMQ on the local Redis (the Redis
// backend's queue), against the embedded in-memory queue and a raw Redis
// LPUSH/BRPOP floor. Numbers for docs/adr/0001-queue.md.
// Run: npx vite-node bench/queue.ts   (needs Redis on 127.0.0.1:6379)
// Writes bench/results/queue.json.

import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Redis } from "ioredis";
import { MemoryBackend } from "../runtime/backend/memory/index";
import { RedisBackend } from "../runtime/backend/redis/index";
import type { Backend } from "../runtime/backend/types";

const URL = process.env.ORQC_BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
const JOBS = Number(process.env.JOBS ?? 2000);
const LATENCY_SAMPLES = 200;

interface Row {
  queue: string;
  enqueueUsPerJob: number;
  drain: Record<string, number>;
  latencyP50Ms: number;
  latencyP99Ms: number;
}

async function measure(
  name: string,
  open: () => Promise<Backend & { purge?: () => Promise<void> }>,
): Promise<Row> {
  const drain: Record<string, number> = {};
  let enqueueUs = 0;
  for (const concurrency of [1, 8, 32]) {
    const backend = await open();
    const t0 = performance.now();
    for (let i = 0; i < JOBS; i++) await backend.queue.enqueue(`e${i}`);
    const t1 = performance.now();
    if (concurrency === 1) enqueueUs = ((t1 - t0) * 1000) / JOBS;
    let done = 0;
    const finished = new Promise<void>((resolve) => {
      backend.queue.consume(
        async () => {
          if (++done === JOBS) resolve();
          return { kind: "done" };
        },
        { concurrency },
      );
    });
    const t2 = performance.now();
    await finished;
    drain[`c${concurrency}`] = round(((performance.now() - t2) * 1000) / JOBS);
    await backend.purge?.();
    await backend.close();
  }
  const backend = await open();
  const samples: number[] = [];
  let resolveOne: (() => void) | undefined;
  const consumer = backend.queue.consume(
    async (job) => {
      samples.push(performance.now() - (job.data as number));
      resolveOne?.();
      return { kind: "done" };
    },
    { concurrency: 1 },
  );
  for (let i = 0; i < LATENCY_SAMPLES; i++) {
    const got = new Promise<void>((r) => (resolveOne = r));
    await backend.queue.enqueue(`l${i}`, performance.now());
    await got;
  }
  await consumer.close();
  await backend.purge?.();
  await backend.close();
  samples.sort((a, b) => a - b);
  return {
    queue: name,
    enqueueUsPerJob: round(enqueueUs),
    drain,
    latencyP50Ms: round(samples[Math.floor(samples.length * 0.5)]!, 3),
    latencyP99Ms: round(samples[Math.floor(samples.length * 0.99)]!, 3),
  };
}

/** The floor: one LPUSH and one BRPOP per job, nothing else (no locks, no recovery). */
async function rawRedisFloor(): Promise<number> {
  const key = `orqcbench-raw-${randomBytes(4).toString("hex")}`;
  const push = new Redis(URL);
  const pop = new Redis(URL);
  const t0 = performance.now();
  for (let i = 0; i < JOBS; i++) await push.lpush(key, String(i));
  for (let i = 0; i < JOBS; i++) await pop.brpop(key, 1);
  const us = ((performance.now() - t0) * 1000) / JOBS;
  await push.del(key);
  push.disconnect();
  pop.disconnect();
  return round(us);
}

function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

const rows = [
  await measure("memory (embedded)", async () => new MemoryBackend()),
  await measure("BullMQ on Redis", async () => {
    const b = new RedisBackend({ url: URL, prefix: `orqcbench-${randomBytes(4).toString("hex")}` });
    await b.ping();
    return b;
  }),
];
const floorUs = await rawRedisFloor();

console.log(
  `queue per-job cost, ${JOBS} jobs, noop handler (µs per job; latency = enqueue to handler start, idle worker)`,
);
console.log("| queue | enqueue µs/job | drain c=1 | drain c=8 | drain c=32 | latency p50 ms | p99 ms |");
console.log("|---|---|---|---|---|---|---|");
for (const r of rows) {
  console.log(
    `| ${r.queue} | ${r.enqueueUsPerJob} | ${r.drain.c1} | ${r.drain.c8} | ${r.drain.c32} | ${r.latencyP50Ms} | ${r.latencyP99Ms} |`,
  );
}
console.log(`| raw LPUSH + BRPOP floor | ${floorUs} (push+pop, sequential) | | | | | |`);

const out = {
  generatedAt: new Date().toISOString(),
  jobs: JOBS,
  node: process.version,
  rows,
  rawRedisPushPopUsPerJob: floorUs,
};
const dir = join(import.meta.dirname, "results");
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, "queue.json"), `${JSON.stringify(out, null, 2)}\n`);
process.exit(0);
