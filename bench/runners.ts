// Per-call cost of the action runners, and the point of the Python pool: a
// StackStorm Python action run in a warm process against a fresh Python
// process per call (what StackStorm does), measured in the same run.
// Run: npx vite-node bench/runners.ts   Writes bench/results/runners.json.

import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { MemoryKvStore } from "../runtime/backend/memory/index";
import { aesCipher, Datastore } from "../runtime/datastore/index";
import { PythonPool, type RunnerContext, RunnerRegistry } from "../runtime/runners/index";
import { writeTestPack } from "../test/unit/runners/python-pack";

const WARM_CALLS = Number(process.env.WARM_CALLS ?? 200);
const FRESH_CALLS = Number(process.env.FRESH_CALLS ?? 40);

const registry = new RunnerRegistry();
const pack = writeTestPack("benchpack");
const datastore = new Datastore(new MemoryKvStore(), aesCipher(Buffer.alloc(32, 7)));
const config = { greeting: "Hello", api: { region: "eu" } };

async function perCall(
  calls: number,
  fn: () => Promise<unknown>,
): Promise<{ meanMs: number; p50Ms: number; p99Ms: number }> {
  await fn(); // warm-up (process start for the pool, module load)
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  return {
    meanMs: round(mean),
    p50Ms: round(times[Math.floor(times.length / 2)]!),
    p99Ms: round(times[Math.min(times.length - 1, Math.floor(times.length * 0.99))]!),
  };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

const pyCtx = (pool: PythonPool, file: string): RunnerContext => ({
  action: {
    ref: `benchpack.${file}`,
    pack: "benchpack",
    runnerType: "python-script",
    entryPoint: pack.action(`${file}.py`),
  },
  config,
  datastore,
  pythonPool: pool,
});

const warmPool = new PythonPool({ size: 1 });
const freshPool = new PythonPool({ size: 1, reuse: false });
const check = async (p: Promise<{ status: string }>) => {
  const r = await p;
  if (r.status !== "succeeded") throw new Error(`bench action failed: ${JSON.stringify(r)}`);
};

const rows: Record<string, { meanMs: number; p50Ms: number; p99Ms: number; calls: number }> = {};
const add = async (name: string, calls: number, fn: () => Promise<{ status: string }>) => {
  rows[name] = { ...(await perCall(calls, () => check(fn()))), calls };
};

await add("noop", 2000, () => registry.runAction("noop", {}, {}));
await add("echo (in-process path)", 2000, () => registry.runAction("echo", { message: "hello" }, {}));
await add("local-shell-cmd `true`", 100, () => registry.runAction("local-shell-cmd", { cmd: "true" }, {}));
await add("python-script noop, warm pool", WARM_CALLS, () =>
  registry.runAction("python-script", {}, pyCtx(warmPool, "noop")),
);
await add("python-script noop, fresh process per call", FRESH_CALLS, () =>
  registry.runAction("python-script", {}, pyCtx(freshPool, "noop")),
);
await add("python-script greet (config), warm pool", WARM_CALLS, () =>
  registry.runAction("python-script", { name: "x" }, pyCtx(warmPool, "greet")),
);
await add("python-script greet (config), fresh process", FRESH_CALLS, () =>
  registry.runAction("python-script", { name: "x" }, pyCtx(freshPool, "greet")),
);
await add("python-script datastore get/set, warm pool", WARM_CALLS, () =>
  registry.runAction("python-script", { key: "count.bench" }, pyCtx(warmPool, "kv")),
);

const ratio = round(
  rows["python-script noop, fresh process per call"]!.meanMs / rows["python-script noop, warm pool"]!.meanMs,
);
const ratioGreet = round(
  rows["python-script greet (config), fresh process"]!.meanMs /
    rows["python-script greet (config), warm pool"]!.meanMs,
);

console.log("| runner | calls | mean ms | p50 ms | p99 ms |");
console.log("|---|---|---|---|---|");
for (const [name, r] of Object.entries(rows))
  console.log(`| ${name} | ${r.calls} | ${r.meanMs} | ${r.p50Ms} | ${r.p99Ms} |`);
console.log(
  `python warm pool vs fresh process per call: ${ratio}x faster (noop action), ${ratioGreet}x (greet action)`,
);

const dir = join(import.meta.dirname, "results");
mkdirSync(dir, { recursive: true });
writeFileSync(
  join(dir, "runners.json"),
  `${JSON.stringify({ generatedAt: new Date().toISOString(), node: process.version, rows, pythonFreshOverWarm: { noop: ratio, greet: ratioGreet } }, null, 2)}\n`,
);
await warmPool.close();
await freshPool.close();
rmSync(pack.root, { recursive: true, force: true });
process.exit(0);
