// The runner contract: `run(params, ctx) -> {status, result}` with
// StackStorm's result shapes (orquesta-semantics.md §10.3). `params` are the
// final parameters (runner + action, defaults applied, templates rendered).
// A runner never throws for a failing action; it returns a status. The
// registry turns an unexpected throw into StackStorm's `{error, traceback}`.

import type { JsonObject, JsonValue } from "../backend/types";
import type { Datastore } from "../datastore/datastore";
import type { Logger } from "../observability/logger";
import type { SecretSet } from "../secrets/mask";
import type { PythonPool } from "./python/pool";

/** `pending`: waiting for an inquiry response (the inquirer runner only). */
export type RunnerStatus = "succeeded" | "failed" | "timeout" | "abandoned" | "canceled" | "pending";

export interface RunnerResult {
  readonly status: RunnerStatus;
  readonly result: JsonValue;
}

/** One parameter of an action's (or runner's) metadata. */
export interface ParamMeta {
  readonly type?: string;
  readonly default?: JsonValue;
  readonly required?: boolean;
  readonly immutable?: boolean;
  readonly secret?: boolean;
  readonly position?: number;
  readonly description?: string;
}

export interface ActionInfo {
  /** "pack.name" */
  readonly ref: string;
  readonly pack: string;
  readonly runnerType: string;
  /** Absolute path of the script / module (resolved against the pack's actions/ folder). */
  readonly entryPoint?: string;
  /** The action's own parameters (script runners pass these as arguments). */
  readonly parameters?: Readonly<Record<string, ParamMeta>>;
  /** The pack's root folder. */
  readonly packDir?: string;
}

export interface RunnerContext {
  readonly action?: ActionInfo;
  /** Who runs it (st2 `user`); default "stanley". */
  readonly user?: string;
  readonly execId?: string;
  /** The pack config (config.schema.yaml defaults + configs/<pack>.yaml). */
  readonly config?: JsonObject;
  /** st2kv access for python actions' action_service. */
  readonly datastore?: Datastore;
  /** Collects secret values so logs and printed results can mask them. */
  readonly secrets?: SecretSet;
  /** Aborting cancels the action (status "canceled"). */
  readonly signal?: AbortSignal;
  readonly logger?: Logger;
  /** Warm Python processes for python-script (default: one shared pool per process). */
  readonly pythonPool?: PythonPool;
}

export interface Runner {
  readonly name: string;
  /** Names of the runner's own parameters (not passed to scripts as arguments). */
  readonly runnerParameters: Readonly<Record<string, ParamMeta>>;
  run(params: JsonObject, ctx: RunnerContext): Promise<RunnerResult>;
}

export const DEFAULT_USER = "stanley";

/** The user commands act as: ORQC_USER, else StackStorm's default user. */
export function currentUser(env: NodeJS.ProcessEnv = process.env): string {
  return env.ORQC_USER || DEFAULT_USER;
}
