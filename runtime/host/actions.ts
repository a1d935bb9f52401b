// Action lookup for the host: the loader's metadata (packs given to the
// worker, then StackStorm's core actions) turned into what a run needs: the
// runner, the entry point, every parameter with its default and secrecy, and,
// for workflow actions, the workflow file.

import { dirname, resolve } from "node:path";
import { canonicalRunner, type LoadResult, loadPaths } from "../../compiler/load/index";
import { toPyValue } from "../../compiler/load/yaml-node";
import type { JsonValue } from "../backend/types";
import type { ActionInfo, ParamMeta } from "../runners/types";
import { isDict, type PyValue } from "../stdlib/py/value";
import { toJsonValue } from "./json";

export interface ResolvedAction {
  readonly ref: string;
  readonly pack: string;
  /** Canonical runner name (aliases resolved). */
  readonly runnerType: string;
  readonly info: ActionInfo;
  /** The action's own parameters with defaults (metadata form). */
  readonly parameters: Readonly<Record<string, PyValue>>;
  /** Orquesta actions: the workflow file. */
  readonly workflowPath?: string;
  readonly packDir?: string;
  /** The metadata's `output_schema`, when it has one (runtime/output-schema). */
  readonly outputSchema?: JsonValue;
}

/** Core actions whose metadata sets defaults the loader's summary does not carry. */
const CORE_DEFAULTS: Readonly<Record<string, Readonly<Record<string, PyValue>>>> = {
  "core.local_sudo": { sudo: { type: "boolean", default: true, immutable: true } },
  "core.remote_sudo": { sudo: { type: "boolean", default: true, immutable: true } },
};

export class ActionCatalog {
  private readonly cache = new Map<string, ResolvedAction | null>();
  readonly load: LoadResult;

  constructor(readonly packDirs: readonly string[]) {
    this.load = loadPaths(packDirs);
  }

  packDir(pack: string): string | undefined {
    return this.load.packs.find((p) => p.name === pack)?.dir;
  }

  resolve(ref: string): ResolvedAction | undefined {
    if (this.cache.has(ref)) return this.cache.get(ref) ?? undefined;
    const found = this.build(ref);
    this.cache.set(ref, found ?? null);
    return found;
  }

  /** The action whose entry point is this workflow file, if a loaded pack has one. */
  actionOfWorkflow(path: string): ResolvedAction | undefined {
    const abs = resolve(path);
    const wf = this.load.workflows.find((w) => resolve(w.path) === abs);
    const ref = wf?.actionRefs[0];
    return ref ? this.resolve(ref) : undefined;
  }

  private build(ref: string): ResolvedAction | undefined {
    const meta = this.load.resolveAction(ref);
    if (!meta) return undefined;
    const runnerType = ref === "core.echo" ? "echo" : canonicalRunner(meta.runnerType);
    let parameters: Record<string, PyValue> = {};
    let outputSchema: JsonValue | undefined;
    if (meta.node) {
      const full = toPyValue(meta.node);
      if (isDict(full) && isDict(full.parameters)) parameters = { ...full.parameters };
      if (isDict(full) && full.output_schema !== undefined) outputSchema = toJsonValue(full.output_schema);
    } else {
      for (const [name, spec] of Object.entries(meta.parameters)) {
        // The summary knows a default exists but not its value: the runner supplies it.
        const { hasDefault, required, ...rest } = spec;
        parameters[name] = (hasDefault || !required ? rest : { ...rest, required }) as unknown as PyValue;
      }
      Object.assign(parameters, CORE_DEFAULTS[ref] ?? {});
    }
    const packDir = this.packDir(meta.pack);
    const actionsDir = meta.file ? dirname(meta.file.path) : undefined;
    const entryPoint = meta.entryPoint && actionsDir ? resolve(actionsDir, meta.entryPoint) : undefined;
    const info: ActionInfo = {
      ref: meta.ref,
      pack: meta.pack,
      runnerType,
      ...(entryPoint ? { entryPoint } : {}),
      parameters: parameters as unknown as Record<string, ParamMeta>,
      ...(packDir ? { packDir } : {}),
    };
    return {
      ref: meta.ref,
      pack: meta.pack,
      runnerType,
      info,
      parameters,
      ...(meta.workflowPath ? { workflowPath: meta.workflowPath } : {}),
      ...(packDir ? { packDir } : {}),
      ...(outputSchema !== undefined ? { outputSchema } : {}),
    };
  }
}
