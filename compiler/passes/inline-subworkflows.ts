// Pass: inline sub-workflows.
// Input: a program holding the root unit. Output: every static, non-recursive
// call of an Orquesta workflow action becomes a "subworkflow" task whose callee
// unit is part of the program, to any depth. The callee keeps its own context
// scope, input rules (its action's parameters) and output mapping; the runtime
// gives the calling task `{"output": ...}` (plus errors) exactly as StackStorm.
// Calls whose ref is an expression, unknown, or recursive stay dynamic.

import { canonicalRunner } from "../load/index";
import { buildUnit } from "../program/build-unit";
import type { PassNote, PassResult, ProgramIR, WorkflowUnit } from "../program/types";
import { hasExpression, type PassContext } from "./context";

const PASS = "inline-subworkflows";

export function inlineSubworkflows(program: ProgramIR, cx: PassContext): PassResult {
  const notes: PassNote[] = [];
  const units: Record<string, WorkflowUnit> = { ...program.units };
  let changed = false;

  const visit = (unitId: string, chain: readonly string[]): void => {
    const unit = units[unitId]!;
    const modes: Record<string, "subworkflow"> = {};
    const calls: Record<string, string> = {};
    const from = cx.unitFiles.get(unitId);
    for (const task of unit.workflow.tasks) {
      const ref = task.action;
      if (ref === null) continue;
      const blocked = (message: string) =>
        notes.push({ pass: PASS, kind: "blocked", unit: unitId, task: task.name, message });
      if (hasExpression(ref)) {
        blocked(
          `task "${task.name}" not inlined: its action ref "${ref}" is an expression, resolved only at run time`,
        );
        continue;
      }
      const action = cx.load.resolveAction(ref, from);
      if (!action || canonicalRunner(action.runnerType) !== "orquesta") continue;
      const childPath = action.workflowPath;
      const childWf = childPath ? cx.workflowsByPath.get(childPath) : undefined;
      if (!childPath || !childWf || childWf.root === null) {
        blocked(`task "${task.name}" not inlined: the workflow file of "${ref}" could not be loaded`);
        continue;
      }
      if (cx.rejected.has(childPath)) {
        blocked(`task "${task.name}" not inlined: the workflow of "${ref}" has errors (see orqc check)`);
        continue;
      }
      if (chain.includes(ref)) {
        blocked(`task "${task.name}" not inlined: "${ref}" calls itself (${[...chain, ref].join(" -> ")})`);
        continue;
      }
      if (!units[ref]) {
        units[ref] = buildUnit(ref, childWf, action);
        cx.unitFiles.set(ref, childPath);
        visit(ref, [...chain, ref]);
      }
      modes[task.name] = "subworkflow";
      calls[task.name] = ref;
      notes.push({ pass: PASS, kind: "changed", unit: unitId, task: task.name, message: `inlined "${ref}"` });
    }
    if (Object.keys(calls).length > 0) {
      changed = true;
      const current = units[unitId]!;
      units[unitId] = {
        ...current,
        modes: { ...current.modes, ...modes },
        calls: { ...current.calls, ...calls },
      };
    }
  };

  const rootRef = units[program.root]!.ref;
  visit(program.root, rootRef ? [rootRef] : []);
  return { program: changed ? { ...program, units } : program, notes };
}
