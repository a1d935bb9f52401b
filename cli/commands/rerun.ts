// `orqc rerun ID [-p key=value]`: run an execution's workflow or action again
// as a new execution, with the input it ran with (`-p` overrides some), as
// `st2 execution re-run` does without --tasks. The new record names the old
// one (`rerun of`). Same flags as `orqc run`: embedded by default (the
// execution is found in the local records), --redis for executions on workers.

import type { Command } from "commander";
import type { ExecutionRecord } from "../../runtime/backend/types";
import { fromJson } from "../../runtime/host/json";
import { contextOf } from "../../runtime/host/record-context";
import { MASK } from "../../runtime/secrets/mask";
import type { PyDict } from "../../runtime/stdlib/py/value";
import { loadEmbeddedRecord, openRedis, parseParams, UsageError } from "../../runtime/worker/cli-support";
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
    .argument("<id>", "execution id (orqc executions lists them)")
    .option("-p, --param <key=value...>", "input that replaces the old value (repeatable)", []);
  addRunOptions(rerun)
    .addHelpText(
      "after",
      `
Examples:
  orqc rerun 01JD2Y... --packs examples                         # embedded, from the local records
  orqc rerun 01JD2Y... --packs examples -p host=lnx-srv-02       # the same input but host
  orqc rerun 01JD2Y... --redis redis://127.0.0.1:6379 --follow  # on the workers

The new execution runs what the old one ran (the same ref or workflow file, so give --packs or --bundles
as for orqc run) with the input it ran with, defaults included; its record names the old one ("rerun of").
Secret inputs are masked in the local records of embedded runs: give them again with -p.
Re-running from chosen tasks of a workflow (st2's --tasks) is not supported.
Exit codes: as orqc run.`,
    )
    .action(async (id: string, flags: RunFlags) => {
      await runCommand("rerun", flags, async () => {
        if (!/^[A-Za-z0-9_.:-]{1,200}$/.test(id)) throw new UsageError(`"${id}" is not an execution id`);
        return rerunSubmission(await findRecord(id, flags), parseParams(flags.param ?? []));
      });
    });
}
