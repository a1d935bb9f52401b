// In-memory execution records. Records are kept as JSON text, like Redis
// keeps them, so callers never hold a live reference into the store.

import { assertPlainId, newExecutionId } from "../ids";
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

interface Lease {
  owner: string;
  until: number;
}

export class MemoryExecutionStore implements ExecutionStore {
  /** Per record: its JSON text field by field (as Redis keeps them), so one field needing the slower reading does not slow the others. */
  private readonly records = new Map<string, Record<string, string>>();
  private readonly leases = new Map<string, Lease>();

  constructor(private readonly onDelete: (id: string) => void) {}

  async create(execution: NewExecution): Promise<{ created: boolean; record: ExecutionRecord }> {
    const id = execution.id ?? newExecutionId();
    assertPlainId("execution", id);
    const existing = this.read(id);
    if (existing) return { created: false, record: existing };
    const record = newRecord(id, execution, Date.now());
    this.store(record);
    return { created: true, record };
  }

  async get(id: string): Promise<ExecutionRecord | undefined> {
    return this.read(id);
  }

  async state(id: string): Promise<ExecutionState | undefined> {
    const fields = this.records.get(id);
    if (fields === undefined) return undefined;
    const field = (key: keyof ExecutionState) => parseValue(fields[key]!);
    return {
      status: field("status") as string,
      updatedAt: field("updatedAt") as number,
      cancelRequested: field("cancelRequested") as boolean,
      pauseRequested: field("pauseRequested") as boolean,
    };
  }

  async list(filter: ExecutionFilter = {}): Promise<ExecutionRecord[]> {
    const limit = filter.limit ?? 100;
    const out: ExecutionRecord[] = [];
    for (const id of [...this.records.keys()].reverse()) {
      if (out.length >= limit) break;
      const record = this.read(id);
      if (record && matches(record, filter)) out.push(record);
    }
    return out;
  }

  async update(id: string, patch: ExecutionPatch, ifStatus?: readonly string[]): Promise<UpdateResult> {
    const outcome = await this.patch(id, patch, ifStatus);
    if (outcome === "missing") return { ok: false };
    const record = this.read(id)!;
    return outcome === "applied" ? { ok: true, record } : { ok: false, record };
  }

  async patch(id: string, patch: ExecutionPatch, ifStatus?: readonly string[]): Promise<PatchOutcome> {
    const fields = this.records.get(id);
    if (fields === undefined) return "missing";
    if (ifStatus && !ifStatus.includes(parseValue(fields.status!) as string)) return "refused";
    const next: Record<string, string> = { ...fields, updatedAt: stringifyValue(Date.now()) };
    for (const [key, value] of Object.entries(patch))
      if (value !== undefined) next[key] = stringifyValue(value);
    this.records.set(id, next);
    return "applied";
  }

  async setFlag(id: string, flag: ExecutionFlag, on: boolean): Promise<ExecutionRecord | undefined> {
    const fields = this.records.get(id);
    if (fields === undefined) return undefined;
    const key = flag === "cancel" ? "cancelRequested" : "pauseRequested";
    this.records.set(id, { ...fields, [key]: stringifyValue(on), updatedAt: stringifyValue(Date.now()) });
    return this.read(id);
  }

  async acquireLease(id: string, owner: string, ttlMs: number): Promise<boolean> {
    const now = Date.now();
    const lease = this.leases.get(id);
    if (lease && lease.owner !== owner && lease.until > now) return false;
    this.leases.set(id, { owner, until: now + ttlMs });
    return true;
  }

  async releaseLease(id: string, owner: string): Promise<void> {
    if (this.leases.get(id)?.owner === owner) this.leases.delete(id);
  }

  async delete(id: string): Promise<void> {
    this.records.delete(id);
    this.leases.delete(id);
    this.onDelete(id);
  }

  async idsCreatedBefore(before: number, offset: number, limit: number): Promise<string[]> {
    const created = [...this.records]
      .map(([id, fields]) => ({ id, at: parseValue(fields.createdAt!) as number }))
      .filter((r) => r.at < before);
    // As the Redis index orders them: by creation time, then by id.
    created.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return created.slice(offset, offset + limit).map((r) => r.id);
  }

  async briefs(ids: readonly string[]): Promise<(ExecutionBrief | undefined)[]> {
    return ids.map((id) => {
      const fields = this.records.get(id);
      if (fields === undefined) return undefined;
      const brief: Record<string, unknown> = {};
      for (const key of BRIEF_FIELDS) if (fields[key] !== undefined) brief[key] = parseValue(fields[key]);
      return brief as unknown as ExecutionBrief;
    });
  }

  private store(record: ExecutionRecord): void {
    const fields: Record<string, string> = {};
    for (const [key, value] of Object.entries(record))
      if (value !== undefined) fields[key] = stringifyValue(value);
    this.records.set(record.id, fields);
  }

  private read(id: string): ExecutionRecord | undefined {
    const fields = this.records.get(id);
    if (fields === undefined) return undefined;
    const record: Record<string, unknown> = {};
    for (const key of Object.keys(fields)) record[key] = parseValue(fields[key]!);
    return record as unknown as ExecutionRecord;
  }
}

export const BRIEF_FIELDS: readonly (keyof ExecutionBrief)[] = [
  "id",
  "ref",
  "status",
  "parentId",
  "rootId",
  "createdAt",
  "updatedAt",
  "finishedAt",
];

/** Whether a record (or a brief of it) passes the filter. */
export function matches(record: ExecutionBrief, filter: ExecutionFilter): boolean {
  if (filter.status !== undefined && record.status !== filter.status) return false;
  if (filter.ref !== undefined && record.ref !== filter.ref) return false;
  if (filter.parentId !== undefined && record.parentId !== filter.parentId) return false;
  if (filter.rootId !== undefined && record.rootId !== filter.rootId) return false;
  if (filter.since !== undefined && record.createdAt < filter.since) return false;
  return true;
}
