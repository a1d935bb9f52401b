// Builds a WorkflowUnit from a loaded workflow file: parse tree -> Python
// value -> workflow IR, plus the workflow action's parameter metadata.

import { createHash } from "node:crypto";
import { relative } from "node:path";
import { isDict, type PyValue } from "../../runtime/stdlib/py/value";
import { buildWorkflowIR } from "../ir/build";
import type { ActionMeta, LoadedWorkflow } from "../load/index";
import { mapGet, toPyValue } from "../load/yaml-node";
import type { WorkflowUnit } from "./types";

export function sourceHash(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** A workflow path as users see it: relative to the working directory when it lies under it. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith("..") ? path : rel;
}

/** The action's metadata `parameters` as Python values (defaults, types, required...). */
export function actionParameters(action: ActionMeta | undefined): Readonly<Record<string, PyValue>> | null {
  const node = action?.node ? mapGet(action.node, "parameters") : undefined;
  if (!node) return action ? {} : null;
  const value = toPyValue(node);
  return isDict(value) ? value : {};
}

/** The action's metadata `output_schema` as a Python value, or null. */
export function actionOutputSchema(action: ActionMeta | undefined): PyValue | null {
  const node = action?.node ? mapGet(action.node, "output_schema") : undefined;
  return node ? toPyValue(node) : null;
}

export function buildUnit(id: string, wf: LoadedWorkflow, action: ActionMeta | undefined): WorkflowUnit {
  const definition = wf.root ? toPyValue(wf.root) : null;
  return {
    id,
    ref: action?.ref ?? null,
    path: displayPath(wf.path),
    sourceHash: sourceHash(wf.file.text),
    workflow: buildWorkflowIR(definition),
    parameters: actionParameters(action),
    outputSchema: actionOutputSchema(action),
    pack: wf.pack ?? action?.pack ?? null,
    modes: {},
    calls: {},
    waits: {},
  };
}
