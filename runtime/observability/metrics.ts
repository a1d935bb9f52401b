// Prometheus metrics for workers: executions by final status, task (action)
// latency by runner, queue depth. Each worker owns one registry, served by
// whatever HTTP endpoint the worker process opens.

import type { Counter, Gauge, Histogram, Registry } from "prom-client";
import { lazyPackage } from "../lazy-package";

const promClient = lazyPackage<typeof import("prom-client")>("prom-client");

export interface RuntimeMetrics {
  readonly registry: Registry;
  readonly executions: Counter<"status">;
  readonly taskLatency: Histogram<"runner" | "status">;
  readonly queueDepth: Gauge<"state">;
  readonly inFlight: Gauge;
  /** Text exposition format for /metrics. */
  render(): Promise<string>;
}

export function createMetrics(options: { defaultMetrics?: boolean } = {}): RuntimeMetrics {
  const { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } = promClient();
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry, prefix: "orqc_" });
  const executions = new Counter({
    name: "orqc_executions_total",
    help: "Executions finished, by final status",
    labelNames: ["status"] as const,
    registers: [registry],
  });
  const taskLatency = new Histogram({
    name: "orqc_task_duration_seconds",
    help: "Action run time, by runner and status",
    labelNames: ["runner", "status"] as const,
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30, 120, 600],
    registers: [registry],
  });
  const queueDepth = new Gauge({
    name: "orqc_queue_depth",
    help: "Jobs in the execution queue, by state",
    labelNames: ["state"] as const,
    registers: [registry],
  });
  const inFlight = new Gauge({
    name: "orqc_executions_in_flight",
    help: "Executions this worker is advancing now",
    registers: [registry],
  });
  return { registry, executions, taskLatency, queueDepth, inFlight, render: () => registry.metrics() };
}

/** Copies the queue's current counts into the queue-depth gauge (call it on a timer). */
export async function sampleQueueDepth(
  metrics: RuntimeMetrics,
  queue: { counts(): Promise<{ waiting: number; active: number; delayed: number }> },
): Promise<void> {
  const c = await queue.counts();
  metrics.queueDepth.set({ state: "waiting" }, c.waiting);
  metrics.queueDepth.set({ state: "active" }, c.active);
  metrics.queueDepth.set({ state: "delayed" }, c.delayed);
}
