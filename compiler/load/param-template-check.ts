// Warnings about an action's parameter defaults that StackStorm cannot render
// (runtime/engine/st2-params): a template that reads a name no parameter of
// the action or its runner defines ("Dependency unsatisfied in variable"), or
// defaults that read each other in a cycle. Either fails every execution that
// uses those defaults.

import {
  complexTemplate,
  isTemplate,
  TEMPLATE_CONTEXT_NAMES,
  templateDependencies,
} from "../../runtime/engine/param-template";
import type { Diagnostic } from "../source/diagnostic";
import { diagnostic } from "../source/make-diagnostic";
import type { SourceFile } from "../source/source-file";
import { canonicalRunner } from "./action-registry";
import { RUNNER_PARAMETERS } from "./builtin-runners";
import { keyText, mapGet, toPyValue, type YMap, type YNode } from "./yaml-node";

export function paramTemplateDiagnostics(
  file: SourceFile,
  root: YMap,
  ref: string,
  runnerType: string,
): Diagnostic[] {
  const params = mapGet(root, "parameters");
  if (params?.kind !== "map") return [];
  const defined = new Set([
    ...TEMPLATE_CONTEXT_NAMES,
    ...Object.keys(RUNNER_PARAMETERS[canonicalRunner(runnerType)] ?? {}),
    ...params.pairs.map((p) => keyText(p.key)),
  ]);
  const reads = new Map<string, { deps: ReadonlySet<string>; node: YNode }>();
  for (const pair of params.pairs) {
    const node = pair.value.kind === "map" ? mapGet(pair.value, "default") : undefined;
    if (!node) continue;
    const value = toPyValue(node);
    const text = isTemplate(value) ? value : complexTemplate(value);
    const deps = text === null ? null : templateDependencies(text);
    if (deps) reads.set(keyText(pair.key), { deps, node });
  }
  const out: Diagnostic[] = [];
  for (const [param, { deps, node }] of reads)
    for (const name of deps)
      if (!defined.has(name))
        out.push(diagnostic("ORQ1036", { ref, param, name }, { file, range: node.range }));
  for (const param of onCycles(reads))
    out.push(diagnostic("ORQ1037", { ref, param }, { file, range: reads.get(param)!.node.range }));
  return out;
}

/** The defaults that read themselves through other defaults. */
function onCycles(reads: ReadonlyMap<string, { deps: ReadonlySet<string> }>): string[] {
  const reaches = (from: string, to: string, seen: Set<string>): boolean => {
    for (const d of reads.get(from)?.deps ?? []) {
      if (d === to) return true;
      if (reads.has(d) && !seen.has(d)) {
        seen.add(d);
        if (reaches(d, to, seen)) return true;
      }
    }
    return false;
  };
  return [...reads.keys()].filter((param) => reaches(param, param, new Set()));
}
