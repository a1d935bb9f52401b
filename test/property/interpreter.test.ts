// Random workflows (branches, joins, cycles with exits, with-items, retries,
// nested sub-workflows, random failures): the interpreter never throws, always
// terminates, and ends in a final status with consistent records.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildWorkflowIR } from "../../compiler/ir/build";
import type { ActionExecutor, ActionOutcome, ActionRequest } from "../../runtime/engine/executor";
import { loadDefinition } from "../../runtime/engine/load-definition";
import { runWave } from "../../runtime/engine/wave";

interface TaskGen {
  sub: boolean;
  items: boolean;
  retry: number;
  join: boolean;
  next: Array<{ when: number; targets: number[]; back: boolean }>;
}

const WHEN = ["", "<% succeeded() %>", "<% failed() %>", "<% completed() %>"];

const taskArb = fc.record({
  sub: fc.boolean(),
  items: fc.boolean(),
  retry: fc.nat(2),
  join: fc.boolean(),
  next: fc.array(
    fc.record({ when: fc.nat(3), targets: fc.array(fc.nat(7), { maxLength: 3 }), back: fc.boolean() }),
    { maxLength: 2 },
  ),
});

function toYaml(tasks: TaskGen[], depth: number): string {
  const lines = ["version: 1.0", "input: [xs]", "tasks:"];
  tasks.forEach((t, i) => {
    lines.push(`  t${i}:`);
    lines.push(`    action: ${t.sub && depth < 2 ? `sub.wf${depth + 1}` : "core.noop"}`);
    if (t.items) lines.push("    with: x in <% ctx(xs) %>");
    if (t.retry > 0) lines.push(`    retry: {count: ${t.retry}}`);
    if (t.join && i > 1) lines.push("    join: all");
    const next = t.next
      .map((n) => {
        // Forward edges branch and join; a back edge (never to t0) only on failure, so it exits on success.
        const targets = n.back
          ? i > 1
            ? [1 + ((n.targets[0] ?? 0) % (i - 1 || 1))]
            : []
          : [
              ...new Set(
                n.targets
                  .map((x) => i + 1 + (x % Math.max(1, tasks.length - i - 1)))
                  .filter((x) => x < tasks.length),
              ),
            ];
        if (targets.length === 0) return null;
        const when = n.back ? WHEN[2] : WHEN[n.when];
        return { when, targets };
      })
      .filter((n) => n !== null);
    if (next.length > 0) {
      lines.push("    next:");
      for (const n of next) {
        lines.push(n.when ? `      - when: ${n.when}` : "      - publish: [{seen: true}]");
        lines.push(`        do: [${n.targets.map((x) => `t${x}`).join(", ")}]`);
      }
    }
  });
  return lines.join("\n");
}

/**
 * Fails executions by a seeded pattern, at most twice per task and nesting level over
 * the whole run (so every cycle exits), and runs nested workflows (whose failures count the same way).
 */
class RandomExecutor implements ActionExecutor {
  constructor(
    private readonly shared: { n: number; fails: Map<string, number> },
    private readonly pattern: boolean[],
    private readonly children: string[],
    private readonly depth: number,
  ) {}
  execute(req: ActionRequest): ActionOutcome {
    const fail = this.pattern[this.shared.n++ % Math.max(1, this.pattern.length)] ?? false;
    if (req.action.startsWith("sub.wf")) {
      const yaml = this.children[this.depth] ?? this.children[0]!;
      const child = runWave(buildWorkflowIR(loadDefinition("child.yaml", yaml).definition), {
        workflowPath: "child.yaml",
        input: { xs: [1, 2] },
        parentContext: {},
        executor: new RandomExecutor(this.shared, this.pattern, this.children, this.depth + 1),
        maxExecutions: 200,
      });
      // A failed child counts as one of its task's failures: a child that always fails (say, a join no branch
      // reaches) would otherwise keep a cycle over its task going until the execution limit.
      const key = `${this.depth}:${req.taskId}`;
      const used = this.shared.fails.get(key) ?? 0;
      if (child.status === "failed") {
        if (used >= 2) return { status: "succeeded", result: { output: child.output }, subworkflow: child };
        this.shared.fails.set(key, used + 1);
      }
      return { status: child.status, result: { output: child.output }, subworkflow: child };
    }
    const key = `${this.depth}:${req.taskId}`;
    const used = this.shared.fails.get(key) ?? 0;
    if (fail && used < 2) {
      this.shared.fails.set(key, used + 1);
      return { status: "failed", result: { error: "scripted" } };
    }
    return { status: "succeeded", result: { ok: true } };
  }
}

const noop = (next: TaskGen["next"], join = false): TaskGen => ({
  sub: false,
  items: false,
  retry: 0,
  join,
  next,
});
/** A cycle over a sub-workflow task whose child always fails: its join waits for a task only a failure reaches. */
const ALWAYS_FAILING_CHILD: [TaskGen[], TaskGen[], boolean[], number[]] = [
  [
    noop([{ when: 0, targets: [0], back: false }]),
    noop([{ when: 0, targets: [0], back: false }]),
    { ...noop([{ when: 0, targets: [], back: true }]), sub: true },
  ],
  [
    noop([{ when: 0, targets: [7], back: false }]),
    noop([{ when: 0, targets: [0], back: false }]),
    noop([{ when: 0, targets: [], back: true }], true),
  ],
  [false],
  [],
];

describe("interpreter on random workflows", () => {
  it("never throws, terminates and ends in a final status", () => {
    fc.assert(
      fc.property(
        fc.array(taskArb, { minLength: 1, maxLength: 8 }),
        fc.array(taskArb, { minLength: 1, maxLength: 4 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 12 }),
        fc.array(fc.nat(3), { maxLength: 3 }),
        (tasks, childTasks, pattern, xs) => {
          const yaml = toYaml(tasks, 0);
          const children = [toYaml(childTasks, 1), toYaml(childTasks.slice(0, 2), 2)];
          const t = runWave(buildWorkflowIR(loadDefinition("wf.yaml", yaml).definition), {
            workflowPath: "wf.yaml",
            input: { xs },
            parentContext: {},
            executor: new RandomExecutor({ n: 0, fails: new Map() }, pattern, children, 0),
            maxExecutions: 300,
          });
          expect(["succeeded", "failed"]).toContain(t.status);
          for (const r of t.tasks) expect(r.status).not.toBe("null");
          for (const e of t.errors) expect(typeof e.message).toBe("string");
        },
      ),
      { numRuns: 300, examples: [ALWAYS_FAILING_CHILD] },
    );
  });
});
