// `orqc status ID`: an execution's status, output, errors and its task trace
// (original task names with their unit/workflow, so flattened runs stay
// readable); `--journal` adds the journal, secrets masked.

import type { Command } from "commander";
import { isConnectionError } from "../../runtime/backend/redis/connection";
import { type RedisBackend, unlessOutage } from "../../runtime/backend/redis/index";
import type { Backend, ExecutionRecord, InquiryRecord, JsonValue } from "../../runtime/backend/types";
import { BackendUnavailableError } from "../../runtime/backend/types";
import { stringifyValue } from "../../runtime/backend/value-json";
import { contextOf, secretValues } from "../../runtime/host/record-context";
import { dumpJournal } from "../../runtime/journal/dump";
import { SecretSet } from "../../runtime/secrets/mask";
import {
  loadEmbeddedRecord,
  openRedis,
  type RedisFlags,
  redisTimeoutMs,
  UsageError,
} from "../../runtime/worker/cli-support";
import { reportError } from "../report-error";
import { pendingBlock, pendingInquiriesOf } from "./inquiry-format";
import { parseRedisUrl } from "./redis-url";
import { followExecution } from "./status-follow";

interface StatusFlags extends RedisFlags {
  format: string;
  journal?: boolean;
  trace?: boolean;
  follow?: boolean;
}

/** The record with its secret inputs masked (what may be printed). */
export function printable(rec: ExecutionRecord): ExecutionRecord {
  const secrets = new SecretSet(secretValues(rec));
  return secrets.size === 0 ? rec : { ...secrets.maskValue(rec) };
}

export function formatRecord(record: ExecutionRecord, options: { trace?: boolean } = {}): string {
  const rec = printable(record);
  const lines: string[] = [];
  const took =
    rec.finishedAt && rec.startedAt ? ` in ${((rec.finishedAt - rec.startedAt) / 1000).toFixed(2)} s` : "";
  lines.push(`execution ${rec.id}: ${rec.status}${took}`);
  lines.push(`  ref: ${rec.ref}`);
  if (rec.parentId) lines.push(`  parent: ${rec.parentId}`);
  const ctx = contextOf(rec);
  if (ctx?.rerunOf)
    lines.push(
      `  rerun of: ${ctx.rerunOf}${ctx.rerunTasks ? ` (from tasks ${ctx.rerunTasks.join(", ")})` : ""}`,
    );
  if (ctx?.runs) lines.push(`  jobs: ${ctx.runs}`);
  lines.push(`  input: ${stringifyValue(rec.input)}`);
  const result = rec.result as { output?: JsonValue; errors?: JsonValue[] } | undefined;
  if (ctx?.target.kind === "action") {
    // One action's execution: its runner's result, as `st2 run` shows it.
    if (rec.result !== undefined)
      lines.push(`  result: ${stringifyValue(rec.result, 2).replace(/\n/g, "\n  ")}`);
  } else if (result && typeof result === "object") {
    lines.push(`  output: ${stringifyValue(result.output ?? null, 2).replace(/\n/g, "\n  ")}`);
    for (const e of result.errors ?? []) lines.push(`  error: ${stringifyValue(e)}`);
  }
  const trace = ctx?.trace ?? [];
  if (options.trace !== false && trace.length > 0) {
    lines.push("  tasks:");
    for (const e of trace) {
      if (e.ev !== "task.finished") continue;
      const top = e.unit === "root" || e.unit === ctx?.target.ref || e.path === rec.ref;
      const where = top ? "" : ` [${e.unit}]`;
      const item = e.item !== undefined ? ` item ${e.item}` : "";
      const attempt = e.attempt ? ` attempt ${e.attempt + 1}` : "";
      lines.push(`    ${e.task}${item} (route ${e.route})${attempt}: ${e.status}${where}`);
    }
  }
  return lines.join("\n");
}

export async function withBackend<T>(
  flags: RedisFlags & { readonly redisTimeout?: string },
  name: string,
  body: (backend: Backend) => Promise<T>,
): Promise<T | undefined> {
  let backend: RedisBackend | undefined;
  try {
    const limitMs = redisTimeoutMs(flags.redisTimeout);
    backend = await openRedis(flags);
    return await unlessOutage(backend.watchOutage(limitMs), body(backend));
  } catch (err) {
    if (err instanceof UsageError) {
      reportError(name, "usage", err.message);
      process.exitCode = 2;
      return undefined;
    }
    if (err instanceof BackendUnavailableError || isConnectionError(err)) {
      reportError(name, "service", (err as Error).message);
      process.exitCode = 1;
      return undefined;
    }
    throw err;
  } finally {
    await backend?.close();
  }
}

export function registerStatus(program: Command): void {
  program
    .command("status")
    .description("Show an execution: status, output, errors and the task trace")
    .argument("<id>", "execution id (printed by orqc run)")
    .option("--redis <url>", "Redis URL; default: the local record of an embedded run", parseRedisUrl)
    .option("--redis-prefix <prefix>", "Redis key prefix (default orqc or ORQC_REDIS_PREFIX)")
    .option("--journal", "also print the execution's journal (secrets masked)")
    .option(
      "--follow",
      "with --redis: print tasks as they start and finish (sub-workflows too) until the execution completes; exit 0 if it succeeded",
    )
    .option("--format <format>", "text or json", "text")
    .addHelpText(
      "after",
      `
Examples:
  orqc status 0mhx3k2a1000a1b2c3d4e5              # an embedded run (kept in ~/.orqc/executions)
  orqc status 0mhx3k2a1000a1b2c3d4e5 --redis redis://127.0.0.1:6379 --journal
  orqc status 0mhx3k2a1000a1b2c3d4e5 --redis redis://127.0.0.1:6379 --follow`,
    )
    .action(async (id: string, flags: StatusFlags) => {
      if (flags.format !== "text" && flags.format !== "json") {
        reportError("status", "usage", "--format must be text or json");
        process.exitCode = 2;
        return;
      }
      if (flags.follow && (flags.format !== "text" || flags.journal)) {
        reportError("status", "usage", "--follow prints text only: leave out --format json and --journal");
        process.exitCode = 2;
        return;
      }
      const show = (
        rec: ExecutionRecord | undefined,
        journal?: JsonValue,
        children?: ExecutionRecord[],
        inquiries: InquiryRecord[] = [],
      ) => {
        if (!rec) {
          reportError(
            "status",
            "failed",
            `no execution ${id}${flags.redis ? " (unknown id, or lost: Redis keeps nothing after a restart without persistence)" : " in the local records (runs submitted with --redis need --redis)"}`,
          );
          process.exitCode = 1;
          return;
        }
        if (flags.format === "json") {
          process.stdout.write(
            `${stringifyValue({ ...printable(rec), ...(journal ? { journal } : {}), ...(children ? { children: children.map((c) => ({ id: c.id, ref: c.ref, status: c.status })) } : {}), ...(inquiries.length > 0 ? { inquiries } : {}) }, 2)}\n`,
          );
          return;
        }
        let text = formatRecord(rec);
        for (const c of children ?? []) text += `\n  child ${c.id} ${c.ref}: ${c.status}`;
        text += pendingBlock(inquiries);
        if (journal) text += `\n  journal:\n${stringifyValue(journal, 2).replace(/^/gm, "    ")}`;
        process.stdout.write(`${text}\n`);
      };
      if (!flags.redis) return show(loadEmbeddedRecord(id));
      if (flags.follow) {
        await withBackend(flags, "status", async (backend) => {
          const write = (text: string) => void process.stdout.write(text);
          const rec = await followExecution(backend, id, {
            write,
            summary: (r) => formatRecord(r, { trace: false }),
          });
          if (!rec) show(undefined);
          else if (rec.status !== "succeeded") process.exitCode = 1;
        });
        return;
      }
      await withBackend(flags, "status", async (backend) => {
        const rec = await backend.executions.get(id);
        const journal =
          flags.journal && rec
            ? dumpJournal(await backend.journal.load(id), new SecretSet(secretValues(rec)))
            : undefined;
        const children = rec
          ? await backend.executions.list({ parentId: id, since: rec.createdAt, limit: 1000 })
          : undefined;
        const inquiries = rec ? await pendingInquiriesOf(backend, id) : [];
        show(rec, journal as unknown as JsonValue, children, inquiries);
      });
    });
}
