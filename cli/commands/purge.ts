// `orqc purge`: removes executions that completed before a cutoff, with
// everything they left behind (runtime/retention/purge.ts), as StackStorm's
// st2-purge-executions does: on Redis workers (--redis) or the local records
// of embedded runs.

import type { Command } from "commander";
import type { ExecutionBrief } from "../../runtime/backend/types";
import { stringifyValue } from "../../runtime/backend/value-json";
import { COMPLETED } from "../../runtime/engine/statuses";
import { parseDurationMs, parseInstant } from "../../runtime/retention/cutoff";
import { type PurgeRule, purgeExecutions, selectPurge } from "../../runtime/retention/purge";
import {
  deleteEmbeddedRecords,
  listEmbeddedRecords,
  type RedisFlags,
  UsageError,
} from "../../runtime/worker/cli-support";
import { reportError } from "../report-error";
import { parseRedisUrl } from "./redis-url";
import { withBackend } from "./status";

interface PurgeFlags extends RedisFlags {
  redisTimeout?: string;
  olderThan?: string;
  before?: string;
  ref?: string;
  status?: string[];
  dryRun?: boolean;
  format: string;
}

interface Outcome {
  readonly roots: readonly ExecutionBrief[];
  readonly executions: number;
  readonly inquiries: number;
  readonly dryRun: boolean;
}

/** The rule the flags describe; throws UsageError for what cannot be used. */
export function purgeRule(flags: PurgeFlags, now: number): PurgeRule {
  if ((flags.olderThan === undefined) === (flags.before === undefined))
    throw new UsageError("give one of --older-than DURATION or --before TIME");
  let before: number;
  if (flags.olderThan !== undefined) {
    const ms = parseDurationMs(flags.olderThan);
    if (ms === undefined)
      throw new UsageError(
        `--older-than: expected a duration such as 7d, 12h, 30m or 90s, got '${flags.olderThan}'`,
      );
    before = now - ms;
  } else {
    const at = parseInstant(flags.before!);
    if (at === undefined)
      throw new UsageError(
        `--before: expected an ISO 8601 date or time such as 2026-11-01 or 2026-11-01T12:00:00Z, got '${flags.before}'`,
      );
    before = at;
  }
  const statuses = flags.status;
  const wrong = statuses?.find((s) => !COMPLETED.has(s));
  if (wrong !== undefined)
    throw new UsageError(`--status: '${wrong}' is not a completed status (${[...COMPLETED].join(", ")})`);
  if (flags.format !== "text" && flags.format !== "json")
    throw new UsageError("--format must be text or json");
  return {
    before,
    ...(flags.ref !== undefined ? { ref: flags.ref } : {}),
    ...(statuses !== undefined ? { statuses } : {}),
  };
}

function print(out: Outcome, format: string): void {
  if (format === "json") {
    const roots = out.roots.map(({ id, ref, status, finishedAt, updatedAt }) => ({
      id,
      ref,
      status,
      finishedAt: finishedAt ?? updatedAt,
    }));
    process.stdout.write(
      `${stringifyValue({ dryRun: out.dryRun, roots, executions: out.executions, inquiries: out.inquiries }, 2)}\n`,
    );
    return;
  }
  const lines = out.dryRun
    ? out.roots.map((r) => {
        const when = new Date(r.finishedAt ?? r.updatedAt).toISOString().replace("T", " ").slice(0, 19);
        return `${r.id}  ${r.status.padEnd(9)}  ${when}  ${r.ref}`;
      })
    : [];
  const verb = out.dryRun ? "would remove" : "removed";
  const under = out.executions - out.roots.length;
  lines.push(
    `${verb} ${out.roots.length} execution${out.roots.length === 1 ? "" : "s"}` +
      (under > 0 ? ` and ${under} sub-execution${under === 1 ? "" : "s"} under them` : "") +
      (out.inquiries > 0 ? `, ${out.inquiries} inquir${out.inquiries === 1 ? "y" : "ies"}` : ""),
  );
  process.stdout.write(`${lines.join("\n")}\n`);
}

async function purgeEmbedded(rule: PurgeRule, dryRun: boolean): Promise<Outcome> {
  const records = listEmbeddedRecords().sort((a, b) => a.createdAt - b.createdAt);
  const stored = new Set(records.map((r) => r.id));
  const selection = await selectPurge(
    records.filter((r) => r.createdAt < rule.before),
    rule,
    async (ids) => new Set(ids.filter((id) => stored.has(id))),
  );
  if (!dryRun) deleteEmbeddedRecords(selection.ids);
  return { roots: selection.roots, executions: selection.ids.length, inquiries: 0, dryRun };
}

export function registerPurge(program: Command): void {
  program
    .command("purge")
    .description(
      "Remove executions that completed before a cutoff, with their sub-executions, journals and inquiries",
    )
    .option("--older-than <duration>", "completed more than this long ago: 7d, 12h, 30m, 90s")
    .option("--before <time>", "completed before this ISO 8601 date or time (a date alone: midnight UTC)")
    .option("--ref <ref>", "only executions of this workflow or action ref")
    .option("--status <status...>", "only executions that ended with one of these statuses")
    .option("--dry-run", "list what would be removed, remove nothing")
    .option("--redis <url>", "Redis URL; default: the local records of embedded runs", parseRedisUrl)
    .option("--redis-prefix <prefix>", "Redis key prefix (default orqc or ORQC_REDIS_PREFIX)")
    .option(
      "--redis-timeout <seconds>",
      "give up when Redis stays unreachable this long (default 20, or ORQC_REDIS_TIMEOUT)",
    )
    .option("--format <format>", "text or json", "text")
    .addHelpText(
      "after",
      `
Executions still running, paused or waiting are never removed; a workflow goes
with everything under it once it has completed.

Examples:
  orqc purge --older-than 30d --redis redis://127.0.0.1:6379
  orqc purge --before 2026-11-01 --ref monitoring.host_check --status succeeded --dry-run --redis redis://127.0.0.1:6379
  orqc purge --older-than 7d          # the local records of embedded runs`,
    )
    .action(async (flags: PurgeFlags) => {
      let rule: PurgeRule;
      try {
        rule = purgeRule(flags, Date.now());
      } catch (e) {
        if (!(e instanceof UsageError)) throw e;
        reportError("purge", "usage", e.message);
        process.exitCode = 2;
        return;
      }
      const dryRun = flags.dryRun ?? false;
      if (!flags.redis) return print(await purgeEmbedded(rule, dryRun), flags.format);
      await withBackend(flags, "purge", async (backend) => {
        const out = await purgeExecutions(backend, rule, { dryRun });
        print(
          { roots: out.roots, executions: out.ids.length, inquiries: out.inquiries, dryRun },
          flags.format,
        );
      });
    });
}
