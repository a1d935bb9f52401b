// Datastore key rules shared by both backends.

import type { KvItem, KvKey, KvWrite } from "./types";

export function validateKvKey(key: KvKey): void {
  if (key.scope !== "system" && key.scope !== "user") {
    throw new Error(`invalid datastore scope ${JSON.stringify(key.scope)} (expected system or user)`);
  }
  if (key.scope === "user" && !key.user) throw new Error("the user scope needs a user name");
  if (key.scope === "system" && key.user !== undefined) throw new Error("the system scope has no user");
  if (key.name.length === 0) throw new Error("datastore key names cannot be empty");
}

/** One string per key, unambiguous because the user name is length-prefixed. */
export function kvKeyId(key: KvKey): string {
  return key.scope === "system" ? `system:${key.name}` : `user:${key.user!.length}:${key.user}:${key.name}`;
}

export function itemFromWrite(write: KvWrite, now: number): KvItem {
  if (write.ttl !== undefined && (!Number.isFinite(write.ttl) || write.ttl < 0)) {
    throw new Error(`invalid ttl ${write.ttl}: expected a number of seconds >= 0`);
  }
  return {
    scope: write.scope,
    name: write.name,
    ...(write.user !== undefined ? { user: write.user } : {}),
    value: write.value,
    secret: write.secret ?? false,
    ...(write.ttl ? { expiresAt: now + Math.round(write.ttl * 1000) } : {}),
  };
}
