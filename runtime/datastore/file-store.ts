// The embedded datastore for the CLI: one JSON file (default
// ~/.orqc/datastore.json), read on every operation and replaced atomically
// (write to a temp file, then rename) on every change, so `orqc kv set` in one
// shell is seen by `orqc run` in another. Meant for a person at a terminal,
// not for many writers: the last writer of a concurrent pair wins.

import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { itemFromWrite, kvKeyId, validateKvKey } from "../backend/kv-common";
import type { KvItem, KvKey, KvQuery, KvStore, KvWrite } from "../backend/types";

interface FileData {
  version: 1;
  items: Record<string, KvItem>;
}

export class FileKvStore implements KvStore {
  constructor(readonly path: string) {}

  async get(key: KvKey): Promise<KvItem | undefined> {
    validateKvKey(key);
    return live(this.read().items[kvKeyId(key)]);
  }

  async set(write: KvWrite): Promise<KvItem> {
    validateKvKey(write);
    const data = this.read();
    const item = itemFromWrite(write, Date.now());
    data.items[kvKeyId(write)] = item;
    this.write(data);
    return item;
  }

  async delete(key: KvKey): Promise<boolean> {
    validateKvKey(key);
    const data = this.read();
    const id = kvKeyId(key);
    const existed = live(data.items[id]) !== undefined;
    if (id in data.items) {
      delete data.items[id];
      this.write(data);
    }
    return existed;
  }

  async list(query: KvQuery): Promise<KvItem[]> {
    validateKvKey({ scope: query.scope, name: "x", user: query.user });
    return Object.values(this.read().items)
      .map(live)
      .filter((i): i is KvItem => i !== undefined)
      .filter((i) => i.scope === query.scope && i.user === query.user)
      .filter((i) => !query.prefix || i.name.startsWith(query.prefix))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  private read(): FileData {
    let text: string;
    try {
      text = readFileSync(this.path, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return { version: 1, items: Object.create(null) };
      throw err;
    }
    let data: FileData;
    try {
      data = JSON.parse(text) as FileData;
    } catch {
      throw new Error(`${this.path} is not a valid orqc datastore file (not JSON)`);
    }
    if (data?.version !== 1 || typeof data.items !== "object" || data.items === null) {
      throw new Error(`${this.path} is not a valid orqc datastore file`);
    }
    return { version: 1, items: Object.assign(Object.create(null), data.items) };
  }

  private write(data: FileData): void {
    for (const [id, item] of Object.entries(data.items)) if (!live(item)) delete data.items[id];
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(data, null, 1)}\n`, { mode: 0o600 });
    renameSync(tmp, this.path);
  }
}

function live(item: KvItem | undefined): KvItem | undefined {
  if (!item) return undefined;
  return item.expiresAt !== undefined && item.expiresAt <= Date.now() ? undefined : { ...item };
}
