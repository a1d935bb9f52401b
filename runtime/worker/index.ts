// Workers: queue consumers that advance executions with the host.

export { startWorker, type Worker, type WorkerOptions, type WorkerStats } from "./worker";
