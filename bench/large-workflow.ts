// How check and compile scale with the size of one workflow: a chain of N
// tasks and a fan-out of N branches into one join, for growing N. Time per
// task that stays flat as N grows means no step is quadratic.
// Writes bench/results/large-workflow.json.
// Run: npx vite-node bench/large-workflow.ts [N...]   (default 1000 5000 20000)

import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { compile } from "../compiler/compile";
import { translateExpression } from "../compiler/emit/translator";
import { checkPaths } from "../compiler/inspect/check";

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const SIZES = sizes.length > 0 ? sizes : [1000, 5000, 20000];

function chain(n: number): string {
  const tasks: string[] = [];
  for (let i = 0; i < n; i++)
    tasks.push(
      `  t${i}:\n    action: core.noop\n    next:\n      - when: <% succeeded() %>\n        do: t${i + 1}\n`,
    );
  tasks.push(`  t${n}:\n    action: core.noop\n`);
  return `version: 1.0\ntasks:\n${tasks.join("")}`;
}

function fanIn(n: number): string {
  const branches = Array.from({ length: n }, (_, i) => `b${i}`);
  const tasks = [`  start:\n    action: core.noop\n    next:\n      - do: ${branches.join(", ")}\n`];
  for (const b of branches) tasks.push(`  ${b}:\n    action: core.noop\n    next:\n      - do: join\n`);
  tasks.push("  join:\n    join: all\n    action: core.noop\n");
  return `version: 1.0\ntasks:\n${tasks.join("")}`;
}

function pack(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), `orqc-bench-${name}-`));
  mkdirSync(join(dir, "actions", "workflows"), { recursive: true });
  writeFileSync(join(dir, "pack.yaml"), "name: big\nref: big\nversion: 0.1.0\n");
  writeFileSync(
    join(dir, "actions", `${name}.yaml`),
    `name: ${name}\nrunner_type: orquesta\nentry_point: workflows/${name}.yaml\n`,
  );
  writeFileSync(join(dir, "actions", "workflows", `${name}.yaml`), text);
  return dir;
}

interface Row {
  shape: string;
  tasks: number;
  checkMs: number;
  compileMs: number;
  checkUsPerTask: number;
  compileUsPerTask: number;
}

const rows: Row[] = [];
for (const [shape, make] of [
  ["chain", chain],
  ["fan-in", fanIn],
] as const) {
  for (const n of SIZES) {
    const dir = pack(shape.replace("-", ""), make(n));
    const t0 = performance.now();
    const checked = checkPaths([dir]);
    const checkMs = performance.now() - t0;
    const errors = checked.diagnostics.filter((d) => d.severity === "error");
    if (errors.length > 0) throw new Error(`${shape} ${n}: ${errors[0]!.message}`);
    const t1 = performance.now();
    const result = await compile({
      paths: [dir],
      outDir: join(dir, "out"),
      force: true,
      translate: translateExpression,
    });
    const compileMs = performance.now() - t1;
    if (result.reports.some((r) => r.status !== "built")) throw new Error(`${shape} ${n}: not built`);
    rows.push({
      shape,
      tasks: n,
      checkMs,
      compileMs,
      checkUsPerTask: (checkMs * 1000) / n,
      compileUsPerTask: (compileMs * 1000) / n,
    });
  }
}

console.log("| shape | tasks | check | compile | check µs/task | compile µs/task |");
console.log("|---|---|---|---|---|---|");
for (const r of rows)
  console.log(
    `| ${r.shape} | ${r.tasks} | ${(r.checkMs / 1000).toFixed(2)} s | ${(r.compileMs / 1000).toFixed(2)} s | ${r.checkUsPerTask.toFixed(0)} | ${r.compileUsPerTask.toFixed(0)} |`,
  );
const out = resolve("bench/results");
mkdirSync(out, { recursive: true });
writeFileSync(
  join(out, "large-workflow.json"),
  `${JSON.stringify({ bench: "large-workflow", node: process.version, rows }, null, 2)}\n`,
);
