// Pass: fold noop and actionless tasks.
// Input: a program. Output: tasks that only branch or publish (no action, or
// core.noop) get mode "inline": the runtime completes them in the same step
// as the task before them and evaluates their transitions right away, with no
// runner round trip. Their transitions, publishes and task records are kept, so
// conditions and publishes evaluate exactly as before and traces still name
// them. Blocked: a delay (the task must wait), a with-items list (one
// execution per item), or an action ref that is an expression.

import { languageOf } from "../expr/index";
import type { TaskIR } from "../ir/types";
import type { PassNote, PassResult, ProgramIR, TaskMode, WorkflowUnit } from "../program/types";
import { unitsOf } from "./update";

const PASS = "fold-noops";
const NOOP_ACTIONS = new Set(["core.noop"]);

function blocker(task: TaskIR): string | null {
  if (task.delay !== null && task.delay !== 0) return "it has a delay";
  if (task.withItems) return "it runs with-items (one execution per item)";
  if (task.action !== null && languageOf(task.action) !== null) return "its action ref is an expression";
  return null;
}

/** For each task name, the tasks with a transition to it, in task order (each once). */
function predecessors(unit: WorkflowUnit): Map<string, string[]> {
  const into = new Map<string, string[]>();
  for (const t of unit.workflow.tasks) {
    for (const target of new Set(t.next.flatMap((tr) => tr.targets))) {
      const list = into.get(target);
      if (list) list.push(t.name);
      else into.set(target, [t.name]);
    }
  }
  return into;
}

export function foldNoops(program: ProgramIR): PassResult {
  const notes: PassNote[] = [];
  const units: Record<string, WorkflowUnit> = { ...program.units };
  let changed = false;
  for (const unit of unitsOf(program)) {
    const modes: Record<string, TaskMode> = { ...unit.modes };
    let unitChanged = false;
    let into: Map<string, string[]> | undefined;
    for (const task of unit.workflow.tasks) {
      const foldable = task.action === null || NOOP_ACTIONS.has(task.action);
      if (!foldable || modes[task.name]) continue;
      const why = blocker(task);
      if (why) {
        notes.push({
          pass: PASS,
          kind: "blocked",
          unit: unit.id,
          task: task.name,
          message: `task "${task.name}" not folded: ${why}`,
        });
        continue;
      }
      modes[task.name] = "inline";
      unitChanged = true;
      into ??= predecessors(unit);
      const before = into.get(task.name) ?? [];
      const where =
        before.length > 0
          ? `into the transitions of ${before.map((b) => `"${b}"`).join(", ")}`
          : "as a start task";
      notes.push({
        pass: PASS,
        kind: "changed",
        unit: unit.id,
        task: task.name,
        message: `folded "${task.name}" ${where}`,
      });
    }
    if (unitChanged) {
      units[unit.id] = { ...unit, modes };
      changed = true;
    }
  }
  return { program: changed ? { ...program, units } : program, notes };
}
