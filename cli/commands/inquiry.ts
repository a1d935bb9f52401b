// `orqc inquiry list|get|respond`: the inquiries (core.ask) of executions on
// Redis workers, as `st2 inquiry` shows and answers them. A response resumes
// the workflow (runtime/host/inquiry-respond.ts).

import type { Command } from "commander";
import type { InquiryRecord } from "../../runtime/backend/types";
import { stringifyValue } from "../../runtime/backend/value-json";
import { respondInquiry } from "../../runtime/host/inquiry-respond";
import { currentUser } from "../../runtime/runners/types";
import type { RedisFlags } from "../../runtime/worker/cli-support";
import { reportError } from "../report-error";
import { inquiryDetails, inquiryLine } from "./inquiry-format";
import { parseRedisUrl } from "./redis-url";
import { withBackend } from "./status";

interface InquiryFlags extends RedisFlags {
  format: string;
  redisTimeout?: string;
  all?: boolean;
  response?: string;
  user?: string;
}

function common(cmd: Command): Command {
  return cmd
    .option("--redis <url>", "Redis URL (default redis://127.0.0.1:6379)", parseRedisUrl)
    .option("--redis-prefix <prefix>", "Redis key prefix (default orqc or ORQC_REDIS_PREFIX)")
    .option(
      "--redis-timeout <seconds>",
      "give up when Redis stays unreachable this long (default 20, or ORQC_REDIS_TIMEOUT)",
    )
    .option("--format <format>", "text or json", "text");
}

function checkFormat(name: string, flags: InquiryFlags): boolean {
  if (flags.format === "text" || flags.format === "json") return true;
  reportError(name, "usage", "--format must be text or json");
  process.exitCode = 2;
  return false;
}

function printOne(i: InquiryRecord, flags: InquiryFlags): void {
  process.stdout.write(flags.format === "json" ? `${stringifyValue(i, 2)}\n` : `${inquiryDetails(i)}\n`);
}

export function registerInquiry(program: Command): void {
  const inquiry = program
    .command("inquiry")
    .description("List, show and answer inquiries (core.ask) of executions on Redis workers");

  common(inquiry.command("list").description("List pending inquiries (all with --all)"))
    .option("--all", "also answered, timed out and canceled inquiries")
    .action(async (flags: InquiryFlags) => {
      if (!checkFormat("inquiry list", flags)) return;
      await withBackend(flags, "inquiry list", async (backend) => {
        const items = await backend.inquiries.list(flags.all ? undefined : "pending");
        if (flags.format === "json") process.stdout.write(`${stringifyValue(items, 2)}\n`);
        else if (items.length === 0) process.stdout.write("no pending inquiries\n");
        else process.stdout.write(`${items.map(inquiryLine).join("\n")}\n`);
      });
    });

  common(inquiry.command("get").description("Show an inquiry: its task, schema, roles, users, TTL"))
    .argument("<id>", "inquiry id (orqc inquiry list)")
    .action(async (id: string, flags: InquiryFlags) => {
      if (!checkFormat("inquiry get", flags)) return;
      await withBackend(flags, "inquiry get", async (backend) => {
        const item = await backend.inquiries.get(id);
        if (!item) {
          reportError("inquiry get", "inquiry", `no inquiry ${id}`);
          process.exitCode = 1;
          return;
        }
        printOne(item, flags);
      });
    });

  common(inquiry.command("respond").description("Answer an inquiry: the workflow resumes"))
    .argument("<id>", "inquiry id (orqc inquiry list)")
    .requiredOption("-r, --response <json>", "the response, a JSON object matching the inquiry's schema")
    .option("--user <name>", "who responds, for inquiries that list users (default ORQC_USER, else stanley)")
    .addHelpText(
      "after",
      `\nExample:\n  orqc inquiry respond q3f0c... -r '{"continue": true}' --redis redis://127.0.0.1:6379`,
    )
    .action(async (id: string, flags: InquiryFlags) => {
      if (!checkFormat("inquiry respond", flags)) return;
      let response: unknown;
      try {
        response = JSON.parse(flags.response ?? "");
      } catch (e) {
        reportError("inquiry respond", "input", `--response: invalid JSON: ${(e as Error).message}`);
        process.exitCode = 2;
        return;
      }
      await withBackend(flags, "inquiry respond", async (backend) => {
        const responder = flags.user ?? currentUser();
        const out = await respondInquiry(
          backend,
          id,
          response as Parameters<typeof respondInquiry>[2],
          Date.now(),
          responder,
        );
        if (!out.ok) {
          const kind =
            out.kind === "invalid" ? "response" : out.kind === "unauthorized" ? "unauthorized" : "inquiry";
          const hint = kind === "unauthorized" ? " (respond with --user NAME, or set ORQC_USER)" : "";
          reportError("inquiry respond", kind, `${out.error}${hint}`);
          process.exitCode = 1;
          return;
        }
        if (flags.format === "json") printOne(out.inquiry, flags);
        else process.stdout.write(`inquiry ${id} answered; execution ${out.inquiry.rootId} resumes\n`);
      });
    });
}
