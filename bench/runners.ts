// Per-call cost of the action runners, and the point of the Python pool: a
// StackStorm Python action run in a warm process against a fresh Python
// process per call (what StackStorm does), measured in the same run; and the
// point of the process launcher: local commands from a process with a large
// heap, forked directly or started by the launcher.
// Run: npx vite-node bench/runners.ts   Writes bench/results/runners.json.

import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { MemoryKvStore } from "../runtime/backend/memory/index";
import { aesCipher, Datastore } from "../runtime/datastore/index";
import {
  closeSharedLauncher,
  PythonPool,
  type RunnerContext,
  RunnerRegistry,
} from "../runtime/runners/index";
import { readyLauncher } from "../runtime/runners/launcher/launcher";
import { writeTestPack } from "../test/unit/runners/python-pack";
import { procStat } from "./seed/proc-stats";

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

// Local commands from a process that holds a large heap, as a busy worker does:
// started by fork() of this process, or by the process launcher (its Python
// or its Node program). The launcher's point is this process's CPU per command
// (time its event loop cannot serve anything else), measured here with
// process.cpuUsage; the launcher's own CPU per command is read from /proc.
const ballast: object[] = [];
for (let i = 0; i < 2_500_000; i++) ballast.push({ i, s: `item ${i}` });
const heapMb = round(process.memoryUsage().rss / 1e6);
type CommandStart = "direct" | "python" | "node";
/** Own CPU ms (user + system) of a process, from /proc. */
function ownCpuMs(pid: number | undefined): number {
  return pid === undefined ? 0 : (procStat(pid)?.selfCpu ?? 0) * 1000;
}
async function shellFromBigHeap(mode: CommandStart) {
  await closeSharedLauncher();
  process.env.ORQC_PROCESS_LAUNCHER = mode === "direct" ? "0" : mode;
  let launcher: ReturnType<typeof readyLauncher>;
  if (mode !== "direct") {
    const until = Date.now() + 10_000;
    while (!(launcher = readyLauncher()) && Date.now() < until) {
      await check(registry.runAction("local-shell-cmd", { cmd: "true" }, {}));
      await new Promise((r) => setTimeout(r, 10));
    }
    if (!launcher) throw new Error(`the ${mode} launcher did not start`);
  }
  const calls = 200;
  const cpu0 = process.cpuUsage();
  const launcherCpu0 = ownCpuMs(launcher?.pid);
  const timing = await perCall(calls, () =>
    check(registry.runAction("local-shell-cmd", { cmd: "true" }, {})),
  );
  const cpu = process.cpuUsage(cpu0);
  return {
    ...timing,
    calls,
    cpuMsPerCall: round((cpu.user + cpu.system) / 1000 / (calls + 1)),
    launcherCpuMsPerCall: round((ownCpuMs(launcher?.pid) - launcherCpu0) / (calls + 1)),
  };
}
const bigHeap = {
  rssMb: heapMb,
  direct: await shellFromBigHeap("direct"),
  python: await shellFromBigHeap("python"),
  node: await shellFromBigHeap("node"),
};
delete process.env.ORQC_PROCESS_LAUNCHER;
ballast.length = 0;
await closeSharedLauncher();

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
console.log(`\nlocal-shell-cmd \`true\` from a process of ${bigHeap.rssMb} MB RSS (200 calls each):`);
console.log(
  "| started by | mean ms | p50 ms | p99 ms | this process's CPU ms per call | launcher's CPU ms per call |",
);
console.log("|---|---|---|---|---|---|");
const startedBy: Record<CommandStart, string> = {
  direct: "fork of this process",
  python: "Python launcher",
  node: "Node launcher",
};
for (const mode of ["direct", "python", "node"] as const) {
  const r = bigHeap[mode];
  console.log(
    `| ${startedBy[mode]} | ${r.meanMs} | ${r.p50Ms} | ${r.p99Ms} | ${r.cpuMsPerCall} | ${r.launcherCpuMsPerCall} |`,
  );
}

const dir = join(import.meta.dirname, "results");
mkdirSync(dir, { recursive: true });
writeFileSync(
  join(dir, "runners.json"),
  `${JSON.stringify({ generatedAt: new Date().toISOString(), node: process.version, rows, pythonFreshOverWarm: { noop: ratio, greet: ratioGreet }, localCommandsFromBigHeap: bigHeap }, null, 2)}\n`,
);
await warmPool.close();
await freshPool.close();
rmSync(pack.root, { recursive: true, force: true });
process.exit(0);
