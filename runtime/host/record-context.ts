// What an execution record carries for the host: the target to run, the st2
// context, the trace, and how many jobs it took so far; and the journal id
// of a finished execution's raw result (what a parent task receives).

import type { ExecutionRecord, JsonObject } from "../backend/types";
import type { TraceEvent } from "../engine/region";
import type { Target } from "./programs";

export const RESULT_ID = "~result/root/0";

export interface ExecutionContext {
  readonly target: Target;
  /** `{st2, parent}` of the workflow. */
  readonly st2: JsonObject;
  readonly trace?: TraceEvent[];
  /** Jobs taken for this execution so far (scheduled units). */
  readonly runs?: number;
  /** Runs that stopped on a runtime error (the execution fails after 10). */
  readonly hostErrors?: number;
  /** Names of `secret: true` inputs: printed masked (`orqc status`, journal dumps). */
  readonly secrets?: string[];
  /** The execution this one re-runs (`orqc rerun`). */
  readonly rerunOf?: string;
  /** The tasks it re-runs from (`orqc rerun --tasks`); the rest of the old run is replayed. */
  readonly rerunTasks?: string[];
  /** The version of the program it runs (a hash of its file, see programs.ts), set when it is submitted or first runs. */
  readonly version?: string;
}

/** The secret input values of a record, for masking what is printed about it. */
export function secretValues(record: ExecutionRecord): string[] {
  const names = contextOf(record)?.secrets ?? [];
  return names.map((n) => record.input[n]).filter((v): v is string => typeof v === "string" && v.length > 0);
}

export function secretNamesOf(parameters: Readonly<Record<string, unknown>> | null | undefined): string[] {
  return Object.entries(parameters ?? {})
    .filter(([, p]) => typeof p === "object" && p !== null && (p as { secret?: unknown }).secret === true)
    .map(([name]) => name);
}

export function contextOf(record: ExecutionRecord): ExecutionContext | undefined {
  const c = record.context;
  if (!c || typeof c !== "object" || Array.isArray(c) || !("target" in c)) return undefined;
  return c as unknown as ExecutionContext;
}
