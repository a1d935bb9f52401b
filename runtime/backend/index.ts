// Choosing a backend: Redis when a URL is given, otherwise the embedded one.

import { MemoryBackend } from "./memory/index";
import { connectRedisBackend, type RedisConfig } from "./redis/index";
import type { Backend, KvStore } from "./types";

export { newExecutionId } from "./ids";
export { createMemoryBackend, MemoryBackend } from "./memory/index";
export { connectRedisBackend, DEFAULT_REDIS_URL, RedisBackend, type RedisConfig } from "./redis/index";
export * from "./types";

export interface BackendOptions {
  /** Redis settings; absent = embedded (memory). */
  readonly redis?: RedisConfig;
  /** Embedded only: the datastore to use (e.g. the file-backed CLI store). */
  readonly kv?: KvStore;
}

export async function openBackend(options: BackendOptions = {}): Promise<Backend> {
  if (options.redis) return connectRedisBackend(options.redis);
  return new MemoryBackend(options.kv ? { kv: options.kv } : {});
}
