// `orqc run REF|FILE -p key=value`: run a workflow. Embedded by default (an
// in-process worker on the memory backend, sharing the `orqc kv` datastore);
// with --redis, submit to the workers (and wait with --wait). REF is a
// compiled bundle when --bundles has it, else a workflow action of --packs.
// Exit: 0 succeeded, 1 failed/canceled or bad input, 2 usage error.

import type { Command } from "commander";
import { describeRedis, isConnectionError } from "../../runtime/backend/redis/connection";
import { unlessOutage } from "../../runtime/backend/redis/index";
import type { Backend, ExecutionRecord, InquiryRecord, JsonValue } from "../../runtime/backend/types";
import { BackendUnavailableError } from "../../runtime/backend/types";
import { stringifyValue } from "../../runtime/backend/value-json";
import { COMPLETED, S } from "../../runtime/engine/statuses";
import { respondInquiry } from "../../runtime/host/inquiry-respond";
import { createHostServices, type HostServices } from "../../runtime/host/services";
import { type SubmitOutcome, type SubmitRequest, submitExecution } from "../../runtime/host/submit";
import { createLogger } from "../../runtime/observability/logger";
import { closeSharedLauncher } from "../../runtime/runners/launcher/launcher";
import { closeSharedPythonPool } from "../../runtime/runners/python/pool";
import { currentUser } from "../../runtime/runners/types";
import {
  openEmbedded,
  openRedis,
  parseParams,
  positiveInt,
  type RedisFlags,
  redisTimeoutMs,
  saveEmbeddedRecord,
  UsageError,
} from "../../runtime/worker/cli-support";
import { startWorker } from "../../runtime/worker/worker";
import { type CliErrorKind, reportError } from "../report-error";
import { bundleFileTarget } from "./bundle-target";
import { pendingBlock, pendingInquiriesOf } from "./inquiry-format";
import { packsAndParams, requirePositional } from "./reclaim-positional";
import { parseRedisUrl } from "./redis-url";
import { formatRecord, printable } from "./status";
import { followExecution } from "./status-follow";

/**
 * What to submit: a target and its input (from `orqc run` flags or a re-run's record), or a submission of
 * its own (a re-run from tasks seeds a journal first).
 */
export type Submission =
  | SubmitRequest
  | { readonly submit: (services: HostServices) => Promise<SubmitOutcome> };

export interface RunFlags extends RedisFlags {
  param: string[];
  packs?: string[];
  bundles?: string;
  wait?: boolean;
  follow?: boolean;
  format: string;
  concurrency: string;
  timeout?: string;
  redisTimeout?: string;
  trace?: boolean;
  respond: string[];
  validateOutputSchema?: boolean;
}

export class RunError extends Error {
  constructor(
    message: string,
    readonly kind: CliErrorKind = "failed",
  ) {
    super(message);
  }
}
/** A flag value that cannot be parsed (exit 2, as usage errors). */
class InputError extends Error {}

function print(rec: ExecutionRecord, flags: RunFlags, inquiries: readonly InquiryRecord[] = []): void {
  if (flags.format === "json")
    process.stdout.write(
      `${stringifyValue({ ...printable(rec), ...(inquiries.length > 0 ? { inquiries } : {}) }, 2)}\n`,
    );
  else
    process.stdout.write(
      `${formatRecord(rec, { trace: flags.trace !== false })}${pendingBlock(inquiries)}\n`,
    );
  process.exitCode = rec.status === "succeeded" ? 0 : 1;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** `--respond TASK=JSON` flags: the response for each task's inquiry. */
function parseResponses(specs: readonly string[]): Map<string, JsonValue> {
  const out = new Map<string, JsonValue>();
  for (const spec of specs) {
    const eq = spec.indexOf("=");
    if (eq <= 0) throw new UsageError(`--respond expects TASK=JSON, got "${spec}"`);
    try {
      out.set(spec.slice(0, eq), JSON.parse(spec.slice(eq + 1)) as JsonValue);
    } catch (e) {
      throw new InputError(`--respond ${spec.slice(0, eq)}: invalid JSON: ${(e as Error).message}`);
    }
  }
  return out;
}

/**
 * Waits for an embedded run to end, answering its inquiries from --respond.
 * Ends early when it is paused on an inquiry nobody answers: the memory
 * backend ends with this process, so it could never be answered later.
 */
async function waitEmbedded(
  backend: Backend,
  id: string,
  timeoutMs: number | undefined,
  answers: ReadonlyMap<string, JsonValue>,
): Promise<{ record: ExecutionRecord; unanswered: InquiryRecord[] }> {
  const start = Date.now();
  const answered = new Set<string>();
  let pause = 5;
  for (;;) {
    const rec = await backend.executions.get(id);
    if (!rec) throw new RunError(`execution ${id} was lost`);
    if (COMPLETED.has(rec.status)) return { record: rec, unanswered: [] };
    const pending = (await pendingInquiriesOf(backend, id)).filter((i) => !answered.has(i.id));
    let respondedNow = false;
    for (const i of pending) {
      const answer = answers.get(i.task);
      if (answer === undefined) continue;
      const out = await respondInquiry(backend, i.id, answer, Date.now(), currentUser());
      if (!out.ok)
        throw new RunError(
          `--respond ${i.task}: ${out.error}${out.kind === "unauthorized" ? " (set ORQC_USER to respond as one of them)" : ""}`,
          out.kind === "invalid" ? "response" : out.kind === "unauthorized" ? "unauthorized" : "inquiry",
        );
      answered.add(i.id);
      respondedNow = true;
    }
    // After a response the run resumes and goes on (and may pause again): `rec` is from before it.
    const unanswered = pending.filter((i) => !answered.has(i.id));
    if (!respondedNow && rec.status === S.paused && unanswered.length > 0) return { record: rec, unanswered };
    if (timeoutMs !== undefined && Date.now() - start > timeoutMs)
      throw new RunError(`execution ${id} is still ${rec.status} after ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, pause));
    pause = Math.min(200, pause * 2);
  }
}

async function waitFor(
  backend: Backend,
  id: string,
  timeoutMs: number | undefined,
): Promise<ExecutionRecord> {
  const start = Date.now();
  let pause = 5;
  for (;;) {
    const rec = await backend.executions.state(id);
    const done = rec && COMPLETED.has(rec.status) ? await backend.executions.get(id) : undefined;
    if (!rec || (COMPLETED.has(rec.status) && !done))
      throw new RunError(
        `execution ${id} was lost: its record disappeared from Redis (restarted without persistence?)`,
      );
    if (done) return done;
    if (timeoutMs !== undefined && Date.now() - start > timeoutMs)
      throw new RunError(
        `execution ${id} is still ${rec.status} after ${timeoutMs / 1000} s (orqc status ${id})`,
      );
    await new Promise((r) => setTimeout(r, pause));
    pause = Math.min(200, pause * 2);
  }
}

async function runEmbedded(sub: Submission, flags: RunFlags): Promise<void> {
  const { backend, datastore } = openEmbedded();
  const logger = createLogger({ level: process.env.ORQC_LOG_LEVEL ?? "warn" });
  const worker = startWorker({
    backend,
    datastore,
    logger,
    concurrency: positiveInt(flags.concurrency, "--concurrency"),
    packs: flags.packs ?? [],
    ...(flags.bundles ? { bundlesDir: flags.bundles } : {}),
    ...(flags.validateOutputSchema ? { validateOutputSchema: true } : {}),
  });
  try {
    const out = await submitWith(worker.services, sub);
    if (!out.ok) throw new RunError(out.error);
    const timeout = flags.timeout === undefined ? undefined : positiveInt(flags.timeout, "--timeout") * 1000;
    const answers = parseResponses(flags.respond ?? []);
    const { record, unanswered } = await waitEmbedded(backend, out.record.id, timeout, answers);
    const all = await backend.executions.list({ limit: 100_000 });
    saveEmbeddedRecord(all.map(printable));
    print(record, flags, unanswered);
    if (unanswered.length > 0)
      process.stderr.write(
        `orqc run: execution ${record.id} is paused on ${unanswered.length === 1 ? "an inquiry" : `${unanswered.length} inquiries`}; an embedded run cannot be answered later (its state ends with this process). Answer with --respond ${unanswered[0]!.task}='{...}', or run it on Redis workers (--redis) and use orqc inquiry respond.\n`,
      );
  } finally {
    await worker.close(1000);
    await closeSharedPythonPool();
    await closeSharedLauncher();
  }
}

async function runRedis(sub: Submission, flags: RunFlags): Promise<void> {
  const limitMs = redisTimeoutMs(flags.redisTimeout);
  const backend = await openRedis(flags);
  try {
    await unlessOutage(backend.watchOutage(limitMs), submitAndWait(backend, sub, flags));
  } catch (err) {
    if (!isConnectionError(err)) throw err;
    throw new BackendUnavailableError(
      `lost the connection to Redis at ${describeRedis({ url: flags.redis })}: ${(err as Error).message}`,
    );
  } finally {
    await backend.close();
  }
}

async function submitAndWait(backend: Backend, sub: Submission, flags: RunFlags): Promise<void> {
  const services = createHostServices({
    backend,
    packs: flags.packs ?? [],
    ...(flags.bundles ? { bundlesDir: flags.bundles } : {}),
    logger: createLogger({ level: "warn" }),
  });
  const out = await submitWith(services, sub);
  if (!out.ok) throw new RunError(out.error);
  if (flags.follow) {
    process.stdout.write(`execution ${out.record.id} submitted\n`);
    const rec = await followExecution(backend, out.record.id, {
      write: (text) => void process.stdout.write(text),
      summary: (r) => formatRecord(r, { trace: false }),
    });
    if (!rec) throw new RunError(`execution ${out.record.id} was lost: its record disappeared from Redis`);
    process.exitCode = rec.status === "succeeded" ? 0 : 1;
    return;
  }
  if (!flags.wait) {
    if (flags.format === "json")
      process.stdout.write(`${JSON.stringify({ id: out.record.id, status: out.record.status })}\n`);
    else process.stdout.write(`${out.record.id}\n`);
    return;
  }
  const timeout = flags.timeout === undefined ? undefined : positiveInt(flags.timeout, "--timeout") * 1000;
  print(await waitFor(backend, out.record.id, timeout), flags);
}

/** The options `orqc run` and `orqc rerun` share: where to run, how to wait, what to print. */
export function addRunOptions(command: Command): Command {
  return command
    .option("--packs <dirs...>", "pack folders (actions and workflows)")
    .option(
      "--bundles <dir>",
      "compiled bundles folder (orqc compile -o DIR); preferred over --packs for REF",
    )
    .option("--redis <url>", "submit to workers on this Redis instead of running embedded", parseRedisUrl)
    .option("--redis-prefix <prefix>", "Redis key prefix (default orqc or ORQC_REDIS_PREFIX)")
    .option("--wait", "with --redis: wait for the result and print it")
    .option(
      "--follow",
      "with --redis: print tasks as they start and finish (orqc status --follow), then the result",
    )
    .option(
      "--redis-timeout <seconds>",
      "with --redis: give up when Redis stays unreachable this long (default 20, or ORQC_REDIS_TIMEOUT)",
    )
    .option("--timeout <seconds>", "give up waiting after this many seconds")
    .option("--concurrency <n>", "embedded: executions advanced at once", "16")
    .option(
      "--respond <task=json>",
      "embedded: answer the inquiry (core.ask) of TASK with this JSON response (repeatable)",
      collect,
      [],
    )
    .option(
      "--validate-output-schema",
      "embedded: fail a succeeded action or workflow whose output does not match its output_schema (StackStorm's system.validate_output_schema; default off, or ORQC_VALIDATE_OUTPUT_SCHEMA=1)",
    )
    .option("--no-trace", "do not print the task trace")
    .option("--format <format>", "text or json", "text");
}

export function registerRun(program: Command): void {
  const run = program
    .command("run")
    .description("Run a workflow or an action: embedded (default) or on Redis workers (--redis)")
    .usage("[options] <target...>")
    .argument(
      "[target...]",
      "[PACK_DIR...] TARGET: a workflow or action ref (pack.name), compiled bundle ref or file (.js), or workflow YAML file, optionally after pack folders",
    )
    .option("-p, --param <key=value...>", "input (repeatable); cast by the parameter types", []);
  addRunOptions(run)
    .addHelpText(
      "after",
      `
Examples:
  orqc run examples/monitoring/actions/workflows/host_check.yaml --packs examples -p host=lnx-srv-01 -p incident_id=INC0010001
  orqc run monitoring.host_check --packs examples -p host=stale-srv-01 -p incident_id=INC0010026
  orqc run examples monitoring.host_check -p host=stale-srv-01 -p incident_id=INC0010026   # same: packs first
  orqc compile examples -o build && orqc run monitoring.host_check --bundles build --packs examples -p host=...
  orqc run build/monitoring.host_check.js --packs examples -p host=...   # a bundle file: its folder is --bundles
  orqc run monitoring.host_check --packs examples --redis redis://127.0.0.1:6379 --wait -p host=...
  orqc run monitoring.host_check --packs examples --redis redis://127.0.0.1:6379 --follow -p host=...
  orqc run core.local -p cmd="uname -a"        # one action, as st2 run: its runner's result
  orqc run test/unit/host/fixtures/askt askt.simple --respond ask='{"continue": true}'   # answers core.ask of task ask

--packs and -p take the words after them; when that leaves no TARGET, their last word that is no folder
(--packs) or has no "=" (-p) is the TARGET: orqc run --packs examples monitoring.host_check works too.
ORQC_TIME_SCALE (e.g. 0.01) multiplies every task and retry delay.
An embedded run paused on an inquiry (core.ask) that --respond does not answer ends paused (exit 1).
Exit codes: 0 succeeded, 1 the workflow or action failed (or was canceled, or is paused) or the input is invalid, 2 usage error.`,
    )
    .action(async (words: string[], flags: RunFlags, command: Command) => {
      const positional =
        words.length > 0 ? words : [requirePositional(command, "target", packsAndParams(flags))];
      const target = positional[positional.length - 1]!;
      if (positional.length > 1) flags.packs = [...(flags.packs ?? []), ...positional.slice(0, -1)];
      await runCommand("run", flags, () => {
        const bundle = bundleFileTarget(target);
        if (bundle && flags.bundles === undefined) flags.bundles = bundle.bundlesDir;
        return { target: bundle?.ref ?? target, input: parseParams(flags.param ?? []) };
      });
    });
}

const submitWith = (services: HostServices, sub: Submission): Promise<SubmitOutcome> =>
  "submit" in sub ? sub.submit(services) : submitExecution(services, sub);

/**
 * Checks the flags, submits what `submission` gives and waits as the flags
 * say, reporting errors as `orqc <command>` (exit 2 usage, 1 otherwise).
 */
export async function runCommand(
  command: string,
  flags: RunFlags,
  submission: () => Submission | Promise<Submission>,
): Promise<void> {
  try {
    if (flags.format !== "text" && flags.format !== "json")
      throw new UsageError("--format must be text or json");
    if (flags.redis && (flags.respond ?? []).length > 0)
      throw new UsageError("--respond is for embedded runs; with --redis answer with orqc inquiry respond");
    if ((flags.wait || flags.follow) && !flags.redis)
      throw new UsageError(
        `${flags.follow ? "--follow" : "--wait"} needs --redis (embedded runs always wait)`,
      );
    if (flags.follow && flags.format !== "text")
      throw new UsageError("--follow prints text only: leave out --format json");
    const sub = await submission();
    if (flags.redis) await runRedis(sub, flags);
    else await runEmbedded(sub, flags);
  } catch (err) {
    if (err instanceof UsageError || err instanceof InputError) {
      reportError(command, err instanceof UsageError ? "usage" : "input", err.message);
      process.exitCode = 2;
    } else if (err instanceof RunError || err instanceof BackendUnavailableError) {
      reportError(command, err instanceof RunError ? err.kind : "service", err.message);
      process.exitCode = 1;
    } else throw err;
  }
}
