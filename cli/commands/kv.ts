// `orqc kv get|set|list|delete`: the st2kv datastore. Embedded (no --redis):
// a local file, ~/.orqc/datastore.json (ORQC_HOME moves it); with --redis URL:
// the same keys the workers read.

import type { Command } from "commander";
import type { RedisConfig } from "../../runtime/backend/redis/index";
import { BackendUnavailableError, type KvItem, type KvScope } from "../../runtime/backend/types";
import { type Datastore, DatastoreCryptoError, openDatastore } from "../../runtime/datastore/index";
import { currentUser } from "../../runtime/runners/types";
import { reportError } from "../report-error";
import { parseRedisUrl } from "./redis-url";

interface CommonOptions {
  redis?: string;
  scope: string;
  user?: string;
  format: string;
}

class UsageError extends Error {}

export function registerKv(program: Command): void {
  const kv = program
    .command("kv")
    .description("Read and write st2kv datastore keys (system and user scopes)");
  const common = (cmd: Command): Command =>
    cmd
      .option(
        "--redis <url>",
        "Redis URL (redis:// or rediss://); default: the local datastore file",
        parseRedisUrl,
      )
      .option("--scope <scope>", "system or user", "system")
      .option("--user <name>", "user of the user scope (default: ORQC_USER or stanley)")
      .option("--format <format>", "text or json", "text");

  common(kv.command("get <name>").description("Print a key's value"))
    .option("--decrypt", "print a secret's plain text")
    .action((name: string, o: CommonOptions & { decrypt?: boolean }) =>
      run(o, async (ds, key) => {
        const item = await ds.get(key(name), { decrypt: o.decrypt === true });
        if (!item) return fail(`key "${name}" not found in the ${o.scope} scope`);
        print(o, item, () => item.value);
        return 0;
      }),
    );

  common(kv.command("set <name> <value>").description("Set a key"))
    .option("--ttl <seconds>", "expire after this many seconds")
    .option("--secret", "store the value encrypted")
    .action((name: string, value: string, o: CommonOptions & { ttl?: string; secret?: boolean }) =>
      run(o, async (ds, key) => {
        const ttl = o.ttl === undefined ? undefined : Number(o.ttl);
        if (ttl !== undefined && (!Number.isFinite(ttl) || ttl <= 0)) {
          throw new UsageError(`--ttl must be a positive number of seconds, got "${o.ttl}"`);
        }
        const item = await ds.set({
          ...key(name),
          value,
          secret: o.secret === true,
          ...(ttl ? { ttl } : {}),
        });
        print(o, item, () => `set ${o.scope} key "${name}"${item.secret ? " (secret)" : ""}`);
        return 0;
      }),
    );

  common(kv.command("list").description("List keys"))
    .option("--prefix <prefix>", "only names starting with this")
    .option("--decrypt", "show secrets' plain text")
    .action((o: CommonOptions & { prefix?: string; decrypt?: boolean }) =>
      run(o, async (ds, key) => {
        const { scope, user } = key("-");
        const items = await ds.list(
          { scope, ...(user ? { user } : {}), ...(o.prefix ? { prefix: o.prefix } : {}) },
          { decrypt: o.decrypt === true },
        );
        print(o, items, () => items.map(formatItem).join("\n"));
        return 0;
      }),
    );

  common(kv.command("delete <name>").description("Delete a key")).action((name: string, o: CommonOptions) =>
    run(o, async (ds, key) => {
      if (!(await ds.delete(key(name)))) return fail(`key "${name}" not found in the ${o.scope} scope`);
      print(o, { deleted: name }, () => `deleted ${o.scope} key "${name}"`);
      return 0;
    }),
  );
}

type KeyOf = (name: string) => { scope: KvScope; name: string; user?: string };

async function run(o: CommonOptions, body: (ds: Datastore, key: KeyOf) => Promise<number>): Promise<void> {
  let close = async () => {};
  try {
    if (o.scope !== "system" && o.scope !== "user")
      throw new UsageError(`--scope must be system or user, got "${o.scope}"`);
    if (o.format !== "text" && o.format !== "json")
      throw new UsageError(`--format must be text or json, got "${o.format}"`);
    const scope: KvScope = o.scope;
    const user = o.user ?? currentUser();
    const key: KeyOf = (name) => (scope === "user" ? { scope, name, user } : { scope, name });
    const opened = await openDatastore(o.redis ? { redis: redisConfig(o.redis) } : {});
    close = opened.close;
    process.exitCode = await body(opened.datastore, key);
  } catch (err) {
    if (err instanceof UsageError) {
      reportError("kv", "usage", err.message);
      process.exitCode = 2;
    } else if (
      err instanceof BackendUnavailableError ||
      err instanceof DatastoreCryptoError ||
      isUserError(err)
    ) {
      reportError(
        "kv",
        err instanceof BackendUnavailableError ? "service" : "failed",
        (err as Error).message,
      );
      process.exitCode = 1;
    } else {
      throw err;
    }
  } finally {
    await close();
  }
}

function redisConfig(url: string): RedisConfig {
  const env = process.env;
  return {
    url,
    ...(env.ORQC_REDIS_PASSWORD ? { password: env.ORQC_REDIS_PASSWORD } : {}),
    ...(env.ORQC_REDIS_PREFIX ? { prefix: env.ORQC_REDIS_PREFIX } : {}),
  };
}

function isUserError(err: unknown): boolean {
  return err instanceof Error && /datastore|invalid ttl|Invalid URL|scope/.test(err.message);
}

function fail(message: string): number {
  reportError("kv", "failed", message);
  return 1;
}

function print(o: CommonOptions, data: unknown, text: () => string): void {
  const out = o.format === "json" ? JSON.stringify(data, null, 2) : text();
  if (out.length > 0) process.stdout.write(`${out}\n`);
}

function formatItem(item: KvItem): string {
  const tags = [
    item.secret ? "secret" : "",
    item.expiresAt ? `expires ${new Date(item.expiresAt).toISOString()}` : "",
  ]
    .filter(Boolean)
    .join(", ");
  return `${item.name}\t${item.value}${tags ? `\t(${tags})` : ""}`;
}
