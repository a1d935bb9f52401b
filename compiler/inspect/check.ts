// The `orqc check` driver: load the paths, then inspect every workflow the way
// Orquesta and StackStorm would, plus orqc's own checks; returns all diagnostics.

import { type LoadedWorkflow, type LoadResult, loadPaths, parseYaml } from "../load/index";
import { asWorkflowFile } from "../load/orquesta-load";
import type { Diagnostic } from "../source/diagnostic";
import { diagnostic, sortDiagnostics } from "../source/make-diagnostic";
import { contentDiagnostics } from "./content";
import { undefinedOnAllPaths, unreachableTasks } from "./dataflow";
import { inspectOrquestaNode, ST2_CONTEXT_KEYS } from "./orquesta";
import { orquestaDiagnostics } from "./orquesta-diagnostics";
import { workflowView } from "./orquesta-spec";
import { recursionDiagnostics } from "./recursion";
import { TaskGraph } from "./task-graph";

export interface CheckResult {
  readonly load: LoadResult;
  /** Every diagnostic, sorted by file and position. */
  readonly diagnostics: readonly Diagnostic[];
}

/** All diagnostics of one loaded workflow (YAML problems are reported by the loader). */
export function checkWorkflow(wf: LoadedWorkflow, load: LoadResult): Diagnostic[] {
  const { file, root } = wf;
  if (root === null) {
    const text = file.text.trim();
    const loaderFailed = load.diagnostics.some((d) => d.file === file && d.severity === "error");
    if (loaderFailed) return [];
    return [
      diagnostic(
        "ORQ1004",
        { what: "a workflow file", found: text ? "nothing usable" : "an empty file" },
        { file, range: { start: 0, end: 0 } },
      ),
    ];
  }
  if (root.kind !== "map") {
    return [
      diagnostic(
        "ORQ1004",
        { what: "a workflow file", found: root.kind === "seq" ? "a list" : "a single value" },
        { file, range: root.range },
      ),
    ];
  }
  const inspection = inspectOrquestaNode(root, ST2_CONTEXT_KEYS);
  const view = workflowView(root);
  const graph = new TaskGraph(view);
  const out = orquestaDiagnostics(file, root, inspection, graph.names);
  if (inspection.halted) return out;
  out.push(...contentDiagnostics(file, root, view, load));
  if (inspection.semantics.length === 0) {
    out.push(...unreachableTasks(file, root, graph));
    const reported = new Set(out.filter((d) => d.code === "ORQ3004").map((d) => d.range?.start));
    const extra = undefinedOnAllPaths(file, root, view, graph, ST2_CONTEXT_KEYS, inspection.context);
    out.push(...extra.filter((d) => !reported.has(d.range?.start)));
  }
  return out;
}

/** Checks one workflow text in memory against already loaded packs (core actions only by default). */
export function checkText(path: string, text: string, load: LoadResult = loadPaths([])): Diagnostic[] {
  const parsed = asWorkflowFile(parseYaml({ path, text }));
  const wf: LoadedWorkflow = { path, file: parsed.file, root: parsed.root, actionRefs: [] };
  const withYaml: LoadResult = { ...load, diagnostics: [...load.diagnostics, ...parsed.diagnostics] };
  return sortDiagnostics([...parsed.diagnostics, ...checkWorkflow(wf, withYaml)]);
}

/** Loads and checks everything under the given paths. */
export function checkPaths(paths: readonly string[]): CheckResult {
  const load = loadPaths(paths);
  const diagnostics: Diagnostic[] = [...load.diagnostics];
  for (const wf of load.workflows) diagnostics.push(...checkWorkflow(wf, load));
  diagnostics.push(...recursionDiagnostics(load));
  return { load, diagnostics: sortDiagnostics(diagnostics) };
}
