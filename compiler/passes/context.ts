// What passes may consult besides the program: how a called action ref
// resolves (packs on disk, or a scenario's sub-workflow map).

import type { WorkflowUnit } from "../program/types";

export type Callee =
  /** Not an Orquesta workflow: an ordinary action. */
  | { readonly kind: "action" }
  /** An Orquesta workflow that can be inlined; `build` makes its unit with the given id. */
  | {
      readonly kind: "workflow";
      readonly unitId: string;
      readonly ref: string;
      readonly build: () => WorkflowUnit;
    }
  /** An Orquesta workflow that cannot be inlined, and why. */
  | { readonly kind: "blocked"; readonly reason: string };

export interface PassContext {
  /** How `ref`, called from a task of unit `fromUnit`, resolves. */
  resolveCallee(ref: string, fromUnit: string): Callee;
}
