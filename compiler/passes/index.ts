// The passes, in the order they run. Each takes a program and returns a
// program plus notes on what it did and what it could not prove safe.

import type { PassNote, ProgramIR } from "../program/types";
import type { PassContext } from "./context";
import { dropDeadTasks } from "./drop-dead-tasks";
import { foldConstants } from "./fold-constants";
import { foldNoops } from "./fold-noops";
import { fuseSteps } from "./fuse-steps";
import { inlineSubworkflows } from "./inline-subworkflows";

export interface PassRun {
  readonly name: string;
  readonly run: (program: ProgramIR, cx: PassContext) => { program: ProgramIR; notes: readonly PassNote[] };
}

export const PASSES: readonly PassRun[] = [
  { name: "inline-subworkflows", run: inlineSubworkflows },
  { name: "drop-dead-tasks", run: dropDeadTasks },
  { name: "fold-constants", run: foldConstants },
  { name: "fold-noops", run: foldNoops },
  { name: "fuse-steps", run: fuseSteps },
];

export function runPasses(program: ProgramIR, cx: PassContext): { program: ProgramIR; notes: PassNote[] } {
  const notes: PassNote[] = [];
  let current = program;
  for (const pass of PASSES) {
    const result = pass.run(current, cx);
    current = result.program;
    notes.push(...result.notes);
  }
  return { program: current, notes };
}
