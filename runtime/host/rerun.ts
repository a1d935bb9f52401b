// `orqc rerun ID --tasks t1,t2`: a workflow execution that has ended runs
// again from chosen tasks, as Orquesta's request_workflow_rerun does: a new
// execution of the same workflow and input whose journal starts with what the
// old one recorded before those tasks (rerun-plan.ts), so that part is
// replayed, not run again, and the re-run tasks and what follows them run live.

import type { WorkflowIR } from "../../compiler/ir/types";
import type { ProgramIR } from "../../compiler/program/types";
import { newExecutionId } from "../backend/ids";
import type { ExecutionRecord, JsonObject } from "../backend/types";
import { rootContext } from "../engine/st2-context";
import { COMPLETED } from "../engine/statuses";
import { DEFAULT_USER } from "../runners/types";
import { toJsonObject } from "./json";
import type { LoadedProgram } from "./programs";
import { contextOf, type ExecutionContext } from "./record-context";
import { planRerun, type RerunGraph } from "./rerun-plan";
import type { HostServices } from "./services";
import type { SubmitOutcome } from "./submit";

export interface RerunTasksRequest {
  readonly tasks: readonly string[];
  /** With-items tasks of which only the failed items run again. */
  readonly noReset: readonly string[];
}

function graphOf(ir: WorkflowIR, program?: ProgramIR, calls?: Readonly<Record<string, string>>): RerunGraph {
  const tasks = new Map(ir.tasks.map((t) => [t.name, t]));
  return {
    has: (t) => tasks.has(t),
    next: (t) => (tasks.get(t)?.next ?? []).flatMap((tr) => tr.targets),
    callee: (t) => {
      const unit = program && calls?.[t] ? program.units[calls[t]!] : undefined;
      return unit ? graphOf(unit.workflow, program, unit.calls) : undefined;
    },
  };
}

function programGraph(p: LoadedProgram): RerunGraph {
  if (!p.program) return graphOf(p.ir);
  const root = p.program.units[p.program.root]!;
  return graphOf(root.workflow, p.program, root.calls);
}

export async function submitRerunFromTasks(
  services: HostServices,
  old: ExecutionRecord,
  req: RerunTasksRequest,
): Promise<SubmitOutcome> {
  const ctx = contextOf(old);
  if (!ctx || ctx.target.kind === "action")
    return {
      ok: false,
      error: `execution ${old.id} ran an action, not a workflow: --tasks re-runs workflows`,
    };
  if (old.parentId)
    return {
      ok: false,
      error: `execution ${old.id} is a sub-workflow of ${old.parentId}: re-run that one with --tasks`,
    };
  if (!COMPLETED.has(old.status))
    return {
      ok: false,
      error: `execution ${old.id} is ${old.status}: a workflow re-runs from tasks once it has ended`,
    };
  // The old journal is replayed: the program it ran, while this process has it.
  const loaded = await services.programs.loadProgram(ctx.target, ctx.version);
  if (!loaded.ok) return loaded;
  const program = loaded.value;
  const snapshot = await services.backend.journal.load(old.id);
  const plan = planRerun(snapshot, programGraph(program), {
    tasks: req.tasks,
    noReset: new Set(req.noReset),
  });
  if (!plan.ok) return { ok: false, error: `cannot re-run execution ${old.id}: ${plan.error}` };
  const id = newExecutionId();
  const user = old.user ?? DEFAULT_USER;
  const context: ExecutionContext = {
    target: ctx.target,
    st2: toJsonObject(rootContext(id, program.ref, user, program.pack)),
    ...(ctx.secrets ? { secrets: ctx.secrets } : {}),
    rerunOf: old.id,
    rerunTasks: [...req.tasks],
    version: program.version,
  };
  const { record } = await services.backend.executions.create({
    id,
    ref: old.ref,
    input: old.input,
    user,
    context: context as unknown as JsonObject,
  });
  for (const [stepId, entry] of plan.keep) await services.backend.journal.record(id, stepId, entry);
  await services.backend.queue.enqueue(id, null, { jobId: id });
  return { ok: true, record };
}
