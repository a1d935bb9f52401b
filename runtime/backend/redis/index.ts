// The Redis backend: many worker processes (on many machines) coordinate
// through one Redis. See keys.ts for the key layout and scripts.ts for the
// atomic changes.

import type { Redis } from "ioredis";
import type { Backend } from "../types";
import { createRedisClient, describeRedis, pingRedis, type RedisConfig } from "./connection";
import { RedisExecutionStore } from "./executions";
import { RedisInquiryStore } from "./inquiries";
import { RedisJournalStore } from "./journal";
import { type KeySpace, keySpace } from "./keys";
import { RedisKvStore } from "./kv";
import { type OutageWatch, watchOutage } from "./outage";
import { RedisJobQueue } from "./queue";
import { RedisTimerStore } from "./timers";

export { DEFAULT_REDIS_URL, describeRedis, type RedisConfig } from "./connection";
export { type KeySpace, keySpace } from "./keys";
export { type OutageWatch, unlessOutage } from "./outage";

export class RedisBackend implements Backend {
  readonly kind = "redis" as const;
  readonly keys: KeySpace;
  readonly executions: RedisExecutionStore;
  readonly journal: RedisJournalStore;
  readonly timers: RedisTimerStore;
  readonly kv: RedisKvStore;
  readonly queue: RedisJobQueue;
  readonly inquiries: RedisInquiryStore;
  private readonly redis: Redis;

  constructor(readonly config: RedisConfig = {}) {
    this.keys = keySpace(config.prefix ?? "orqc");
    this.redis = createRedisClient(config, "commands");
    this.executions = new RedisExecutionStore(this.redis, this.keys);
    this.journal = new RedisJournalStore(this.redis, this.keys);
    this.timers = new RedisTimerStore(this.redis, this.keys);
    this.kv = new RedisKvStore(this.redis, this.keys);
    this.queue = new RedisJobQueue(config, this.keys);
    this.inquiries = new RedisInquiryStore(this.redis, this.keys);
  }

  async ping(): Promise<void> {
    await pingRedis(this.redis, this.config);
  }

  /** A deadline on the command connection staying down (see outage.ts). */
  watchOutage(limitMs: number): OutageWatch {
    return watchOutage(this.redis, limitMs, describeRedis(this.config));
  }

  /** Deletes every key under this backend's prefix (tests; `orqc` never calls it). */
  async purge(): Promise<void> {
    const p = this.keys.prefix;
    for (const pattern of [`${p}:*`, `{${p}:*`]) {
      let cursor = "0";
      do {
        const [next, keys] = await this.redis.scan(cursor, "MATCH", pattern, "COUNT", 500);
        cursor = next;
        if (keys.length > 0) await this.redis.unlink(...keys);
      } while (cursor !== "0");
    }
  }

  async close(): Promise<void> {
    await this.queue.close();
    this.redis.disconnect();
  }
}

/** Connects and checks Redis answers; throws BackendUnavailableError otherwise. */
export async function connectRedisBackend(config: RedisConfig = {}): Promise<RedisBackend> {
  const backend = new RedisBackend(config);
  try {
    await backend.ping();
  } catch (err) {
    await backend.close();
    throw err;
  }
  return backend;
}
