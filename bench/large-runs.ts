// How the embedded runtime (`orqc run`) scales with the size of one run: a
// with-items task over N noop items, with and without a concurrency limit,
// and a task that loops on itself N times. Each row is one `orqc run` of a
// generated workflow; the time is the run's own (as `orqc run` reports it),
// so CLI start-up is left out. Linear work grows as N; the loop grows faster,
// as in Orquesta, whose context of a looping task is the merge of one layer
// per pass.
// Run: npx vite-node bench/large-runs.ts   Writes bench/results/large-runs.json.

import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..");
const CLI = join(ROOT, "bin/orqc.js");

function withItems(n: number, concurrency: number | null): string {
  const items =
    concurrency === null
      ? `    with: i in <% list(range(${n})) %>`
      : `    with:\n      items: i in <% list(range(${n})) %>\n      concurrency: ${concurrency}`;
  return `version: 1.0
tasks:
  t:
${items}
    action: core.noop
    next:
      - publish:
          - done: <% result().len() %>
output:
  - done: <% ctx(done) %>
`;
}

function loop(n: number): string {
  return `version: 1.0
vars:
  - i: 0
tasks:
  init:
    action: core.noop
    next:
      - do: step
  step:
    action: core.noop
    next:
      - when: <% ctx(i) < ${n} %>
        publish:
          - i: <% ctx(i) + 1 %>
        do: step
output:
  - done: <% ctx(i) %>
`;
}

interface Row {
  readonly shape: string;
  readonly n: number;
  readonly seconds: number;
  readonly microsPerUnit: number;
}

const dir = mkdtempSync(join(tmpdir(), "orqc-bench-large-"));

function timeRun(name: string, text: string, n: number): Row {
  const file = join(dir, `${name}-${n}.yaml`);
  writeFileSync(file, text);
  const r = spawnSync("node", [CLI, "run", file], { encoding: "utf8", timeout: 600_000 });
  const m = / (succeeded|failed) in ([\d.]+) s/.exec(r.stdout);
  if (!m || m[1] !== "succeeded") throw new Error(`${name} ${n}: ${r.stdout}${r.stderr}`);
  const seconds = Number(m[2]);
  return { shape: name, n, seconds, microsPerUnit: (seconds * 1e6) / n };
}

const rows: Row[] = [];
for (const n of [1000, 4000, 16000]) rows.push(timeRun("with-items", withItems(n, null), n));
for (const n of [1000, 4000]) rows.push(timeRun("with-items, concurrency 10", withItems(n, 10), n));
for (const n of [500, 2000, 4000]) rows.push(timeRun("task looping on itself", loop(n), n));

console.log("| run | N | seconds | µs per item or pass |");
console.log("|---|---|---|---|");
for (const r of rows)
  console.log(`| ${r.shape} | ${r.n} | ${r.seconds.toFixed(2)} | ${r.microsPerUnit.toFixed(0)} |`);
mkdirSync(join(ROOT, "bench/results"), { recursive: true });
writeFileSync(
  join(ROOT, "bench/results/large-runs.json"),
  `${JSON.stringify({ machine: { cpus: cpus().length, node: process.version }, rows }, null, 2)}\n`,
);
