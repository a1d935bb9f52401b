// The compile report: per bundle, before/after counts, scheduled units per
// run, and every pass note; as JSON (report.json) and readable text.

import type { PassNote } from "../program/types";
import type { ProgramCounts } from "./measure";

export interface BundleReport {
  readonly name: string;
  readonly ref: string | null;
  readonly source: string;
  readonly status: "built" | "unchanged" | "failed";
  readonly before?: {
    readonly workflows: number;
    readonly tasks: number;
    readonly nestingDepth: number;
    readonly transitions: number;
    /** StackStorm: every task execution and every workflow execution is a scheduling round trip. */
    readonly scheduledUnitsPerRun: number;
  };
  readonly after?: {
    readonly tasksDispatchedToRunners: number;
    readonly tasksRunInline: number;
    readonly subworkflowsInlined: number;
    /** The bundle runs as one unit, plus one more per durable wait it takes. */
    readonly scheduledUnitsPerRun: { readonly min: number; readonly max: number };
  };
  readonly expressions?: {
    readonly total: number;
    readonly translated: number;
    readonly interpreted: number;
  };
  readonly passes?: readonly PassNote[];
}

export function beforeAfter(counts: ProgramCounts): Pick<BundleReport, "before" | "after"> {
  return {
    before: {
      workflows: counts.workflowExecutions,
      tasks: counts.expandedTasks,
      nestingDepth: counts.nestingDepth,
      transitions: counts.expandedTransitions,
      scheduledUnitsPerRun: counts.expandedTasks + counts.workflowExecutions,
    },
    after: {
      tasksDispatchedToRunners: counts.dispatched,
      tasksRunInline: counts.inline,
      subworkflowsInlined: counts.inlinedCalls,
      scheduledUnitsPerRun: { min: 1, max: 1 + counts.maxWaits },
    },
  };
}

export function formatReport(reports: readonly BundleReport[]): string {
  const lines: string[] = [];
  for (const r of reports) {
    lines.push(`${r.name}  (${r.source})  ${r.status}`);
    if (r.before && r.after) {
      lines.push(
        `  before: ${r.before.tasks} tasks in ${r.before.workflows} workflow executions, nesting depth ${r.before.nestingDepth}, ${r.before.transitions} transitions, ${r.before.scheduledUnitsPerRun} scheduled units per run`,
        `  after:  ${r.after.tasksDispatchedToRunners} tasks sent to runners, ${r.after.tasksRunInline} run inline, ${r.after.subworkflowsInlined} sub-workflow calls inlined; ${r.after.scheduledUnitsPerRun.min}-${r.after.scheduledUnitsPerRun.max} scheduled units per run`,
      );
    }
    if (r.expressions) {
      lines.push(
        `  expressions: ${r.expressions.total} (${r.expressions.translated} translated, ${r.expressions.interpreted} interpreted)`,
      );
    }
    const byPass = new Map<string, PassNote[]>();
    for (const n of r.passes ?? []) {
      const list = byPass.get(n.pass);
      if (list) list.push(n);
      else byPass.set(n.pass, [n]);
    }
    for (const [pass, notes] of byPass) {
      const done = notes.filter((n) => n.kind === "changed");
      const blocked = notes.filter((n) => n.kind === "blocked");
      lines.push(`  ${pass}: ${done.length} change(s), ${blocked.length} left alone`);
      for (const n of blocked) lines.push(`    - [${n.unit}] ${n.message}`);
    }
    lines.push("");
  }
  return lines.join("\n");
}
