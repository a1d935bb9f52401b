// Callee resolution against loaded packs: an action whose runner is orquesta,
// with a loadable workflow file that Orquesta's inspector accepts.

import type { LoadedWorkflow, LoadResult } from "../load/index";
import { canonicalRunner } from "../load/index";
import { buildUnit } from "../program/build-unit";
import type { Callee, PassContext } from "./context";

export function packCallees(
  load: LoadResult,
  rootPath: string,
  rejected: ReadonlySet<string>,
): PassContext & { readonly unitFiles: ReadonlyMap<string, string> } {
  const workflowsByPath = new Map<string, LoadedWorkflow>(load.workflows.map((w) => [w.path, w]));
  const unitFiles = new Map<string, string>([["root", rootPath]]);
  return {
    unitFiles,
    resolveCallee(ref: string, fromUnit: string): Callee {
      const action = load.resolveAction(ref, unitFiles.get(fromUnit));
      if (!action || canonicalRunner(action.runnerType) !== "orquesta") return { kind: "action" };
      const path = action.workflowPath;
      const wf = path ? workflowsByPath.get(path) : undefined;
      if (!path || !wf || wf.root === null) {
        return { kind: "blocked", reason: `the workflow file of "${ref}" could not be loaded` };
      }
      if (rejected.has(path))
        return { kind: "blocked", reason: `the workflow of "${ref}" has errors (see orqc check)` };
      return {
        kind: "workflow",
        unitId: action.ref,
        ref: action.ref,
        build: () => {
          unitFiles.set(action.ref, path);
          return buildUnit(action.ref, wf, action);
        },
      };
    },
  };
}
