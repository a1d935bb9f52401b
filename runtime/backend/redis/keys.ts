// Every Redis key orqc uses is built here and nowhere else.
//
// Per-execution keys carry the hash tag `{<execId>}` so that one execution's
// record, journal, arrival order, start counts and lease share a Redis Cluster
// slot and can change together in one Lua script. Datastore keys share the tag
// `{<prefix>:kv}` (an item and the scope index change together). The queue is
// BullMQ's, under the prefix `{<prefix>:q}` (BullMQ's own cluster advice:
// one hash tag for all keys of a queue).

import { assertPlainId } from "../ids";
import type { KvKey, KvQuery } from "../types";

export interface KeySpace {
  readonly prefix: string;
  execution(id: string): string;
  journal(id: string): string;
  order(id: string): string;
  starts(id: string): string;
  lease(id: string): string;
  /** Sorted set of execution ids by creation time (a global index: its own slot). */
  executionIndex(): string;
  timers(): string;
  /** Hash of inquiry id -> record (a global index: its own slot). */
  inquiries(): string;
  kvItem(key: KvKey): string;
  kvIndex(query: Pick<KvQuery, "scope" | "user">): string;
  /** Prefix handed to BullMQ (it appends `:<queue>:<suffix>`). */
  bullPrefix(): string;
  queueName(): string;
}

const PREFIX_RE = /^[A-Za-z0-9_.:-]{1,100}$/;

export function keySpace(prefix: string): KeySpace {
  if (!PREFIX_RE.test(prefix)) throw new Error(`invalid Redis key prefix ${JSON.stringify(prefix)}`);
  const exec = (kind: string, id: string): string => {
    assertPlainId("execution", id);
    return `${prefix}:${kind}:{${id}}`;
  };
  const kvTag = `{${prefix}:kv}`;
  const scopePart = (scope: string, user: string | undefined): string =>
    scope === "system" ? "system" : `user:${encodeURIComponent(user ?? "")}`;
  return {
    prefix,
    execution: (id) => exec("exec", id),
    journal: (id) => exec("journal", id),
    order: (id) => exec("order", id),
    starts: (id) => exec("starts", id),
    lease: (id) => exec("lease", id),
    executionIndex: () => `${prefix}:executions`,
    timers: () => `${prefix}:timers`,
    inquiries: () => `${prefix}:inquiries`,
    kvItem: (key) => `${kvTag}:item:${scopePart(key.scope, key.user)}:${key.name}`,
    kvIndex: (query) => `${kvTag}:index:${scopePart(query.scope, query.user)}`,
    bullPrefix: () => `{${prefix}:q}`,
    queueName: () => "executions",
  };
}
