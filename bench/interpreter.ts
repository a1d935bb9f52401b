// Interpreter overhead per task, in microseconds, on three shapes: a 1,000-task
// chain, a 100-way fan-out/join, and a 10,000-item with-items over a noop
// action. Actions answer at once, so the time is the interpreter's own.
// Run: npx vite-node bench/interpreter.ts

import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { TaskIR, TransitionIR, WorkflowIR } from "../compiler/ir/types";
import type { ActionExecutor } from "../runtime/engine/executor";
import { runWave } from "../runtime/engine/wave";

const noop: ActionExecutor = { execute: () => ({ status: "succeeded", result: null }) };

function task(name: string, extra: Partial<TaskIR> = {}): TaskIR {
  return {
    kind: "task",
    name,
    action: "core.noop",
    input: null,
    join: null,
    withItems: null,
    retry: null,
    delay: null,
    next: [],
    ...extra,
  };
}

function to(targets: string[]): TransitionIR[] {
  return [{ kind: "transition", index: 0, condition: null, publish: [], targets }];
}

function workflow(tasks: TaskIR[]): WorkflowIR {
  return { kind: "workflow", version: "1.0", description: null, input: [], vars: [], output: [], tasks };
}

function chain(n: number): WorkflowIR {
  return workflow(
    Array.from({ length: n }, (_, i) => task(`t${i}`, i + 1 < n ? { next: to([`t${i + 1}`]) } : {})),
  );
}

function fanOut(n: number): WorkflowIR {
  const branches = Array.from({ length: n }, (_, i) => `b${i}`);
  return workflow([
    task("start", { next: to(branches) }),
    ...branches.map((b) => task(b, { next: to(["join"]) })),
    task("join", { join: { kind: "join-all" } }),
  ]);
}

function items(): WorkflowIR {
  const withItems = {
    kind: "with-items",
    items: "<% ctx(xs) %>",
    itemsExpression: "<% ctx(xs) %>",
    names: null,
    concurrency: null,
  } as const;
  return { ...workflow([task("t", { withItems })]), input: [{ kind: "input", name: "xs", default: null }] };
}

interface Row {
  readonly shape: string;
  readonly status: string;
  readonly total_ms: number;
  readonly us_per_unit: number;
}

const rows: Row[] = [];

function measure(label: string, wf: WorkflowIR, units: number, input: Record<string, number[]> = {}): void {
  // Best of five runs: the machine is shared, the minimum is the interpreter's own cost.
  let best = Number.POSITIVE_INFINITY;
  let status = "";
  for (let i = 0; i < 5; i++) {
    const start = process.hrtime.bigint();
    const t = runWave(wf, {
      workflowPath: label,
      input,
      parentContext: {},
      executor: noop,
      maxExecutions: 1e9,
    });
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1000);
    status = t.status;
  }
  rows.push({ shape: label, status, total_ms: best / 1000, us_per_unit: best / units });
  console.log(
    `${label.padEnd(28)} ${status.padEnd(10)} ${(best / 1000).toFixed(1).padStart(9)} ms  ${(best / units).toFixed(1).padStart(8)} us/unit`,
  );
}

console.log("shape                        status       total         per task/item");
measure("chain 1,000 tasks", chain(1000), 1000);
measure("fan-out/join 100 branches", fanOut(100), 102);
measure("with-items 10,000 items", items(), 10000, { xs: Array.from({ length: 10000 }, (_, i) => i) });
writeFileSync(
  resolve(__dirname, "results/interpreter.json"),
  `${JSON.stringify({ node: process.version, best_of: 5, rows }, null, 2)}\n`,
);
