// Opens a Redis backend on a random key prefix; fails (never skips) with a
// clear message when no Redis answers.

import { randomBytes } from "node:crypto";
import { RedisBackend, type RedisConfig } from "../../../runtime/backend/redis/index";

export const TEST_REDIS_URL = process.env.ORQC_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

export function testPrefix(): string {
  return `orqctest-${randomBytes(6).toString("hex")}`;
}

export async function openTestRedis(config: Partial<RedisConfig> = {}): Promise<RedisBackend> {
  const backend = new RedisBackend({
    url: TEST_REDIS_URL,
    prefix: testPrefix(),
    lockDurationMs: 1000,
    stalledIntervalMs: 500,
    connectTimeoutMs: 2000,
    ...config,
  });
  try {
    await backend.ping();
  } catch (err) {
    await backend.close();
    const why = err instanceof Error ? err.message : String(err);
    throw new Error(
      `${why}\nRedis is needed for this test; start one with: redis-server --daemonize yes --port 6379 --save ''`,
    );
  }
  return backend;
}
