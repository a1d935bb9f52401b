// Pass: fuse consecutive actions into bundle steps.
// Input: a program. Output: per task, the durable waits it can cause. Between
// waits, the bundle runs every ready action itself (awaiting the runners in
// the same worker) instead of going back to a scheduler per task; a wait
// (delay, retry delay) journals the state and frees the worker slot, and the
// run continues as a new step. A literal zero delay is no wait.

import type { PyValue } from "../../runtime/stdlib/py/value";
import type { PassNote, PassResult, ProgramIR, WaitKind, WorkflowUnit } from "../program/types";
import { unitsOf } from "./update";

const PASS = "fuse-steps";

function mayWait(delay: PyValue): boolean {
  if (delay === null || delay === undefined) return false;
  if (typeof delay === "number") return delay > 0;
  return true;
}

export function fuseSteps(program: ProgramIR): PassResult {
  const notes: PassNote[] = [];
  const units: Record<string, WorkflowUnit> = { ...program.units };
  for (const unit of unitsOf(program)) {
    const waits: Record<string, WaitKind[]> = {};
    let fused = 0;
    for (const task of unit.workflow.tasks) {
      const kinds: WaitKind[] = [];
      if (mayWait(task.delay)) kinds.push("delay");
      if (task.retry && mayWait(task.retry.delay)) kinds.push("retry-delay");
      if (kinds.length > 0) {
        waits[task.name] = kinds;
        notes.push({
          pass: PASS,
          kind: "blocked",
          unit: unit.id,
          task: task.name,
          message: `task "${task.name}" starts a new step: ${kinds.join(" and ")} (the worker slot is freed while waiting)`,
        });
      } else if ((unit.modes[task.name] ?? "dispatch") === "dispatch") fused++;
    }
    if (fused > 0) {
      notes.push({
        pass: PASS,
        kind: "changed",
        unit: unit.id,
        message: `${fused} action task(s) run inside bundle steps`,
      });
    }
    units[unit.id] = { ...unit, waits };
  }
  return { program: { ...program, units }, notes };
}
