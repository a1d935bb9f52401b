// The "inspection first" rule: Orquesta's inspector result, flattened the way
// StackStorm reports it (compiler/inspect). An inspector crash is treated as
// "no findings" so a run is never lost to it.

import { inspectOrquestaText } from "../../compiler/inspect/orquesta";
import type { PyValue } from "../stdlib/py/value";

export interface InspectionOutcome {
  /** StackStorm-flattened errors ({type, message, spec_path, schema_path, ...}), sorted. */
  readonly errors: ReadonlyArray<{ [key: string]: PyValue }>;
}

export function inspectWorkflow(
  path: string,
  text: string,
  contextKeys: readonly string[],
): InspectionOutcome {
  try {
    const errors = inspectOrquestaText(path, text, contextKeys);
    return { errors: errors.map((e) => ({ ...e }) as { [key: string]: PyValue }) };
  } catch {
    return { errors: [] };
  }
}
