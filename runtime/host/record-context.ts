// What an execution record carries for the host: the target to run, the st2
// context, the trace, and how many jobs it took so far; and the journal id
// of a finished execution's raw result (what a parent task receives).

import type { ExecutionRecord, JsonObject } from "../backend/types";
import type { Target } from "./programs";
import type { TraceEvent } from "./region";

export const RESULT_ID = "~result/root/0";

export interface ExecutionContext {
  readonly target: Target;
  /** `{st2, parent}` of the workflow. */
  readonly st2: JsonObject;
  readonly trace?: TraceEvent[];
  /** Jobs taken for this execution so far (scheduled units). */
  readonly runs?: number;
}

export function contextOf(record: ExecutionRecord): ExecutionContext | undefined {
  const c = record.context;
  if (!c || typeof c !== "object" || Array.isArray(c) || !("target" in c)) return undefined;
  return c as unknown as ExecutionContext;
}
