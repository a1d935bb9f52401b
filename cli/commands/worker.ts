// `orqc worker`: one process advancing many executions from the Redis queue.
// SIGTERM/SIGINT: stop taking jobs, let running steps finish (up to
// --grace seconds), give waiting executions back, exit 0.

import { createServer, type Server } from "node:http";
import type { Command } from "commander";
import { BackendUnavailableError } from "../../runtime/backend/types";
import { createLogger } from "../../runtime/observability/logger";
import { createMetrics, sampleQueueDepth } from "../../runtime/observability/metrics";
import { parseDurationMs } from "../../runtime/retention/cutoff";
import { startRetention } from "../../runtime/retention/schedule";
import { closeSharedLauncher } from "../../runtime/runners/launcher/launcher";
import { closeSharedPythonPool } from "../../runtime/runners/python/pool";
import { SecretSet } from "../../runtime/secrets/mask";
import { openRedis, positiveInt, type RedisFlags, UsageError } from "../../runtime/worker/cli-support";
import { startWorker } from "../../runtime/worker/worker";
import { reportError } from "../report-error";
import { parseRedisUrl } from "./redis-url";

export interface WorkerFlags extends RedisFlags {
  concurrency: string;
  packs?: string[];
  bundles?: string;
  grace: string;
  lockMs?: string;
  leaseMs?: string;
  metricsPort?: string;
  purgeAfter?: string;
  purgeEvery?: string;
  validateOutputSchema?: boolean;
}

export function registerWorker(program: Command): void {
  program
    .command("worker")
    .description("Run a worker: advance executions from the Redis queue")
    .option("--redis <url>", "Redis URL (redis:// or rediss://)", parseRedisUrl, "redis://127.0.0.1:6379")
    .option("--redis-prefix <prefix>", "Redis key prefix (default orqc or ORQC_REDIS_PREFIX)")
    .option("--concurrency <n>", "executions advanced at once", "10")
    .option("--packs <dirs...>", "pack folders (actions and workflows)")
    .option("--bundles <dir>", "compiled bundles folder (orqc compile -o DIR)")
    .option("--grace <seconds>", "on SIGTERM, how long running steps may take to finish", "10")
    .option("--lock-ms <ms>", "how soon a dead worker's jobs go to another worker (BullMQ lock)", "30000")
    .option("--lease-ms <ms>", "execution lease (renewed while running)", "10000")
    .option("--metrics-port <port>", "serve Prometheus metrics on http://0.0.0.0:PORT/metrics")
    .option(
      "--purge-after <duration>",
      "remove executions completed longer ago than this (30d, 12h ...), as orqc purge does; default: keep all",
    )
    .option("--purge-every <duration>", "with --purge-after: how often to look", "10m")
    .option(
      "--validate-output-schema",
      "fail a succeeded action or workflow whose output does not match its output_schema (StackStorm's system.validate_output_schema; default off, or ORQC_VALIDATE_OUTPUT_SCHEMA=1)",
    )
    .addHelpText(
      "after",
      `
Examples:
  orqc worker --packs examples --concurrency 50
  orqc worker --redis rediss://:secret@redis.example:6380 --bundles build --packs examples --metrics-port 9464
  orqc worker --packs examples --purge-after 30d

Password: ORQC_REDIS_PASSWORD. Log level: ORQC_LOG_LEVEL (default info). ORQC_TIME_SCALE scales delays.`,
    )
    .action(async (flags: WorkerFlags) => {
      try {
        await runWorker(flags);
      } catch (err) {
        if (err instanceof UsageError) {
          reportError("worker", "usage", err.message);
          process.exitCode = 2;
        } else if (err instanceof BackendUnavailableError) {
          reportError("worker", "service", err.message);
          process.exitCode = 1;
        } else throw err;
      }
    });
}

/** --purge-after and --purge-every, checked before anything starts. */
function retentionFlags(flags: WorkerFlags): { keepMs: number; everyMs: number } | undefined {
  const every = parseDurationMs(flags.purgeEvery ?? "10m");
  if (every === undefined || every <= 0)
    throw new UsageError(`--purge-every: expected a duration such as 10m or 1h, got '${flags.purgeEvery}'`);
  if (flags.purgeAfter === undefined) return undefined;
  const keepMs = parseDurationMs(flags.purgeAfter);
  if (keepMs === undefined)
    throw new UsageError(`--purge-after: expected a duration such as 30d or 12h, got '${flags.purgeAfter}'`);
  return { keepMs, everyMs: every };
}

async function runWorker(flags: WorkerFlags): Promise<void> {
  const concurrency = positiveInt(flags.concurrency, "--concurrency");
  const grace = Number(flags.grace);
  if (!Number.isFinite(grace) || grace < 0) throw new UsageError(`--grace must be a number of seconds`);
  const lockMs = positiveInt(flags.lockMs ?? "30000", "--lock-ms");
  const leaseMs = positiveInt(flags.leaseMs ?? "10000", "--lease-ms");
  const retention = retentionFlags(flags);
  const backend = await openRedis(flags, {
    lockDurationMs: lockMs,
    stalledIntervalMs: Math.max(250, lockMs / 2),
  });
  const secrets = new SecretSet();
  const logger = createLogger({ secrets });
  const metrics = createMetrics({ defaultMetrics: true });
  const worker = startWorker({
    backend,
    concurrency,
    packs: flags.packs ?? [],
    ...(flags.bundles ? { bundlesDir: flags.bundles } : {}),
    logger,
    secrets,
    metrics,
    leaseMs,
    startLauncher: true,
    ...(flags.validateOutputSchema ? { validateOutputSchema: true } : {}),
  });
  const purger = retention ? startRetention(backend, { ...retention, logger }) : undefined;
  let server: Server | undefined;
  const sampler = setInterval(() => void sampleQueueDepth(metrics, backend.queue).catch(() => {}), 5000);
  sampler.unref();
  if (flags.metricsPort) {
    const port = positiveInt(flags.metricsPort, "--metrics-port");
    server = createServer((req, res) => {
      if (req.url !== "/metrics") {
        res.writeHead(404).end();
        return;
      }
      void metrics
        .render()
        .then((text) => res.writeHead(200, { "content-type": metrics.registry.contentType }).end(text));
    }).listen(port);
  }
  logger.info({ worker: worker.services.workerId, concurrency, redis: backend.keys.prefix }, "worker ready");
  process.stdout.write(`orqc worker ${worker.services.workerId} ready (concurrency ${concurrency})\n`);
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, "worker stopping: finishing running steps");
      void (async () => {
        await worker.close(grace * 1000);
        await purger?.stop();
        clearInterval(sampler);
        server?.close();
        await backend.close();
        await closeSharedPythonPool();
        await closeSharedLauncher();
        resolve();
      })();
    };
    process.once("SIGTERM", () => stop("SIGTERM"));
    process.once("SIGINT", () => stop("SIGINT"));
  });
}
