// Datastore items on Redis: one string key per item (Redis expires it for a
// TTL) and a sorted-set index of names per scope, for listing. Both share the
// `{<prefix>:kv}` hash tag and change together (Lua).

import type { Redis } from "ioredis";
import { itemFromWrite, validateKvKey } from "../kv-common";
import type { KvItem, KvKey, KvQuery, KvStore, KvWrite } from "../types";
import { runScript } from "./connection";
import type { KeySpace } from "./keys";
import { kvDelete, kvSet } from "./scripts";

interface StoredItem {
  value: string;
  secret: boolean;
  expiresAt?: number;
}

export class RedisKvStore implements KvStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: KeySpace,
  ) {}

  async get(key: KvKey): Promise<KvItem | undefined> {
    validateKvKey(key);
    const text = await this.redis.get(this.keys.kvItem(key));
    return text === null ? undefined : toItem(key, text);
  }

  async set(write: KvWrite): Promise<KvItem> {
    validateKvKey(write);
    const item = itemFromWrite(write, Date.now());
    const stored: StoredItem = {
      value: item.value,
      secret: item.secret,
      ...(item.expiresAt !== undefined ? { expiresAt: item.expiresAt } : {}),
    };
    const ttlMs = write.ttl ? Math.round(write.ttl * 1000) : 0;
    await runScript(
      this.redis,
      kvSet,
      [this.keys.kvItem(write), this.keys.kvIndex(write)],
      [JSON.stringify(stored), ttlMs, write.name],
    );
    return item;
  }

  async delete(key: KvKey): Promise<boolean> {
    validateKvKey(key);
    const n = await runScript(
      this.redis,
      kvDelete,
      [this.keys.kvItem(key), this.keys.kvIndex(key)],
      [key.name],
    );
    return n === 1;
  }

  async list(query: KvQuery): Promise<KvItem[]> {
    validateKvKey({ scope: query.scope, name: "x", user: query.user });
    const index = this.keys.kvIndex(query);
    const names = (await this.redis.zrange(index, 0, -1)).filter(
      (n) => !query.prefix || n.startsWith(query.prefix),
    );
    if (names.length === 0) return [];
    const keys = names.map((name) => ({
      scope: query.scope,
      name,
      ...(query.user ? { user: query.user } : {}),
    }));
    const texts = await this.redis.mget(...keys.map((k) => this.keys.kvItem(k)));
    const out: KvItem[] = [];
    const expired: string[] = [];
    texts.forEach((text, i) => {
      if (text === null) expired.push(names[i]!);
      else out.push(toItem(keys[i]!, text));
    });
    // Redis expired these items; drop their names from the index too.
    if (expired.length > 0) await this.redis.zrem(index, ...expired);
    return out;
  }
}

function toItem(key: KvKey, text: string): KvItem {
  const stored = JSON.parse(text) as StoredItem;
  return {
    scope: key.scope,
    name: key.name,
    ...(key.user !== undefined ? { user: key.user } : {}),
    value: stored.value,
    secret: stored.secret,
    ...(stored.expiresAt !== undefined ? { expiresAt: stored.expiresAt } : {}),
  };
}
