// The st2kv datastore over a backend's KvStore: encrypts secret values,
// decrypts on request, resolves Orquesta's `st2kv('system.x')` / `st2kv('x')`
// names, and gives the expression engine a synchronous reader.

import type { KvItem, KvKey, KvQuery, KvScope, KvStore, KvWrite } from "../backend/types";
import { defaultCipher, type KvCipher } from "./cipher";

export interface ReadOptions {
  /** Return the plain text of a secret (otherwise its ciphertext, as StackStorm does). */
  readonly decrypt?: boolean;
}

/** Synchronous st2kv lookup for expressions: value or undefined when missing. */
export type St2kvReader = (key: string, decrypt: boolean) => string | undefined;

export class Datastore {
  constructor(
    readonly kv: KvStore,
    private readonly cipher: KvCipher = defaultCipher(),
  ) {}

  async get(key: KvKey, options: ReadOptions = {}): Promise<KvItem | undefined> {
    const item = await this.kv.get(key);
    return item && this.reveal(item, options);
  }

  async set(write: KvWrite): Promise<KvItem> {
    const value = write.secret ? this.cipher.encrypt(write.value) : write.value;
    return this.kv.set({ ...write, value });
  }

  delete(key: KvKey): Promise<boolean> {
    return this.kv.delete(key);
  }

  async list(query: KvQuery, options: ReadOptions = {}): Promise<KvItem[]> {
    return (await this.kv.list(query)).map((item) => this.reveal(item, options));
  }

  /** Orquesta's st2kv(key, decrypt): `system.` selects the system scope, anything else the user's. */
  async st2kv(key: string, user: string, decrypt = false): Promise<string | undefined> {
    return (await this.get(resolveSt2kvKey(key, user), { decrypt }))?.value;
  }

  /**
   * Loads the system scope and the user's scope once, for expressions that
   * must read synchronously; secrets are decrypted only when asked.
   */
  async snapshot(user: string): Promise<St2kvReader> {
    const [system, mine] = await Promise.all([
      this.kv.list({ scope: "system" }),
      this.kv.list({ scope: "user", user }),
    ]);
    const items = new Map<string, KvItem>();
    for (const item of system) items.set(`system.${item.name}`, item);
    for (const item of mine) items.set(`user\u0000${item.name}`, item);
    return (key, decrypt) => {
      const k = resolveSt2kvKey(key, user);
      const item = items.get(k.scope === "system" ? `system.${k.name}` : `user\u0000${k.name}`);
      return item && this.reveal(item, { decrypt }).value;
    };
  }

  private reveal(item: KvItem, options: ReadOptions): KvItem {
    return item.secret && options.decrypt ? { ...item, value: this.cipher.decrypt(item.value) } : item;
  }
}

export function resolveSt2kvKey(key: string, user: string): KvKey {
  if (key.startsWith("system.")) return { scope: "system", name: key.slice("system.".length) };
  return { scope: "user", user, name: key };
}

export function parseScope(text: string): KvScope | undefined {
  return text === "system" || text === "user" ? text : undefined;
}
