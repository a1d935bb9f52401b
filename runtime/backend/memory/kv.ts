// In-memory datastore items, keyed by scope/user/name; expiry is checked on
// read, so an expired item is simply never returned.

import { itemFromWrite, kvKeyId, validateKvKey } from "../kv-common";
import type { KvItem, KvKey, KvQuery, KvStore, KvWrite } from "../types";

export class MemoryKvStore implements KvStore {
  protected readonly items = new Map<string, KvItem>();

  async get(key: KvKey): Promise<KvItem | undefined> {
    validateKvKey(key);
    return this.live(kvKeyId(key));
  }

  async set(write: KvWrite): Promise<KvItem> {
    validateKvKey(write);
    const item = itemFromWrite(write, Date.now());
    this.items.set(kvKeyId(write), item);
    return { ...item };
  }

  async delete(key: KvKey): Promise<boolean> {
    validateKvKey(key);
    const id = kvKeyId(key);
    const existed = this.live(id) !== undefined;
    this.items.delete(id);
    return existed;
  }

  async list(query: KvQuery): Promise<KvItem[]> {
    validateKvKey({ scope: query.scope, name: "x", user: query.user });
    const out: KvItem[] = [];
    for (const id of this.items.keys()) {
      const item = this.live(id);
      if (!item || item.scope !== query.scope || item.user !== query.user) continue;
      if (query.prefix && !item.name.startsWith(query.prefix)) continue;
      out.push(item);
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  private live(id: string): KvItem | undefined {
    const item = this.items.get(id);
    if (!item) return undefined;
    if (item.expiresAt !== undefined && item.expiresAt <= Date.now()) {
      this.items.delete(id);
      return undefined;
    }
    return { ...item };
  }
}
