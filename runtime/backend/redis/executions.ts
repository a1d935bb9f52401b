// Execution records on Redis: one hash per execution (scalar fields as text,
// structured fields as JSON), changed only through the Lua scripts in
// scripts.ts, plus a creation-time index for listings.

import type { Redis } from "ioredis";
import { assertPlainId, newExecutionId } from "../ids";
import { BRIEF_FIELDS, matches } from "../memory/executions";
import { newRecord } from "../records";
import type {
  ExecutionBrief,
  ExecutionFilter,
  ExecutionFlag,
  ExecutionPatch,
  ExecutionRecord,
  ExecutionState,
  ExecutionStore,
  NewExecution,
  PatchOutcome,
  UpdateResult,
} from "../types";
import { parseValue, stringifyValue } from "../value-json";
import { runScript } from "./connection";
import type { KeySpace } from "./keys";
import { acquireLease, createExecution, patchExecution, releaseLease, updateExecution } from "./scripts";

const JSON_FIELDS = new Set(["input", "result", "context"]);
const NUMBER_FIELDS = new Set(["createdAt", "updatedAt", "startedAt", "finishedAt"]);
const FLAG_FIELDS: Record<string, keyof ExecutionRecord> = {
  cancel: "cancelRequested",
  pause: "pauseRequested",
};

export class RedisExecutionStore implements ExecutionStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: KeySpace,
  ) {}

  async create(execution: NewExecution): Promise<{ created: boolean; record: ExecutionRecord }> {
    const id = execution.id ?? newExecutionId();
    assertPlainId("execution", id);
    const record = newRecord(id, execution, Date.now());
    const created = await runScript(this.redis, createExecution, [this.keys.execution(id)], toFields(record));
    if (created !== 1) {
      const stored = await this.get(id);
      if (stored) return { created: false, record: stored };
    }
    // The index lives in another slot, so it is written second: a record can
    // exist unlisted after a crash here, never listed without a record.
    await this.redis.zadd(this.keys.executionIndex(), record.createdAt, id);
    return { created: true, record };
  }

  async get(id: string): Promise<ExecutionRecord | undefined> {
    const hash = await this.redis.hgetall(this.keys.execution(id));
    return Object.keys(hash).length === 0 ? undefined : fromFields(hash);
  }

  async state(id: string): Promise<ExecutionState | undefined> {
    const [status, updatedAt, cancel, pause] = await this.redis.hmget(
      this.keys.execution(id),
      "status",
      "updatedAt",
      "cancelRequested",
      "pauseRequested",
    );
    if (status === null || status === undefined) return undefined;
    return {
      status,
      updatedAt: Number(updatedAt),
      cancelRequested: cancel === "1",
      pauseRequested: pause === "1",
    };
  }

  async list(filter: ExecutionFilter = {}): Promise<ExecutionRecord[]> {
    const limit = filter.limit ?? 100;
    const out: ExecutionRecord[] = [];
    const page = Math.max(Math.min(limit, 1000), 100);
    const index = this.keys.executionIndex();
    // A filtered listing reads each record's scalar fields first and the whole
    // record (input, result, trace) only for those that match.
    const filtered =
      filter.status !== undefined ||
      filter.ref !== undefined ||
      filter.parentId !== undefined ||
      filter.rootId !== undefined;
    for (let start = 0; out.length < limit; start += page) {
      const ids =
        filter.since === undefined
          ? await this.redis.zrevrange(index, start, start + page - 1)
          : await this.redis.zrevrangebyscore(index, "+inf", filter.since, "LIMIT", start, page);
      if (ids.length === 0) break;
      const wanted = filtered
        ? (await this.briefs(ids)).flatMap((b) => (b && matches(b, filter) ? [b.id] : []))
        : ids;
      const pipeline = this.redis.pipeline();
      for (const id of wanted) pipeline.hgetall(this.keys.execution(id));
      const rows = (await pipeline.exec()) ?? [];
      for (const [, hash] of rows) {
        const fields = hash as Record<string, string> | null;
        if (!fields || Object.keys(fields).length === 0) continue;
        const record = fromFields(fields);
        if (matches(record, filter)) out.push(record);
        if (out.length >= limit) break;
      }
      if (ids.length < page) break;
    }
    return out;
  }

  async update(id: string, patch: ExecutionPatch, ifStatus?: readonly string[]): Promise<UpdateResult> {
    const statuses = ifStatus ?? [];
    const pairs = toFields(patch as Partial<ExecutionRecord>);
    const [outcome, record] = await this.runUpdate(id, [statuses.length, ...statuses, ...pairs]);
    if (outcome === 1 && record) return { ok: true, record };
    return record ? { ok: false, record } : { ok: false };
  }

  async patch(id: string, patch: ExecutionPatch, ifStatus?: readonly string[]): Promise<PatchOutcome> {
    const statuses = ifStatus ?? [];
    const pairs = toFields(patch as Partial<ExecutionRecord>);
    const outcome = await runScript(
      this.redis,
      patchExecution,
      [this.keys.execution(id)],
      [Date.now(), statuses.length, ...statuses, ...pairs],
    );
    return outcome === 1 ? "applied" : outcome === 0 ? "refused" : "missing";
  }

  async setFlag(id: string, flag: ExecutionFlag, on: boolean): Promise<ExecutionRecord | undefined> {
    const field = flag === "cancel" ? "cancelRequested" : "pauseRequested";
    return (await this.runUpdate(id, [0, field, on ? "1" : "0"]))[1];
  }

  private async runUpdate(
    id: string,
    args: (string | number)[],
  ): Promise<[number, ExecutionRecord | undefined]> {
    const reply = await runScript(
      this.redis,
      updateExecution,
      [this.keys.execution(id)],
      [Date.now(), ...args],
    );
    const [outcome, flat] = reply as [number, string[]];
    if (flat.length === 0) return [outcome, undefined];
    const hash: Record<string, string> = {};
    for (let i = 0; i + 1 < flat.length; i += 2) hash[flat[i]!] = flat[i + 1]!;
    return [outcome, fromFields(hash)];
  }

  async acquireLease(id: string, owner: string, ttlMs: number): Promise<boolean> {
    return (
      (await runScript(this.redis, acquireLease, [this.keys.lease(id)], [owner, Math.max(1, ttlMs)])) === 1
    );
  }

  async releaseLease(id: string, owner: string): Promise<void> {
    await runScript(this.redis, releaseLease, [this.keys.lease(id)], [owner]);
  }

  async delete(id: string): Promise<void> {
    const k = this.keys;
    // Same hash tag: one DEL is atomic on a cluster too.
    await this.redis.del(k.execution(id), k.journal(id), k.order(id), k.starts(id), k.lease(id));
    await this.redis.zrem(k.executionIndex(), id);
  }

  async idsCreatedBefore(before: number, offset: number, limit: number): Promise<string[]> {
    return this.redis.zrangebyscore(this.keys.executionIndex(), "-inf", `(${before}`, "LIMIT", offset, limit);
  }

  async briefs(ids: readonly string[]): Promise<(ExecutionBrief | undefined)[]> {
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hmget(this.keys.execution(id), ...BRIEF_FIELDS);
    const rows = (await pipeline.exec()) ?? [];
    return rows.map(([err, values]) => {
      if (err) throw err;
      const list = values as (string | null)[];
      if (list[0] === null) return undefined;
      const brief: Record<string, string | number> = {};
      BRIEF_FIELDS.forEach((field, i) => {
        const text = list[i];
        if (text !== null && text !== undefined)
          brief[field] = NUMBER_FIELDS.has(field) ? Number(text) : text;
      });
      return brief as unknown as ExecutionBrief;
    });
  }
}

function toFields(record: Partial<ExecutionRecord>): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined) continue;
    if (JSON_FIELDS.has(key)) out.push(key, stringifyValue(value));
    else if (typeof value === "boolean") out.push(key, value ? "1" : "0");
    else out.push(key, String(value));
  }
  return out;
}

function fromFields(hash: Record<string, string>): ExecutionRecord {
  const out: Record<string, unknown> = {};
  for (const [key, text] of Object.entries(hash)) {
    if (JSON_FIELDS.has(key)) out[key] = parseValue(text);
    else if (NUMBER_FIELDS.has(key)) out[key] = Number(text);
    else if (key === "cancelRequested" || key === "pauseRequested") out[key] = text === "1";
    else out[key] = text;
  }
  for (const field of Object.values(FLAG_FIELDS)) if (!(field in out)) out[field] = false;
  return out as unknown as ExecutionRecord;
}
