// Redis connections: URL (redis:// or rediss:// for TLS), password, key
// prefix, and the BullMQ lock settings. Scripts run through EVALSHA with an
// EVAL fallback (after a Redis restart the script cache is empty).

import { createHash } from "node:crypto";
import type { Redis, RedisOptions } from "ioredis";
import { lazyPackage } from "../../lazy-package";
import { BackendUnavailableError } from "../types";
import type { LuaScript } from "./scripts";

export interface RedisConfig {
  /** Default redis://127.0.0.1:6379. `rediss://` turns TLS on. */
  readonly url?: string;
  readonly password?: string;
  /** Forces TLS on (true) or passes tls options to ioredis. */
  readonly tls?: boolean | NonNullable<RedisOptions["tls"]>;
  /** Key prefix; default "orqc". Tests use a random one each. */
  readonly prefix?: string;
  /** BullMQ: how long a dead worker's job stays locked before another takes it (default 30000). */
  readonly lockDurationMs?: number;
  /** BullMQ: how often workers look for stalled jobs (default 15000). */
  readonly stalledIntervalMs?: number;
  /** ping() gives up after this (default 3000). */
  readonly connectTimeoutMs?: number;
}

export const DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";

export function redisOptions(config: RedisConfig, purpose: "commands" | "queue"): RedisOptions {
  const url = new URL(config.url ?? DEFAULT_REDIS_URL);
  const tls =
    config.tls === true || (config.tls === undefined && url.protocol === "rediss:")
      ? {}
      : config.tls === false
        ? undefined
        : config.tls;
  return {
    host: url.hostname || "127.0.0.1",
    port: url.port ? Number(url.port) : 6379,
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(config.password !== undefined
      ? { password: config.password }
      : url.password
        ? { password: decodeURIComponent(url.password) }
        : {}),
    ...(url.pathname.length > 1 ? { db: Number(url.pathname.slice(1)) || 0 } : {}),
    ...(tls ? { tls } : {}),
    lazyConnect: true,
    // Keep reconnecting through a Redis restart; queued commands then go on.
    retryStrategy: (times: number) => Math.min(100 * times, 2000),
    maxRetriesPerRequest: purpose === "queue" ? null : 50,
    enableReadyCheck: true,
  };
}

const ioredis = lazyPackage<typeof import("ioredis")>("ioredis");

export function createRedisClient(config: RedisConfig, purpose: "commands" | "queue"): Redis {
  const client = new (ioredis().Redis)(redisOptions(config, purpose));
  // Errors surface on commands and in ping(); an unhandled 'error' event would crash the process.
  client.on("error", () => {});
  return client;
}

/**
 * An error that says the connection to Redis is gone (ioredis gave up on a
 * command), as opposed to an error Redis answered with.
 */
export function isConnectionError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err.name === "MaxRetriesPerRequestError") return true;
  return /Connection is closed|Stream isn't writeable|ECONNREFUSED|ECONNRESET|EPIPE/.test(err.message);
}

/** The URL without its password, for messages. */
export function describeRedis(config: RedisConfig): string {
  const url = new URL(config.url ?? DEFAULT_REDIS_URL);
  url.password = "";
  url.username = "";
  return url.toString().replace(/\/$/, "");
}

export async function pingRedis(client: Redis, config: RedisConfig): Promise<void> {
  const timeout = config.connectTimeoutMs ?? 3000;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      (async () => {
        if (client.status === "wait") await client.connect();
        await client.ping();
      })(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeout} ms`)), timeout);
      }),
    ]);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new BackendUnavailableError(`cannot reach Redis at ${describeRedis(config)}: ${why}`);
  } finally {
    clearTimeout(timer);
  }
}

const shas = new WeakMap<LuaScript, string>();

export async function runScript(
  client: Redis,
  script: LuaScript,
  keys: readonly string[],
  args: readonly (string | number)[],
): Promise<unknown> {
  if (keys.length !== script.numberOfKeys)
    throw new Error(`${script.name}: expected ${script.numberOfKeys} keys`);
  let sha = shas.get(script);
  if (!sha) {
    sha = createHash("sha1").update(script.lua).digest("hex");
    shas.set(script, sha);
  }
  try {
    return await client.evalsha(sha, keys.length, ...keys, ...args);
  } catch (err) {
    if (!(err instanceof Error) || !err.message.includes("NOSCRIPT")) throw err;
    return await client.eval(script.lua, keys.length, ...keys, ...args);
  }
}
