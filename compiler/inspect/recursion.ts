// Sub-workflow recursion across files: workflow A calls an action whose entry
// point is B, B calls back to A. Inlining (and StackStorm) would never end.

import type { LoadResult } from "../load/action-types";
import { mapGet, type YNode } from "../load/yaml-node";
import type { Diagnostic } from "../source/diagnostic";
import { diagnostic } from "../source/make-diagnostic";
import { locate } from "./locate";

interface Call {
  readonly target: string;
  readonly task: string;
  readonly ref: string;
}

function callsOf(root: YNode | null, path: string, load: LoadResult): Call[] {
  if (root?.kind !== "map") return [];
  const tasks = mapGet(root, "tasks");
  if (tasks?.kind !== "map") return [];
  const out: Call[] = [];
  for (const pair of tasks.pairs) {
    const action = pair.value.kind === "map" ? mapGet(pair.value, "action") : undefined;
    if (action?.kind !== "scalar" || typeof action.value !== "string") continue;
    const ref = action.value.trim().split(/\s+/)[0] ?? "";
    const target = load.resolveAction(ref, path)?.workflowPath;
    if (target) out.push({ target, task: String(pair.key.kind === "scalar" ? pair.key.value : ""), ref });
  }
  return out;
}

/** One ORQ2017 per cycle, at the calling task of its first workflow (in path order). */
export function recursionDiagnostics(load: LoadResult): Diagnostic[] {
  const byPath = new Map(load.workflows.map((w) => [w.path, w]));
  const calls = new Map(load.workflows.map((w) => [w.path, callsOf(w.root, w.path, load)]));
  const out: Diagnostic[] = [];
  const reported = new Set<string>();
  for (const start of [...byPath.keys()].sort()) {
    // Depth-first search for a path back to `start`.
    const stack: Array<{ path: string; trail: Call[] }> = [{ path: start, trail: [] }];
    const seen = new Set<string>();
    while (stack.length > 0) {
      const { path, trail } = stack.pop()!;
      for (const call of calls.get(path) ?? []) {
        if (call.target === start) {
          const cycle = [...trail, call];
          const members = [start, ...cycle.map((c) => c.target)];
          const id = [...new Set(members)].sort().join("|");
          if (reported.has(id)) continue;
          reported.add(id);
          const wf = byPath.get(start)!;
          const first = cycle[0]!;
          const text = [start, ...cycle.map((c) => c.target)]
            .map((p) => byPath.get(p)?.actionRefs[0] ?? p)
            .join(" -> ");
          const range = wf.root
            ? locate(wf.file, wf.root, ["tasks", first.task, "action"])
            : { start: 0, end: 0 };
          out.push(diagnostic("ORQ2017", { cycle: text }, { file: wf.file, range }));
        } else if (!seen.has(call.target) && byPath.has(call.target)) {
          seen.add(call.target);
          stack.push({ path: call.target, trail: [...trail, call] });
        }
      }
    }
  }
  return out;
}
