// Workers: queue consumers that advance executions with the host.

export { type Worker, type WorkerOptions, type WorkerStats, startWorker } from "./worker";
