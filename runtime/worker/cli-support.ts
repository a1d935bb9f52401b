// Shared by the run/worker/status/executions/control commands: Redis
// settings from flags and environment, the embedded backend sharing the CLI's
// datastore file, and the local store of finished embedded runs (so that
// `orqc status ID` works after an embedded `orqc run`).

import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { MemoryBackend } from "../backend/memory/index";
import { connectRedisBackend, type RedisBackend, type RedisConfig } from "../backend/redis/index";
import type { ExecutionRecord } from "../backend/types";
import { parseValue, stringifyValue } from "../backend/value-json";
import { Datastore } from "../datastore/datastore";
import { FileKvStore } from "../datastore/file-store";
import { defaultDatastorePath, orqcHome } from "../datastore/home";

export interface RedisFlags {
  readonly redis?: string;
  readonly redisPrefix?: string;
}

export class UsageError extends Error {}

export function redisConfig(flags: RedisFlags, extra: Partial<RedisConfig> = {}): RedisConfig {
  const env = process.env;
  const prefix = flags.redisPrefix ?? env.ORQC_REDIS_PREFIX;
  return {
    ...(flags.redis ? { url: flags.redis } : {}),
    ...(env.ORQC_REDIS_PASSWORD ? { password: env.ORQC_REDIS_PASSWORD } : {}),
    ...(prefix ? { prefix } : {}),
    ...extra,
  };
}

export function openRedis(flags: RedisFlags, extra: Partial<RedisConfig> = {}): Promise<RedisBackend> {
  return connectRedisBackend(redisConfig(flags, extra));
}

/** The embedded backend: in memory, with the datastore file `orqc kv` uses. */
export function openEmbedded(): { backend: MemoryBackend; datastore: Datastore } {
  const kv = new FileKvStore(defaultDatastorePath());
  return { backend: new MemoryBackend({ kv }), datastore: new Datastore(kv) };
}

function runsDir(): string {
  return join(orqcHome(), "executions");
}

export function saveEmbeddedRecord(records: readonly ExecutionRecord[]): void {
  const dir = runsDir();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const r of records)
    writeFileSync(join(dir, `${r.id}.json`), `${stringifyValue(r)}\n`, { mode: 0o600 });
}

export function loadEmbeddedRecord(id: string): ExecutionRecord | undefined {
  if (!/^[A-Za-z0-9_.:-]{1,200}$/.test(id)) return undefined;
  const file = join(runsDir(), `${id}.json`);
  return existsSync(file) ? parseValue<ExecutionRecord>(readFileSync(file, "utf8")) : undefined;
}

export function listEmbeddedRecords(): ExecutionRecord[] {
  const dir = runsDir();
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => parseValue<ExecutionRecord>(readFileSync(join(dir, f), "utf8")))
    .sort((a, b) => b.createdAt - a.createdAt);
}

/** Removes the local records of these embedded runs (unknown ids are ignored). */
export function deleteEmbeddedRecords(ids: readonly string[]): void {
  for (const id of ids)
    if (/^[A-Za-z0-9_.:-]{1,200}$/.test(id)) rmSync(join(runsDir(), `${id}.json`), { force: true });
}

/** `key=value` flags; values stay text (the action's parameter types cast them). */
export function parseParams(pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new UsageError(`-p expects key=value, got "${pair}"`);
    Object.defineProperty(out, pair.slice(0, eq), {
      value: pair.slice(eq + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** Default seconds a client command waits for an unreachable Redis to come back. */
export const DEFAULT_REDIS_TIMEOUT_S = 20;

/**
 * How long a client command (run --wait, status, executions, cancel) waits for
 * Redis to come back: `--redis-timeout` if given, else ORQC_REDIS_TIMEOUT, else 20 s.
 */
export function redisTimeoutMs(flag?: string): number {
  const env = process.env.ORQC_REDIS_TIMEOUT;
  if (flag !== undefined) return positiveInt(flag, "--redis-timeout") * 1000;
  if (env !== undefined && env !== "") return positiveInt(env, "ORQC_REDIS_TIMEOUT") * 1000;
  return DEFAULT_REDIS_TIMEOUT_S * 1000;
}

export function positiveInt(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`${flag} must be a positive integer, got "${text}"`);
  return n;
}
