// `orqc simulate --compiled`: compiles the workflow of each scenario (and the
// sub-workflows its script maps, inlined into the same bundle) exactly as
// `orqc compile` does, bundles them with esbuild, loads the bundles, and
// hands the scenario runner each unit's IR and compiled expression table.
// Unit ids are call chains: "root", then refs joined by ">".

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { VERSION } from "../../cli/version";
import { type CompiledBundle, compiledRenderer, runtimeApi } from "../../runtime/api/index";
import type { CompiledUnits, Scenario, SubworkflowEntry } from "../../runtime/engine/scenario";
import { bundleModules, type EmittedModule } from "../bundle/bundle";
import { emitBundle, type Translate } from "../emit/emit-bundle";
import { flattenInspection, inspectOrquestaNode } from "../inspect/orquesta";
import { type LoadedWorkflow, parseYaml } from "../load/index";
import { asWorkflowFile } from "../load/orquesta-load";
import type { Callee, PassContext } from "../passes/context";
import { runPasses } from "../passes/index";
import { buildUnit } from "../program/build-unit";
import type { ProgramIR, WorkflowUnit } from "../program/types";

export interface ScenarioItem {
  readonly key: string;
  readonly scenario: Scenario;
}

function unitFromText(
  id: string,
  path: string,
  text: string,
  entry: SubworkflowEntry,
  ref: string | null,
): WorkflowUnit | null {
  const parsed = asWorkflowFile(parseYaml({ path, text }));
  if (parsed.root === null || parsed.diagnostics.some((d) => d.severity === "error")) return null;
  if (flattenInspection(inspectOrquestaNode(parsed.root)).length > 0) return null;
  const wf: LoadedWorkflow = { path, file: parsed.file, root: parsed.root, actionRefs: [] };
  const unit = buildUnit(id, wf, undefined);
  return { ...unit, ref, parameters: entry.parameters ?? null };
}

/** The program of one scenario, or null when Orquesta refuses its workflow (nothing to compile). */
export function programForScenario(
  scenario: Scenario,
  root: string,
  packWorkflows?: ReadonlyMap<string, SubworkflowEntry>,
  readWorkflow?: (path: string) => string,
): ProgramIR | null {
  const read = readWorkflow ?? ((p: string) => readFileSync(resolve(root, p), "utf8"));
  const top = unitFromText("root", scenario.workflow, read(scenario.workflow), scenario, null);
  if (!top) return null;
  const entries = new Map<string, SubworkflowEntry>([["root", scenario]]);
  const cx: PassContext = {
    resolveCallee(ref: string, fromUnit: string): Callee {
      const from = entries.get(fromUnit);
      const sub = from?.subworkflows?.[ref] ?? packWorkflows?.get(ref);
      if (!sub) return { kind: "action" };
      const unitId = fromUnit === "root" ? ref : `${fromUnit}>${ref}`;
      let text: string;
      try {
        text = read(sub.workflow);
      } catch {
        return { kind: "blocked", reason: `the workflow file of "${ref}" could not be read` };
      }
      const unit = unitFromText(unitId, sub.workflow, text, sub, ref);
      if (!unit) return { kind: "blocked", reason: `Orquesta refuses the workflow of "${ref}"` };
      return {
        kind: "workflow",
        unitId,
        ref,
        build: () => {
          entries.set(unitId, sub);
          return unit;
        },
      };
    },
  };
  return runPasses({ root: "root", units: { root: top } }, cx).program;
}

class BundleUnits implements CompiledUnits {
  private readonly render;
  constructor(private readonly bundle: CompiledBundle) {
    this.render = compiledRenderer(bundle.expressions);
  }
  unit(chain: string) {
    const unit = this.bundle.program.units[chain === "" ? "root" : chain];
    return unit ? { ir: unit.workflow, render: this.render } : undefined;
  }
}

/** Compiles every scenario's program in one esbuild run; keys whose workflow Orquesta refuses are absent. */
export async function compileScenarios(
  items: readonly ScenarioItem[],
  root: string,
  translate: Translate,
  packWorkflows?: ReadonlyMap<string, SubworkflowEntry>,
  readWorkflow?: (path: string) => string,
): Promise<Map<string, CompiledUnits>> {
  const modules: EmittedModule[] = [];
  const names = new Map<string, string>();
  items.forEach((item, i) => {
    const program = programForScenario(item.scenario, root, packWorkflows, readWorkflow);
    if (!program) return;
    const name = `case${i}`;
    const { source } = emitBundle({
      program,
      compilerVersion: VERSION,
      inputHash: "simulate",
      translate,
      locations: new Map(),
    });
    modules.push({ name, source });
    names.set(item.key, name);
  });
  const dir = mkdtempSync(join(tmpdir(), "orqc-simulate-"));
  try {
    const failed = await bundleModules(modules, dir);
    if (failed.length > 0)
      throw new Error(`bundling failed: ${failed.map((f) => `${f.name}: ${f.message}`).join("; ")}`);
    const out = new Map<string, CompiledUnits>();
    for (const [key, name] of names) {
      const mod = (await import(pathToFileURL(join(dir, `${name}.js`)).href)) as {
        default: (rt: typeof runtimeApi) => CompiledBundle;
      };
      out.set(key, new BundleUnits(mod.default(runtimeApi)));
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
