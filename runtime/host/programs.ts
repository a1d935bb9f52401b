// What an execution runs: a compiled bundle (from `orqc compile -o DIR`) or a
// workflow YAML run by the reference interpreter. `resolveTarget` turns what a
// user typed (REF or FILE) into a target; `loadProgram` turns a target into
// the workflow IR, parameters and expression table the host needs.
//
// A file that changes on disk (an edited workflow, a new `orqc compile`) is
// loaded again for the executions that start afterwards. Each loaded program
// has a version (a hash of its file); an execution keeps the version it was
// submitted with, and its later runs (replays) get that version again while
// this process still has it, as StackStorm keeps a workflow's spec on its
// execution record.

import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
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
  /** A hash of the file the program was loaded from. */
  readonly version: string;
}

const versionOf = (content: string | Buffer): string =>
  createHash("sha256").update(content).digest("hex").slice(0, 16);

/** A file as last seen: its stat and what was loaded from it. */
interface Seen<T> {
  readonly mtimeMs: number;
  readonly size: number;
  readonly value: T;
}

/** What `path` holds now: `load` again only when its modification time or size changed. */
function fresh<T>(cache: Map<string, Seen<T>>, path: string, load: () => T): T {
  const st = statSync(path);
  const seen = cache.get(path);
  if (seen && seen.mtimeMs === st.mtimeMs && seen.size === st.size) return seen.value;
  const value = load();
  cache.set(path, { mtimeMs: st.mtimeMs, size: st.size, value });
  return value;
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
  /** Loaded programs by file and version: what an execution pinned stays here while the file changes. */
  private readonly versions = new Map<string, Promise<LoadedProgram> | LoadedProgram>();
  /** The version each file has now. */
  private readonly current = new Map<string, Seen<string>>();
  private readonly manifests = new Map<string, Seen<Map<string, ManifestAction>>>();

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

  /**
   * The program of a target: the version `pinned` when this process has it
   * (an execution's later runs), else what the file holds now.
   */
  async loadProgram(target: Target, pinned?: string): Promise<Loaded<LoadedProgram>> {
    try {
      if (target.kind === "action")
        return { ok: false, error: `${target.ref} is an action, not a workflow: it has no program` };
      return target.kind === "bundle"
        ? await this.loadBundle(target, pinned)
        : this.loadWorkflow(target, pinned);
    } catch (e) {
      return { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
  }

  /** The program of `file` at `pinned` if loaded before, else at the file's current version. */
  private pick(
    file: string,
    pinned: string | undefined,
    load: (content: Buffer, version: string) => Promise<LoadedProgram> | LoadedProgram,
  ): Promise<LoadedProgram> | LoadedProgram {
    const kept = pinned === undefined ? undefined : this.versions.get(`${file}#${pinned}`);
    if (kept) return kept;
    // Read once when the file changed; read again only for a version whose load failed before.
    let content: Buffer | undefined;
    const version = fresh(this.current, file, () => versionOf((content = readFileSync(file))));
    const key = `${file}#${version}`;
    let program = this.versions.get(key);
    if (!program) {
      program = load(content ?? readFileSync(file), version);
      // A program that failed to load is tried again by the next execution.
      if (program instanceof Promise) program.catch(() => this.versions.delete(key));
      this.versions.set(key, program);
    }
    return program;
  }

  private loadWorkflow(
    target: Extract<Target, { kind: "workflow" }>,
    pinned?: string,
  ): Loaded<LoadedProgram> {
    if (!existsSync(target.path)) return { ok: false, error: `workflow file ${target.path} does not exist` };
    const program = this.pick(target.path, pinned, (content, version) =>
      this.buildWorkflow(target, content.toString("utf8"), version),
    );
    return { ok: true, value: program as LoadedProgram };
  }

  /** Throws the file's problems (loadProgram reports them). */
  private buildWorkflow(
    target: Extract<Target, { kind: "workflow" }>,
    text: string,
    version: string,
  ): LoadedProgram {
    const loaded = loadDefinition(target.path, text);
    if (loaded.problems.length > 0)
      throw new Error(loaded.problems.map((problem) => `${target.path}:${problem}`).join("; "));
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
      version,
    };
    return program;
  }

  private async loadBundle(
    target: Extract<Target, { kind: "bundle" }>,
    pinned?: string,
  ): Promise<Loaded<LoadedProgram>> {
    const entry = this.manifestMap().get(target.ref);
    if (!entry || !this.bundlesDir)
      return {
        ok: false,
        error: `no compiled bundle "${target.ref}" in ${this.bundlesDir ?? "(no --bundles)"}`,
      };
    const file = resolve(join(this.bundlesDir, entry.entry_point));
    // The version in the URL makes Node load a changed bundle again (it keeps every module it imported).
    const program = this.pick(file, pinned, (_content, version) =>
      import(`${pathToFileURL(file).href}?v=${version}`).then(
        (mod: { default: (api: typeof runtimeApi) => CompiledBundle }) =>
          bundleProgram(target, mod.default(runtimeApi), version),
      ),
    );
    return { ok: true, value: await program };
  }

  private manifestMap(): Map<string, ManifestAction> {
    if (!this.bundlesDir) return new Map();
    const file = join(this.bundlesDir, "manifest.json");
    if (!existsSync(file)) return new Map();
    return fresh(this.manifests, file, () => {
      const map = new Map<string, ManifestAction>();
      for (const a of readBundleManifest(this.bundlesDir!) ?? []) map.set(a.ref, a);
      return map;
    });
  }
}

/** What every execution of a bundle shares, built once per loaded bundle. */
function bundleProgram(
  target: Extract<Target, { kind: "bundle" }>,
  bundle: CompiledBundle,
  version: string,
): LoadedProgram {
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
    version,
  };
}

/** Renders with a bundle's expression table: a string found there runs its compiled function. */
export function tableRenderer(table: ExpressionTable): Renderer {
  return compiledRenderer(table);
}
