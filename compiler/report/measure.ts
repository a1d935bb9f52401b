// Counts that show what flattening did: tasks before (nested, per call site)
// and after (what the runtime still schedules), depth, transitions, waits.

import type { ProgramIR, WorkflowUnit } from "../program/types";

export interface ProgramCounts {
  /** Workflow definitions in the program (root + inlined). */
  readonly workflows: number;
  /** Task definitions across all workflows, each counted once. */
  readonly taskDefinitions: number;
  /** Tasks of one run with every sub-workflow call expanded (a workflow called 4 times counts 4 times). */
  readonly expandedTasks: number;
  /** Transitions (next entries) across the expanded run. */
  readonly expandedTransitions: number;
  /** Deepest chain of sub-workflow calls (1 = no nesting). */
  readonly nestingDepth: number;
  /** Workflow executions StackStorm would create for one run (root + every call). */
  readonly workflowExecutions: number;
  /** Expanded tasks per mode after the passes. */
  readonly dispatched: number;
  readonly inline: number;
  readonly inlinedCalls: number;
  /** Durable waits if every wait is taken once (retries: their count). */
  readonly maxWaits: number;
}

interface Acc {
  tasks: number;
  transitions: number;
  depth: number;
  executions: number;
  dispatched: number;
  inline: number;
  calls: number;
  waits: number;
}

function retryCount(unit: WorkflowUnit, task: string): number {
  const t = unit.workflow.tasks.find((x) => x.name === task);
  const c = t?.retry?.count;
  return typeof c === "number" && c > 0 ? c : 1;
}

function expand(program: ProgramIR, unitId: string, seen: readonly string[]): Acc {
  const unit = program.units[unitId]!;
  const acc: Acc = {
    tasks: 0,
    transitions: 0,
    depth: 1,
    executions: 1,
    dispatched: 0,
    inline: 0,
    calls: 0,
    waits: 0,
  };
  for (const task of unit.workflow.tasks) {
    acc.tasks++;
    acc.transitions += task.next.length;
    const mode = unit.modes[task.name] ?? "dispatch";
    if (mode === "inline") acc.inline++;
    else if (mode === "dispatch") acc.dispatched++;
    for (const w of unit.waits[task.name] ?? [])
      acc.waits += w === "retry-delay" ? retryCount(unit, task.name) : 1;
    const callee = unit.calls[task.name];
    if (mode === "subworkflow" && callee && !seen.includes(callee)) {
      const sub = expand(program, callee, [...seen, callee]);
      acc.calls++;
      acc.tasks += sub.tasks;
      acc.transitions += sub.transitions;
      acc.depth = Math.max(acc.depth, sub.depth + 1);
      acc.executions += sub.executions;
      acc.dispatched += sub.dispatched;
      acc.inline += sub.inline;
      acc.calls += sub.calls;
      acc.waits += sub.waits;
    }
  }
  return acc;
}

export function measureProgram(program: ProgramIR): ProgramCounts {
  const units = Object.values(program.units);
  const acc = expand(program, program.root, [program.root]);
  return {
    workflows: units.length,
    taskDefinitions: units.reduce((n, u) => n + u.workflow.tasks.length, 0),
    expandedTasks: acc.tasks,
    expandedTransitions: acc.transitions,
    nestingDepth: acc.depth,
    workflowExecutions: acc.executions,
    dispatched: acc.dispatched,
    inline: acc.inline,
    inlinedCalls: acc.calls,
    maxWaits: acc.waits,
  };
}
