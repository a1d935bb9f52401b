// What the loader knows about packs and actions.

import type { Diagnostic } from "../source/diagnostic";
import type { SourceFile } from "../source/source-file";
import type { YMap, YNode } from "./yaml-node";

/** One parameter of an action or runner, as far as checking needs it. */
export interface ParamSpec {
  readonly type?: string | readonly string[];
  readonly required?: boolean;
  readonly hasDefault?: boolean;
  readonly immutable?: boolean;
}

export interface ActionMeta {
  /** `pack.name` */
  readonly ref: string;
  readonly pack: string;
  readonly name: string;
  /** Runner as written in the metadata (legacy names included). */
  readonly runnerType: string;
  /** Path relative to the pack's actions/ folder, "" for command runners. */
  readonly entryPoint: string;
  /** The action's own parameters. */
  readonly parameters: Readonly<Record<string, ParamSpec>>;
  readonly enabled: boolean;
  /** The metadata file (absent for the built-in core actions). */
  readonly file?: SourceFile;
  readonly node?: YMap;
  /** Absolute path of the workflow file, for orquesta actions. */
  readonly workflowPath?: string;
  readonly builtin: boolean;
}

export interface PackInfo {
  readonly name: string;
  readonly dir: string;
  /** pack.yaml, when the pack has one. */
  readonly file?: SourceFile;
  /** config.schema.yaml (pack configuration parameters and their defaults), when present. */
  readonly configSchema?: YNode;
}

export interface LoadedWorkflow {
  readonly path: string;
  readonly file: SourceFile;
  /** null when the YAML could not be parsed or is empty. */
  readonly root: YNode | null;
  /** Pack the file belongs to, when it lies inside one. */
  readonly pack?: string;
  /** Refs of the actions whose entry point is this file. */
  readonly actionRefs: readonly string[];
}

export interface LoadResult {
  readonly packs: readonly PackInfo[];
  /** Every action loaded from metadata files, by ref (core built-ins not included). */
  readonly actions: ReadonlyMap<string, ActionMeta>;
  readonly workflows: readonly LoadedWorkflow[];
  /** Problems found while loading (unreadable files, YAML errors, bad metadata). */
  readonly diagnostics: readonly Diagnostic[];
  /**
   * Finds an action by ref: loaded metadata first (preferring the pack that the
   * file `from` lies in, when several loaded packs define the ref), then
   * StackStorm's core actions.
   */
  resolveAction(ref: string, from?: string): ActionMeta | undefined;
  /** Parameters an action accepts: its runner's, overridden by its own. */
  parametersOf(action: ActionMeta): Readonly<Record<string, ParamSpec>> | undefined;
}
