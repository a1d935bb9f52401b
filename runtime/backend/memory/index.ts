// The embedded backend: everything in this process, nothing to set up.

import type { Backend, KvStore } from "../types";
import { MemoryExecutionStore } from "./executions";
import { MemoryInquiryStore } from "./inquiries";
import { MemoryJournalStore } from "./journal";
import { MemoryKvStore } from "./kv";
import { MemoryJobQueue } from "./queue";
import { MemoryTimerStore } from "./timers";

export { MemoryKvStore } from "./kv";

export class MemoryBackend implements Backend {
  readonly kind = "memory" as const;
  readonly journal = new MemoryJournalStore();
  readonly executions = new MemoryExecutionStore((id) => void this.journal.clear(id));
  readonly timers = new MemoryTimerStore();
  readonly kv: KvStore;
  readonly queue = new MemoryJobQueue();
  readonly inquiries = new MemoryInquiryStore();

  constructor(options: { kv?: KvStore } = {}) {
    this.kv = options.kv ?? new MemoryKvStore();
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}
}

export function createMemoryBackend(options: { kv?: KvStore } = {}): MemoryBackend {
  return new MemoryBackend(options);
}
