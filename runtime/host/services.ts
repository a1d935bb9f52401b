// Everything an execution run needs from its worker: the backend, the packs
// and bundles it can run, runners, the datastore, logging and settings.

import { randomBytes } from "node:crypto";
import type { Backend } from "../backend/types";
import { Datastore } from "../datastore/datastore";
import { createLogger, type Logger } from "../observability/logger";
import type { RuntimeMetrics } from "../observability/metrics";
import { RunnerRegistry } from "../runners/registry";
import { SecretSet } from "../secrets/mask";
import { ActionCatalog } from "./actions";
import { Programs } from "./programs";

export interface HostServices {
  readonly backend: Backend;
  readonly programs: Programs;
  readonly catalog: ActionCatalog;
  readonly runners: RunnerRegistry;
  readonly datastore: Datastore;
  readonly logger: Logger;
  readonly secrets: SecretSet;
  /** ORQC_TIME_SCALE: multiplies every task and retry delay. */
  readonly timeScale: number;
  readonly workerId: string;
  /** Execution lease; renewed while a run is active. */
  readonly leaseMs: number;
  /** Waits longer than this (ms, scaled) are journaled and give the worker slot back. */
  readonly shortWaitMs: number;
  readonly metrics?: RuntimeMetrics;
  /** StackStorm's system.validate_output_schema: a succeeded output that does not match the action's output_schema fails. */
  readonly validateOutputSchema: boolean;
  /** Set on SIGTERM: runs stop starting actions and give their jobs back. */
  draining: boolean;
}

export interface HostServicesOptions {
  readonly backend: Backend;
  readonly packs?: readonly string[];
  readonly bundlesDir?: string;
  readonly datastore?: Datastore;
  readonly logger?: Logger;
  readonly secrets?: SecretSet;
  readonly timeScale?: number;
  readonly leaseMs?: number;
  readonly shortWaitMs?: number;
  readonly metrics?: RuntimeMetrics;
  readonly runners?: RunnerRegistry;
  /** Default: ORQC_VALIDATE_OUTPUT_SCHEMA (1/true), else off as in StackStorm. */
  readonly validateOutputSchema?: boolean;
}

export function timeScaleFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.ORQC_TIME_SCALE;
  const n = raw === undefined || raw === "" ? 1 : Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : 1;
}

export function validateOutputSchemaFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  return /^(1|true|yes)$/i.test(env.ORQC_VALIDATE_OUTPUT_SCHEMA ?? "");
}

export function createHostServices(options: HostServicesOptions): HostServices {
  const catalog = new ActionCatalog(options.packs ?? []);
  const secrets = options.secrets ?? new SecretSet();
  return {
    backend: options.backend,
    catalog,
    programs: new Programs(catalog, options.bundlesDir),
    runners: options.runners ?? new RunnerRegistry(),
    datastore: options.datastore ?? new Datastore(options.backend.kv),
    logger: options.logger ?? createLogger({ secrets }),
    secrets,
    timeScale: options.timeScale ?? timeScaleFromEnv(),
    workerId: `w-${process.pid}-${randomBytes(4).toString("hex")}`,
    leaseMs: options.leaseMs ?? 10_000,
    shortWaitMs: options.shortWaitMs ?? 50,
    ...(options.metrics ? { metrics: options.metrics } : {}),
    validateOutputSchema: options.validateOutputSchema ?? validateOutputSchemaFromEnv(),
    draining: false,
  };
}
