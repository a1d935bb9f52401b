// What passes may consult besides the program: the loaded packs.

import type { LoadedWorkflow, LoadResult } from "../load/index";

export interface PassContext {
  readonly load: LoadResult;
  /** Loaded workflow files by absolute path. */
  readonly workflowsByPath: ReadonlyMap<string, LoadedWorkflow>;
  /** Absolute path of each unit's workflow file, by unit id. */
  readonly unitFiles: Map<string, string>;
  /** Workflow files the checker rejected: never inlined. */
  readonly rejected: ReadonlySet<string>;
}

export function hasExpression(text: string): boolean {
  return /<%|{{|{%/.test(text);
}
