// Small immutable-update helpers shared by the passes.

import type { ProgramIR, WorkflowUnit } from "../program/types";

export function withUnit(program: ProgramIR, unit: WorkflowUnit): ProgramIR {
  return { ...program, units: { ...program.units, [unit.id]: unit } };
}

export function unitsOf(program: ProgramIR): WorkflowUnit[] {
  return Object.values(program.units);
}
