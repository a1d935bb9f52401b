// What an execution runs: a compiled bundle (from `orqc compile -o DIR`) or a
// workflow YAML run by the reference interpreter. `resolveTarget` turns what a
// user typed (REF or FILE) into a target; `loadProgram` turns a target into
// the workflow IR, parameters and expression table the host needs.

import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { buildWorkflowIR } from "../../compiler/ir/build";
import type { WorkflowIR } from "../../compiler/ir/types";
import { workflowFileProblem } from "../../compiler/load/discover";
import type { ProgramIR } from "../../compiler/program/types";
import { type CompiledBundle, compiledRenderer, type ExpressionTable, runtimeApi } from "../api/index";
import type { JsonValue } from "../backend/types";
import { inspectWorkflow } from "../engine/inspection";
import { loadDefinition } from "../engine/load-definition";
import type { Renderer } from "../engine/region";
import type { PyValue } from "../stdlib/py/value";
import type { ActionCatalog } from "./actions";
import { toJsonValue } from "./json";
import { mentionsKv } from "./params";

export type Target =
  | { readonly kind: "bundle"; readonly ref: string }
  | { readonly kind: "workflow"; readonly path: string; readonly ref: string | null }
  /** One action that is not a workflow, run as its own execution (action-run.ts). */
  | { readonly kind: "action"; readonly ref: string };

export interface LoadedProgram {
  readonly target: Target;
  readonly ref: string | null;
  readonly pack: string | null;
  /** The workflow action's parameters (input rules), or null. */
  readonly parameters: Readonly<Record<string, PyValue>> | null;
  /** The workflow action's output_schema, when it has one. */
  readonly outputSchema?: JsonValue;
  readonly ir: WorkflowIR;
  readonly path: string;
  readonly unit: string;
  readonly inspectionErrors?: ReadonlyArray<{ [key: string]: PyValue }>;
  /** Compiled only. */
  readonly program?: ProgramIR;
  readonly render?: Renderer;
  /** The workflow mentions st2kv (the host then keeps a datastore snapshot). */
  readonly usesKv: boolean;
}

export type Loaded<T> = { ok: true; value: T } | { ok: false; error: string };

export interface ManifestAction {
  readonly ref: string;
  readonly entry_point: string;
}

/**
 * The actions listed in a bundles folder's manifest.json (orqc compile -o DIR);
 * undefined when the folder has none. Throws when the file is not JSON.
 */
export function readBundleManifest(dir: string): ManifestAction[] | undefined {
  const file = join(dir, "manifest.json");
  if (!existsSync(file)) return undefined;
  const data = JSON.parse(readFileSync(file, "utf8")) as { actions?: unknown };
  return Array.isArray(data.actions) ? (data.actions as ManifestAction[]) : [];
}

export class Programs {
  private readonly bundles = new Map<string, Promise<LoadedProgram>>();
  private readonly workflows = new Map<string, LoadedProgram>();
  private manifest: Map<string, ManifestAction> | undefined;

  constructor(
    readonly catalog: ActionCatalog,
    readonly bundlesDir?: string,
  ) {}

  hasBundle(ref: string): boolean {
    return this.manifestMap().has(ref);
  }

  /** REF (bundle or workflow action) or a workflow FILE. */
  resolveTarget(refOrFile: string): Loaded<Target> {
    if (/\.ya?ml$/i.test(refOrFile) || refOrFile.includes("/")) {
      const path = resolve(refOrFile);
      const problem = workflowFileProblem(path, refOrFile);
      if (problem) return { ok: false, error: problem };
      const action = this.catalog.actionOfWorkflow(path);
      return { ok: true, value: { kind: "workflow", path, ref: action?.ref ?? null } };
    }
    if (this.hasBundle(refOrFile)) return { ok: true, value: { kind: "bundle", ref: refOrFile } };
    const action = this.catalog.resolve(refOrFile);
    if (!action) {
      const where = [
        this.catalog.packDirs.length > 0 ? `packs ${this.catalog.packDirs.join(", ")}` : "no --packs given",
        this.bundlesDir ? `bundles ${this.bundlesDir}` : "no --bundles given",
      ].join("; ");
      return { ok: false, error: `no workflow or bundle named "${refOrFile}" (${where})` };
    }
    if (action.runnerType === "orquesta" && action.workflowPath)
      return { ok: true, value: { kind: "workflow", path: action.workflowPath, ref: action.ref } };
    return { ok: true, value: { kind: "action", ref: action.ref } };
  }

  async loadProgram(target: Target): Promise<Loaded<LoadedProgram>> {
    try {
      if (target.kind === "action")
        return { ok: false, error: `${target.ref} is an action, not a workflow: it has no program` };
      return target.kind === "bundle" ? await this.loadBundle(target) : this.loadWorkflow(target);
    } catch (e) {
      return { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
  }

  private loadWorkflow(target: Extract<Target, { kind: "workflow" }>): Loaded<LoadedProgram> {
    const cached = this.workflows.get(target.path);
    if (cached) return { ok: true, value: cached };
    if (!existsSync(target.path)) return { ok: false, error: `workflow file ${target.path} does not exist` };
    const text = readFileSync(target.path, "utf8");
    const loaded = loadDefinition(target.path, text);
    if (loaded.problems.length > 0)
      return { ok: false, error: loaded.problems.map((problem) => `${target.path}:${problem}`).join("; ") };
    const action = target.ref ? this.catalog.resolve(target.ref) : this.catalog.actionOfWorkflow(target.path);
    const inspection = inspectWorkflow(target.path, text, ["st2", "parent"]);
    const program: LoadedProgram = {
      target,
      ref: action?.ref ?? target.ref,
      pack: action?.pack ?? null,
      parameters: action ? action.parameters : null,
      ...(action?.outputSchema !== undefined ? { outputSchema: action.outputSchema } : {}),
      ir: buildWorkflowIR(loaded.definition),
      path: target.path,
      unit: action?.ref ?? target.path,
      ...(inspection.errors.length > 0 ? { inspectionErrors: inspection.errors } : {}),
      usesKv: text.includes("st2kv"),
    };
    this.workflows.set(target.path, program);
    return { ok: true, value: program };
  }

  private async loadBundle(target: Extract<Target, { kind: "bundle" }>): Promise<Loaded<LoadedProgram>> {
    const entry = this.manifestMap().get(target.ref);
    if (!entry || !this.bundlesDir)
      return {
        ok: false,
        error: `no compiled bundle "${target.ref}" in ${this.bundlesDir ?? "(no --bundles)"}`,
      };
    let pending = this.bundles.get(target.ref);
    if (!pending) {
      const file = join(this.bundlesDir, entry.entry_point);
      pending = import(pathToFileURL(resolve(file)).href).then(
        (mod: { default: (api: typeof runtimeApi) => CompiledBundle }) =>
          bundleProgram(target, mod.default(runtimeApi)),
      );
      // A bundle that failed to load is tried again by the next execution.
      pending.catch(() => this.bundles.delete(target.ref));
      this.bundles.set(target.ref, pending);
    }
    return { ok: true, value: await pending };
  }

  private manifestMap(): Map<string, ManifestAction> {
    if (this.manifest) return this.manifest;
    const map = new Map<string, ManifestAction>();
    const actions = this.bundlesDir ? readBundleManifest(this.bundlesDir) : undefined;
    for (const a of actions ?? []) map.set(a.ref, a);
    this.manifest = map;
    return map;
  }
}

/** What every execution of a bundle shares, built once per loaded bundle. */
function bundleProgram(target: Extract<Target, { kind: "bundle" }>, bundle: CompiledBundle): LoadedProgram {
  const program = bundle.program;
  const root = program.units[program.root]!;
  return {
    target,
    ref: root.ref ?? target.ref,
    pack: root.pack,
    parameters: root.parameters,
    // bundles of an earlier orqc have no outputSchema field
    ...(root.outputSchema !== undefined && root.outputSchema !== null
      ? { outputSchema: toJsonValue(root.outputSchema) }
      : {}),
    ir: root.workflow,
    path: root.path,
    unit: root.id,
    program,
    render: tableRenderer(bundle.expressions),
    usesKv: mentionsKv(program),
  };
}

/** Renders with a bundle's expression table: a string found there runs its compiled function. */
export function tableRenderer(table: ExpressionTable): Renderer {
  return compiledRenderer(table);
}
