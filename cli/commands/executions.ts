// `orqc executions`: recent executions, newest first.

import type { Command } from "commander";
import type { ExecutionRecord } from "../../runtime/backend/types";
import { stringifyValue } from "../../runtime/backend/value-json";
import { S } from "../../runtime/engine/statuses";
import { contextOf } from "../../runtime/host/record-context";
import {
  listEmbeddedRecords,
  positiveInt,
  type RedisFlags,
  UsageError,
} from "../../runtime/worker/cli-support";
import { reportError } from "../report-error";
import { parseRedisUrl } from "./redis-url";
import { printable, withBackend } from "./status";

/** The statuses an execution record can have (a task's "retrying" is never one). */
const STATUSES: ReadonlySet<string> = new Set(
  Object.values(S).filter((s) => s !== S.unset && s !== S.retrying),
);

interface ListFlags extends RedisFlags {
  status?: string;
  ref?: string;
  limit: string;
  format: string;
}

function line(r: ExecutionRecord): string {
  const when = new Date(r.createdAt).toISOString().replace("T", " ").slice(0, 19);
  const rerunOf = contextOf(r)?.rerunOf;
  const notes = [r.parentId ? `child of ${r.parentId}` : "", rerunOf ? `rerun of ${rerunOf}` : ""].filter(
    Boolean,
  );
  return `${r.id}  ${r.status.padEnd(9)}  ${when}  ${r.ref}${notes.map((n) => `  (${n})`).join("")}`;
}

export function registerExecutions(program: Command): void {
  program
    .command("executions")
    .description("List recent executions, newest first")
    .option("--redis <url>", "Redis URL; default: the local records of embedded runs", parseRedisUrl)
    .option("--redis-prefix <prefix>", "Redis key prefix (default orqc or ORQC_REDIS_PREFIX)")
    .option("--status <status>", "only executions with this status")
    .option("--ref <ref>", "only executions of this workflow or action ref")
    .option("--limit <n>", "how many", "50")
    .option("--format <format>", "text or json", "text")
    .addHelpText(
      "after",
      `
Examples:
  orqc executions
  orqc executions --redis redis://127.0.0.1:6379 --status running
  orqc executions --redis redis://127.0.0.1:6379 --ref monitoring.host_check --status failed`,
    )
    .action(async (flags: ListFlags) => {
      let limit: number;
      try {
        limit = positiveInt(flags.limit, "--limit");
        if (flags.format !== "text" && flags.format !== "json")
          throw new UsageError("--format must be text or json");
        if (flags.status !== undefined && !STATUSES.has(flags.status))
          throw new UsageError(`--status must be one of ${[...STATUSES].join(", ")}`);
      } catch (e) {
        reportError("executions", "usage", (e as Error).message);
        process.exitCode = 2;
        return;
      }
      const print = (records: ExecutionRecord[]) => {
        const rows = records
          .filter((r) => (!flags.status || r.status === flags.status) && (!flags.ref || r.ref === flags.ref))
          .slice(0, limit);
        if (flags.format === "json") {
          const slim = rows.map((r) => {
            const { context: _c, ...shown } = printable(r);
            return shown;
          });
          process.stdout.write(`${stringifyValue(slim, 2)}\n`);
        } else if (rows.length === 0) process.stdout.write("no executions\n");
        else process.stdout.write(`${rows.map(line).join("\n")}\n`);
      };
      if (!flags.redis) return print(listEmbeddedRecords());
      await withBackend(flags, "executions", async (backend) =>
        print(
          await backend.executions.list({
            ...(flags.status ? { status: flags.status } : {}),
            ...(flags.ref ? { ref: flags.ref } : {}),
            limit,
          }),
        ),
      );
    });
}
