// Inquiries on Redis: one hash id -> record JSON under `<prefix>:inquiries`
// (a global index like the execution index: its own slot). Which response
// wins is decided by the journal's set-if-absent on the execution's hash tag,
// so the hash itself needs no script.

import type { Redis } from "ioredis";
import { byCreation } from "../memory/inquiries";
import type { InquiryRecord, InquiryStatus, InquiryStore } from "../types";
import { parseValue, stringifyValue } from "../value-json";
import type { KeySpace } from "./keys";

export class RedisInquiryStore implements InquiryStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: KeySpace,
  ) {}

  async put(inquiry: InquiryRecord): Promise<void> {
    await this.redis.hset(this.keys.inquiries(), inquiry.id, stringifyValue(inquiry));
  }

  async get(id: string): Promise<InquiryRecord | undefined> {
    const text = await this.redis.hget(this.keys.inquiries(), id);
    return text === null ? undefined : parseValue(text);
  }

  async list(status?: InquiryStatus): Promise<InquiryRecord[]> {
    const all = Object.values(await this.redis.hgetall(this.keys.inquiries())).map((t) =>
      parseValue<InquiryRecord>(t),
    );
    return byCreation(status ? all.filter((i) => i.status === status) : all);
  }

  async delete(ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await this.redis.hdel(this.keys.inquiries(), ...ids);
  }
}
