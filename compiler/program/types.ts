// The compilation unit: one top-level workflow and every sub-workflow the
// inliner pulled into it, as plain readonly data. Passes take a ProgramIR and
// return a new one (or the same object when nothing changed) plus notes.

import type { PyValue } from "../../runtime/stdlib/py/value";
import type { WorkflowIR } from "../ir/types";

/** How the compiled runtime runs a task. */
export type TaskMode =
  /** Sent to an action runner: a scheduled unit of work. */
  | "dispatch"
  /** core.noop or an actionless task: completed in-process, no runner round trip. */
  | "inline"
  /** A call of an Orquesta workflow that was inlined: runs as a region of this bundle. */
  | "subworkflow";

export interface WorkflowUnit {
  /** Stable id inside the program: "root" or the action ref of an inlined workflow. */
  readonly id: string;
  /** Action ref of the workflow action, when it has one. */
  readonly ref: string | null;
  /** Workflow file path as given to the compiler (relative to the working directory). */
  readonly path: string;
  /** sha256 of the file text. */
  readonly sourceHash: string;
  readonly workflow: WorkflowIR;
  /** The workflow action's metadata `parameters` (StackStorm's input rules), or null. */
  readonly parameters: Readonly<Record<string, PyValue>> | null;
  /** The workflow action's metadata `output_schema`, or null (runtime/output-schema). */
  readonly outputSchema: PyValue | null;
  /** Pack the workflow belongs to. */
  readonly pack: string | null;
  /** Per task: how the compiled runtime runs it (absent = "dispatch"). */
  readonly modes: Readonly<Record<string, TaskMode>>;
  /** Per task whose mode is "subworkflow": the unit id it calls. */
  readonly calls: Readonly<Record<string, string>>;
  /** Per task: the durable waits it can cause (the bundle yields its worker slot there). */
  readonly waits: Readonly<Record<string, readonly WaitKind[]>>;
}

export type WaitKind = "delay" | "retry-delay";

export interface ProgramIR {
  readonly root: string;
  /** Units by id; the root first, then inlined ones in discovery order. */
  readonly units: Readonly<Record<string, WorkflowUnit>>;
}

export interface PassNote {
  readonly pass: string;
  readonly kind: "changed" | "blocked";
  readonly unit: string;
  readonly task?: string;
  readonly message: string;
}

export interface PassResult {
  readonly program: ProgramIR;
  readonly notes: readonly PassNote[];
}
