// `orqc daemon --workers K`: forks K `orqc worker` processes with the same
// options, restarts any that dies, and stops them all on SIGTERM/SIGINT.

import { type ChildProcess, spawn } from "node:child_process";
import type { Command } from "commander";
import { parseDurationMs } from "../../runtime/retention/cutoff";
import { positiveInt, UsageError } from "../../runtime/worker/cli-support";
import { reportError } from "../report-error";
import { parseRedisUrl } from "./redis-url";

export interface DaemonFlags {
  workers: string;
  redis: string;
  redisPrefix?: string;
  concurrency: string;
  packs?: string[];
  bundles?: string;
  grace: string;
  lockMs: string;
  purgeAfter?: string;
  purgeEvery?: string;
  validateOutputSchema?: boolean;
}

export function registerDaemon(program: Command): void {
  program
    .command("daemon")
    .description("Run K worker processes, restarting any that dies")
    .option("--workers <k>", "worker processes", "2")
    .option("--redis <url>", "Redis URL", parseRedisUrl, "redis://127.0.0.1:6379")
    .option("--redis-prefix <prefix>", "Redis key prefix (default orqc or ORQC_REDIS_PREFIX)")
    .option("--concurrency <n>", "executions per worker", "10")
    .option("--packs <dirs...>", "pack folders")
    .option("--bundles <dir>", "compiled bundles folder")
    .option("--grace <seconds>", "on SIGTERM, how long workers may take to finish running steps", "10")
    .option("--lock-ms <ms>", "how soon a dead worker's jobs go to another worker", "30000")
    .option(
      "--purge-after <duration>",
      "remove executions completed longer ago than this (30d, 12h ...); the first worker does it",
    )
    .option("--purge-every <duration>", "with --purge-after: how often to look", "10m")
    .option(
      "--validate-output-schema",
      "fail a succeeded action or workflow whose output does not match its output_schema (StackStorm's system.validate_output_schema; default off, or ORQC_VALIDATE_OUTPUT_SCHEMA=1)",
    )
    .addHelpText(
      "after",
      `\nExamples:\n  orqc daemon --workers 4 --concurrency 50 --packs examples --bundles build\n  orqc daemon --workers 4 --packs examples --purge-after 30d`,
    )
    .action(async (flags: DaemonFlags) => {
      try {
        await runDaemon(flags);
      } catch (err) {
        if (!(err instanceof UsageError)) throw err;
        reportError("daemon", "usage", err.message);
        process.exitCode = 2;
      }
    });
}

/** The worker command line of slot `slot`: retention runs in the first worker only. */
export function workerArgs(flags: DaemonFlags, slot: number): string[] {
  const args = ["worker", "--redis", flags.redis, "--concurrency", flags.concurrency, "--grace", flags.grace];
  args.push("--lock-ms", flags.lockMs);
  if (flags.redisPrefix) args.push("--redis-prefix", flags.redisPrefix);
  if (flags.packs?.length) args.push("--packs", ...flags.packs);
  if (flags.bundles) args.push("--bundles", flags.bundles);
  if (flags.validateOutputSchema) args.push("--validate-output-schema");
  if (flags.purgeAfter !== undefined && slot === 0)
    args.push("--purge-after", flags.purgeAfter, "--purge-every", flags.purgeEvery ?? "10m");
  return args;
}

async function runDaemon(flags: DaemonFlags): Promise<void> {
  const k = positiveInt(flags.workers, "--workers");
  positiveInt(flags.concurrency, "--concurrency");
  const script = process.argv[1];
  if (!script) throw new UsageError("cannot find the orqc entry script to fork");
  if (flags.purgeAfter !== undefined && parseDurationMs(flags.purgeAfter) === undefined)
    throw new UsageError(`--purge-after: expected a duration such as 30d or 12h, got '${flags.purgeAfter}'`);
  const every = parseDurationMs(flags.purgeEvery ?? "10m");
  if (every === undefined || every <= 0)
    throw new UsageError(`--purge-every: expected a duration such as 10m or 1h, got '${flags.purgeEvery}'`);
  const children = new Map<number, ChildProcess>();
  let stopping = false;
  const fork = (slot: number, delayMs = 0): void => {
    setTimeout(() => {
      if (stopping) return;
      const child = spawn(process.execPath, [script, ...workerArgs(flags, slot)], {
        stdio: ["ignore", "inherit", "inherit"],
      });
      children.set(slot, child);
      process.stderr.write(`orqc daemon: worker ${slot} started (pid ${child.pid})\n`);
      child.once("exit", (code, signal) => {
        children.delete(slot);
        if (stopping) return;
        process.stderr.write(`orqc daemon: worker ${slot} died (${signal ?? `exit ${code}`}); restarting\n`);
        fork(slot, 1000);
      });
    }, delayMs);
  };
  for (let i = 0; i < k; i++) fork(i);
  await new Promise<void>((resolve) => {
    const stop = () => {
      if (stopping) return;
      stopping = true;
      const alive = [...children.values()];
      if (alive.length === 0) resolve();
      let left = alive.length;
      for (const c of alive) {
        c.once("exit", () => {
          left -= 1;
          if (left === 0) resolve();
        });
        c.kill("SIGTERM");
      }
    };
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
  });
  process.stderr.write("orqc daemon: all workers stopped\n");
}
