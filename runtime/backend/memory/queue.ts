// In-memory job queue for the embedded runtime: FIFO, delayed jobs on
// setTimeout, any number of consumers with their own concurrency. A crashed
// consumer's jobs go straight back to the queue (Redis needs a stalled check
// for that; here the process itself knows).

import { randomUUID } from "node:crypto";
import type {
  ConsumeOptions,
  Consumer,
  EnqueueOptions,
  JobHandler,
  JobQueue,
  JsonValue,
  QueueCounts,
  QueueJob,
} from "../types";

interface MemJob {
  id: string;
  execId: string;
  data: string;
  deliveries: number;
}

export class MemoryJobQueue implements JobQueue {
  private readonly waiting = new Fifo<MemJob>();
  private readonly delayed = new Map<string, { job: MemJob; timer: NodeJS.Timeout }>();
  private readonly active = new Map<string, MemJob>();
  private readonly consumers = new Set<MemoryConsumer>();

  async enqueue(execId: string, data: JsonValue = null, options: EnqueueOptions = {}): Promise<string> {
    const id = options.jobId ?? randomUUID();
    if (options.jobId && this.isLive(id)) return id;
    const job: MemJob = { id, execId, data: JSON.stringify(data), deliveries: 0 };
    if (options.delayMs && options.delayMs > 0) this.delay(job, options.delayMs);
    else this.push(job);
    return id;
  }

  consume(handler: JobHandler, options: ConsumeOptions): Consumer {
    const consumer = new MemoryConsumer(this, handler, options);
    this.consumers.add(consumer);
    queueMicrotask(() => this.dispatch());
    return consumer;
  }

  async counts(): Promise<QueueCounts> {
    return { waiting: this.waiting.size, active: this.active.size, delayed: this.delayed.size };
  }

  /** @internal */ take(): MemJob | undefined {
    const job = this.waiting.shift();
    if (job) {
      job.deliveries += 1;
      this.active.set(job.id, job);
    }
    return job;
  }

  /** @internal */ finish(job: MemJob): void {
    this.active.delete(job.id);
  }

  /** @internal */ delay(job: MemJob, ms: number): void {
    this.active.delete(job.id);
    const timer = setTimeout(() => {
      this.delayed.delete(job.id);
      this.push(job);
    }, ms);
    timer.unref?.();
    this.delayed.set(job.id, { job, timer });
  }

  /** @internal */ requeue(job: MemJob): void {
    this.active.delete(job.id);
    this.waiting.unshift(job);
    this.dispatch();
  }

  /** @internal */ detach(consumer: MemoryConsumer): void {
    this.consumers.delete(consumer);
  }

  /** @internal */ dispatch(): void {
    for (const consumer of this.consumers) {
      while (this.waiting.size > 0 && consumer.hasRoom()) consumer.start(this.take()!);
    }
  }

  private push(job: MemJob): void {
    this.waiting.push(job);
    this.dispatch();
  }

  private isLive(id: string): boolean {
    return this.active.has(id) || this.delayed.has(id) || this.waiting.some((j) => j.id === id);
  }
}

/** Array-backed FIFO with a moving head: O(1) shift, unlike Array.prototype.shift on long queues. */
class Fifo<T> {
  private items: T[] = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  unshift(item: T): void {
    if (this.head > 0) this.items[--this.head] = item;
    else this.items.unshift(item);
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head++];
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  some(test: (item: T) => boolean): boolean {
    for (let i = this.head; i < this.items.length; i++) if (test(this.items[i]!)) return true;
    return false;
  }
}

class MemoryConsumer implements Consumer {
  private readonly running = new Map<MemJob, AbortController>();
  private readonly settled = new Set<Promise<void>>();
  private stopped = false;
  private crashed = false;

  constructor(
    private readonly queue: MemoryJobQueue,
    private readonly handler: JobHandler,
    private readonly options: ConsumeOptions,
  ) {}

  activeCount(): number {
    return this.running.size;
  }

  hasRoom(): boolean {
    return !this.stopped && this.running.size < Math.max(1, this.options.concurrency);
  }

  start(job: MemJob): void {
    const controller = new AbortController();
    this.running.set(job, controller);
    const view: QueueJob = {
      id: job.id,
      execId: job.execId,
      data: JSON.parse(job.data),
      deliveries: job.deliveries,
    };
    const done = this.handler(view, controller.signal).then(
      (outcome) => {
        if (this.crashed) return;
        if (outcome.kind === "delay") this.queue.delay(job, Math.max(0, outcome.ms));
        else this.queue.finish(job);
      },
      (error: unknown) => {
        if (this.crashed) return;
        this.queue.finish(job);
        this.options.onError?.(view, error);
      },
    );
    const tracked = done.finally(() => {
      this.settled.delete(tracked);
      if (this.crashed) return;
      this.running.delete(job);
      this.queue.dispatch();
    });
    this.settled.add(tracked);
  }

  async close(): Promise<void> {
    this.stopped = true;
    await Promise.allSettled([...this.settled]);
    this.queue.detach(this);
  }

  async crash(): Promise<void> {
    this.stopped = true;
    this.crashed = true;
    this.queue.detach(this);
    const jobs = [...this.running.entries()];
    this.running.clear();
    for (const [job, controller] of jobs) {
      controller.abort();
      this.queue.requeue(job);
    }
  }
}
