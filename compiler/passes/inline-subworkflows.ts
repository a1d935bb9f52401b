// Pass: inline sub-workflows.
// Input: a program holding the root unit. Output: every static, non-recursive
// call of an Orquesta workflow action becomes a "subworkflow" task whose callee
// unit is part of the program, to any depth. The callee keeps its own context
// scope, input rules (its action's parameters) and output mapping; the runtime
// gives the calling task `{"output": ...}` (plus errors) exactly as StackStorm.
// Calls whose ref is an expression, unknown, broken or recursive stay dynamic.

import { languageOf } from "../expr/index";
import type { PassNote, PassResult, ProgramIR, WorkflowUnit } from "../program/types";
import type { PassContext } from "./context";

const PASS = "inline-subworkflows";

export function inlineSubworkflows(program: ProgramIR, cx: PassContext): PassResult {
  const notes: PassNote[] = [];
  const units: Record<string, WorkflowUnit> = { ...program.units };
  let changed = false;

  const visit = (unitId: string, chain: readonly string[]): void => {
    const unit = units[unitId]!;
    const modes: Record<string, "subworkflow"> = {};
    const calls: Record<string, string> = {};
    for (const task of unit.workflow.tasks) {
      const ref = task.action;
      if (ref === null) continue;
      const blocked = (why: string) =>
        notes.push({
          pass: PASS,
          kind: "blocked",
          unit: unitId,
          task: task.name,
          message: `task "${task.name}" not inlined: ${why}`,
        });
      if (languageOf(ref) !== null) {
        blocked(`its action ref "${ref}" is an expression, resolved only at run time`);
        continue;
      }
      const callee = cx.resolveCallee(ref, unitId);
      if (callee.kind === "action") continue;
      if (callee.kind === "blocked") {
        blocked(callee.reason);
        continue;
      }
      if (chain.includes(callee.ref)) {
        blocked(`"${callee.ref}" calls itself (${[...chain, callee.ref].join(" -> ")})`);
        continue;
      }
      if (!units[callee.unitId]) {
        units[callee.unitId] = callee.build();
        visit(callee.unitId, [...chain, callee.ref]);
      }
      modes[task.name] = "subworkflow";
      calls[task.name] = callee.unitId;
      notes.push({
        pass: PASS,
        kind: "changed",
        unit: unitId,
        task: task.name,
        message: `inlined "${callee.ref}"`,
      });
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
