// `orqc rerun ID [-p key=value]`: run an execution's workflow or action again
// as a new execution, with the input it ran with (`-p` overrides some), as
// `st2 execution re-run` does; with --tasks, a workflow goes on from chosen
// tasks, what ran before them replayed (runtime/host/rerun.ts). The new record
// names the old one (`rerun of`). Same flags as `orqc run`: embedded by default
// (the execution is found in the local records), --redis for executions on workers.

import type { Command } from "commander";
import type { ExecutionRecord } from "../../runtime/backend/types";
import { fromJson } from "../../runtime/host/json";
import { contextOf } from "../../runtime/host/record-context";
import { submitRerunFromTasks } from "../../runtime/host/rerun";
import { MASK } from "../../runtime/secrets/mask";
import type { PyDict } from "../../runtime/stdlib/py/value";
import { loadEmbeddedRecord, openRedis, parseParams, UsageError } from "../../runtime/worker/cli-support";
import { packsAndParams, requirePositional } from "./reclaim-positional";
import { addRunOptions, RunError, type RunFlags, runCommand, type Submission } from "./run";

/** What a record ran: a bundle or action by ref, a workflow by its file (found again whatever --packs says). */
function targetOf(rec: ExecutionRecord): string {
  const target = contextOf(rec)?.target;
  if (!target) return rec.ref;
  return target.kind === "workflow" ? target.path : target.ref;
}

/** The new execution's input: the old input, overridden by -p; secret inputs must be given again where masked. */
export function rerunSubmission(rec: ExecutionRecord, overrides: Record<string, string>): Submission {
  const old = fromJson(rec.input) as PyDict;
  const masked = (contextOf(rec)?.secrets ?? []).filter((name) => old[name] === MASK && !(name in overrides));
  if (masked.length > 0)
    throw new RunError(
      `execution ${rec.id} was given secret input (${masked.join(", ")}), kept masked in the local records: give ${masked.length === 1 ? "it" : "them"} again with ${masked.map((n) => `-p ${n}=...`).join(" ")}`,
      "input",
    );
  const typed = Object.keys(old).filter((k) => !(k in overrides));
  return {
    target: targetOf(rec),
    input: { ...old, ...overrides },
    typedKeys: new Set(typed),
    rerunOf: rec.id,
  };
}

interface RerunFlags extends RunFlags {
  tasks?: string[];
  /** `--no-reset NAMES` gives the names; true when not given. */
  reset?: string[] | boolean;
}

const names = (values: readonly string[]): string[] =>
  values
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter((v) => v !== "");

/** A re-run from tasks: the old execution's journal (on Redis) seeds the new one. */
async function fromTasks(id: string, flags: RerunFlags): Promise<Submission> {
  if ((flags.param ?? []).length > 0)
    throw new UsageError("-p cannot go with --tasks: a re-run from tasks goes on with the workflow's input");
  if (!flags.redis)
    throw new UsageError(
      "--tasks needs --redis: a re-run from tasks replays the execution's journal, which only Redis keeps (embedded runs keep their records only)",
    );
  const tasks = names(flags.tasks ?? []);
  if (tasks.length === 0) throw new UsageError("--tasks needs at least one task name");
  const noReset = Array.isArray(flags.reset) ? names(flags.reset) : [];
  const unknown = noReset.filter((t) => !tasks.includes(t));
  if (unknown.length > 0) throw new UsageError(`--no-reset ${unknown.join(", ")}: not among the --tasks`);
  const old = await findRecord(id, flags);
  return { submit: (services) => submitRerunFromTasks(services, old, { tasks, noReset }) };
}

async function findRecord(id: string, flags: RunFlags): Promise<ExecutionRecord> {
  if (!flags.redis) {
    const rec = loadEmbeddedRecord(id);
    if (!rec)
      throw new RunError(
        `no execution ${id} in the local records (executions on workers need --redis)`,
        "input",
      );
    return rec;
  }
  const backend = await openRedis(flags);
  try {
    const rec = await backend.executions.get(id);
    if (!rec) throw new RunError(`no execution ${id} on Redis`, "input");
    return rec;
  } finally {
    await backend.close();
  }
}

export function registerRerun(program: Command): void {
  const rerun = program
    .command("rerun")
    .description("Run an execution's workflow or action again, with the same input (-p overrides)")
    .usage("[options] <id>")
    .argument("[id]", "execution id (orqc executions lists them)")
    .option("-p, --param <key=value...>", "input that replaces the old value (repeatable)", [])
    .option(
      "--tasks <names...>",
      "re-run the workflow from these tasks (comma or space separated): what ran before them is replayed from the journal, not run again (needs --redis)",
    )
    .option(
      "--no-reset <names...>",
      "with --tasks: with-items tasks of which only the failed items run again",
    );
  addRunOptions(rerun)
    .addHelpText(
      "after",
      `
Examples:
  orqc rerun 01JD2Y... --packs examples                         # embedded, from the local records
  orqc rerun 01JD2Y... --packs examples -p host=lnx-srv-02       # the same input but host
  orqc rerun 01JD2Y... --redis redis://127.0.0.1:6379 --follow  # on the workers
  orqc rerun 01JD2Y... --redis redis://127.0.0.1:6379 --tasks check_db --wait   # from a failed task

The new execution runs what the old one ran (the same ref or workflow file, so give --packs or --bundles
as for orqc run) with the input it ran with, defaults included; its record names the old one ("rerun of").
Secret inputs are masked in the local records of embedded runs: give them again with -p.

--tasks (as st2 execution re-run --tasks) re-runs a workflow that has ended from chosen tasks, on the
workers: the new execution replays the old one's journal up to them (nothing that ran before runs
again), then runs them, what follows them, and an inlined sub-workflow they call from its own failed
tasks (an interpreted sub-workflow execution runs again whole). A with-items task runs all its items
again, or only the failed ones when it is named in --no-reset.
Exit codes: as orqc run.`,
    )
    .action(async (given: string | undefined, flags: RerunFlags, command: Command) => {
      const id = given ?? requirePositional(command, "id", packsAndParams(flags));
      await runCommand("rerun", flags, async () => {
        if (!/^[A-Za-z0-9_.:-]{1,200}$/.test(id)) throw new UsageError(`"${id}" is not an execution id`);
        if (flags.tasks) return fromTasks(id, flags);
        if (Array.isArray(flags.reset)) throw new UsageError("--no-reset goes with --tasks");
        return rerunSubmission(await findRecord(id, flags), parseParams(flags.param ?? []));
      });
    });
}
