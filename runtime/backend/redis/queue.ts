// The execution queue on Redis, on BullMQ (docs/adr/0001-queue.md): it brings
// stalled-job recovery (a dead worker's job goes back to wait once its lock
// expires), delayed jobs and concurrency. Our handler contract stays the one
// in types.ts; BullMQ types do not leak out of this file.

import { randomUUID } from "node:crypto";
import type { Job, Queue, Worker } from "bullmq";
import type { Redis } from "ioredis";
import { lazyPackage } from "../../lazy-package";
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
import { createRedisClient, type RedisConfig } from "./connection";
import type { KeySpace } from "./keys";

const bullmq = lazyPackage<typeof import("bullmq")>("bullmq");

/** How long closing waits for Redis to answer before it cuts the connection. */
const CLOSE_GRACE_MS = 2000;

interface JobData {
  execId: string;
  data: JsonValue;
}

export class RedisJobQueue implements JobQueue {
  private queue: Queue<JobData> | undefined;
  private connection: Redis | undefined;
  private readonly consumers = new Set<RedisConsumer>();

  constructor(
    private readonly config: RedisConfig,
    private readonly keys: KeySpace,
  ) {}

  async enqueue(execId: string, data: JsonValue = null, options: EnqueueOptions = {}): Promise<string> {
    const jobId = options.jobId ?? randomUUID();
    await this.bull().add(
      "execution",
      { execId, data },
      {
        jobId,
        ...(options.delayMs && options.delayMs > 0 ? { delay: options.delayMs } : {}),
        removeOnComplete: true,
        removeOnFail: { count: 1000 },
        attempts: 1,
      },
    );
    return jobId;
  }

  consume(handler: JobHandler, options: ConsumeOptions): Consumer {
    const consumer = new RedisConsumer(this.config, this.keys, handler, options, (c) =>
      this.consumers.delete(c),
    );
    this.consumers.add(consumer);
    return consumer;
  }

  async counts(): Promise<QueueCounts> {
    const c = await this.bull().getJobCounts("wait", "prioritized", "active", "delayed");
    return {
      waiting: (c.wait ?? 0) + (c.prioritized ?? 0),
      active: c.active ?? 0,
      delayed: c.delayed ?? 0,
    };
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.consumers].map((c) => c.close()));
    if (this.queue) {
      const queue = this.queue;
      this.queue = undefined;
      // A graceful close waits for Redis; with Redis gone it would wait forever (the queue's
      // connection retries without end, and BullMQ's disconnect waits for it to be ready), so
      // it gets a few seconds, then the connection is cut: BullMQ leaves a connection it was
      // given alone, and its reconnect timer would keep the process alive.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        queue
          .close()
          .then(() => queue.disconnect())
          .catch(() => {}),
        new Promise<void>((done) => {
          timer = setTimeout(done, CLOSE_GRACE_MS);
        }),
      ]);
      clearTimeout(timer);
      this.connection?.disconnect();
      this.connection = undefined;
    }
  }

  private bull(): Queue<JobData> {
    if (!this.queue) {
      this.connection = createRedisClient(this.config, "queue");
      this.queue = new (bullmq().Queue)<JobData>(this.keys.queueName(), {
        connection: this.connection,
        prefix: this.keys.bullPrefix(),
      });
      this.queue.on("error", () => {});
    }
    return this.queue;
  }
}

class RedisConsumer implements Consumer {
  private readonly worker: Worker<JobData>;
  private readonly controllers = new Set<AbortController>();
  private crashed = false;

  constructor(
    config: RedisConfig,
    keys: KeySpace,
    private readonly handler: JobHandler,
    private readonly options: ConsumeOptions,
    private readonly onClose: (c: RedisConsumer) => void,
  ) {
    const lockDuration = config.lockDurationMs ?? 30_000;
    this.worker = new (bullmq().Worker)<JobData>(keys.queueName(), (job, token) => this.process(job, token), {
      connection: createRedisClient(config, "queue"),
      prefix: keys.bullPrefix(),
      concurrency: Math.max(1, options.concurrency),
      lockDuration,
      stalledInterval: config.stalledIntervalMs ?? Math.max(500, Math.floor(lockDuration / 2)),
      // A job may be recovered from many worker deaths; the journal makes re-runs safe.
      maxStalledCount: 1000,
      removeOnComplete: { count: 0 },
    });
    this.worker.on("error", () => {});
  }

  activeCount(): number {
    return this.controllers.size;
  }

  async close(): Promise<void> {
    this.onClose(this);
    await this.worker.close();
    await this.worker.disconnect();
  }

  async crash(): Promise<void> {
    this.crashed = true;
    this.onClose(this);
    for (const c of this.controllers) c.abort();
    // force: no waiting, no completion; the locks expire and another worker's
    // stalled check puts the jobs back in wait.
    await this.worker.close(true);
    await this.worker.disconnect();
  }

  private async process(job: Job<JobData>, token: string | undefined): Promise<void> {
    const controller = new AbortController();
    this.controllers.add(controller);
    const view: QueueJob = {
      id: job.id ?? "",
      execId: job.data.execId,
      data: job.data.data,
      deliveries: Math.max(1, job.attemptsStarted ?? 1),
    };
    try {
      const outcome = await this.handler(view, controller.signal);
      if (this.crashed) return new Promise<void>(() => {});
      if (outcome.kind === "delay") {
        await job.moveToDelayed(Date.now() + Math.max(0, outcome.ms), token);
        throw new (bullmq().DelayedError)();
      }
    } catch (err) {
      if (err instanceof bullmq().DelayedError) throw err;
      if (this.crashed) return new Promise<void>(() => {});
      this.options.onError?.(view, err);
      throw err;
    } finally {
      this.controllers.delete(controller);
    }
  }
}
