// Pass: drop dead tasks.
// Input: a program. Output: tasks that no path from a start task reaches are
// removed (Orquesta never schedules them: its graph holds only what the start
// tasks reach). task_status() of a removed task stays "null", as before.
// Blocked when the workflow has no start task (inspection reports that), and
// for a dead task with a transition into a reachable one, engine commands
// included (it still makes the target a split point in Orquesta's spec).

import type { WorkflowIR } from "../ir/types";
import type { PassNote, PassResult, ProgramIR, WorkflowUnit } from "../program/types";
import { unitsOf } from "./update";

const PASS = "drop-dead-tasks";

export function reachableTasks(wf: WorkflowIR): Set<string> | null {
  const names = new Set(wf.tasks.map((t) => t.name));
  const inbound = new Set<string>();
  for (const t of wf.tasks) for (const tr of t.next) for (const target of tr.targets) inbound.add(target);
  const starts = wf.tasks.filter((t) => !inbound.has(t.name)).map((t) => t.name);
  if (starts.length === 0) return null;
  const seen = new Set<string>(starts);
  const queue = [...starts];
  const byName = new Map(wf.tasks.map((t) => [t.name, t]));
  while (queue.length > 0) {
    const task = byName.get(queue.pop()!);
    for (const tr of task?.next ?? []) {
      for (const target of tr.targets) {
        if (names.has(target) && !seen.has(target)) {
          seen.add(target);
          queue.push(target);
        }
      }
    }
  }
  return seen;
}

export function dropDeadTasks(program: ProgramIR): PassResult {
  const notes: PassNote[] = [];
  const units: Record<string, WorkflowUnit> = { ...program.units };
  let changed = false;
  for (const unit of unitsOf(program)) {
    const live = reachableTasks(unit.workflow);
    if (!live) {
      notes.push({ pass: PASS, kind: "blocked", unit: unit.id, message: "no start task: left as written" });
      continue;
    }
    const dead = unit.workflow.tasks.filter((t) => !live.has(t.name));
    if (dead.length === 0) continue;
    // A dead task with an edge into a live one still counts as an inbound
    // transition there (Orquesta's split detection reads the spec), and
    // dropping only part of a dead cycle could turn the rest into start
    // tasks: so either every dead task goes, or none.
    // Engine commands (`continue` for a transition without `do`, `noop`,
    // `fail`, `retry`) are nodes of the graph too: a dead task's transition
    // into one that a live task also reaches makes it a split there.
    const liveTargets = new Set(live);
    for (const t of unit.workflow.tasks)
      if (live.has(t.name)) for (const tr of t.next) for (const x of tr.targets) liveTargets.add(x);
    const feeder = dead.find((t) => t.next.some((tr) => tr.targets.some((x) => liveTargets.has(x))));
    if (feeder) {
      notes.push({
        pass: PASS,
        kind: "blocked",
        unit: unit.id,
        task: feeder.name,
        message: `unreachable tasks kept: "${feeder.name}" has a transition into a reachable task, which Orquesta still counts as an inbound edge`,
      });
      continue;
    }
    for (const t of dead) {
      notes.push({
        pass: PASS,
        kind: "changed",
        unit: unit.id,
        task: t.name,
        message: `dropped "${t.name}": no path from a start task reaches it`,
      });
    }
    units[unit.id] = {
      ...unit,
      workflow: { ...unit.workflow, tasks: unit.workflow.tasks.filter((t) => live.has(t.name)) },
    };
    changed = true;
  }
  return { program: changed ? { ...program, units } : program, notes };
}
