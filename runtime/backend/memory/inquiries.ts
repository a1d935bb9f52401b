// In-memory inquiries: id -> record (JSON text, like the other stores).

import type { InquiryRecord, InquiryStatus, InquiryStore } from "../types";
import { parseValue, stringifyValue } from "../value-json";

export class MemoryInquiryStore implements InquiryStore {
  private readonly items = new Map<string, string>();

  async put(inquiry: InquiryRecord): Promise<void> {
    this.items.set(inquiry.id, stringifyValue(inquiry));
  }

  async get(id: string): Promise<InquiryRecord | undefined> {
    const text = this.items.get(id);
    return text === undefined ? undefined : parseValue(text);
  }

  async list(status?: InquiryStatus): Promise<InquiryRecord[]> {
    const all = [...this.items.values()].map((t) => parseValue<InquiryRecord>(t));
    return byCreation(status ? all.filter((i) => i.status === status) : all);
  }

  async delete(ids: readonly string[]): Promise<void> {
    for (const id of ids) this.items.delete(id);
  }
}
export function byCreation(items: InquiryRecord[]): InquiryRecord[] {
  return items.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}
