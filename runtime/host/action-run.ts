// An execution of one action that is not a workflow (`orqc run core.local
// -p cmd=...`), as `st2 run` makes one: the action's and its runner's
// parameter rules at submission, one runner call, and the runner's status and
// result as the execution's. The outcome is journaled before the record
// says it, so a worker that dies after the action ran does not run it again.
// A cancel request kills the running action, as st2 does for an action
// execution (not for the actions inside a workflow).

import { newExecutionId } from "../backend/ids";
import type { ExecutionRecord, JobOutcome, JsonValue } from "../backend/types";
import { rootContext } from "../engine/st2-context";
import { S } from "../engine/statuses";
import { checkedOutcome, maskSecretOutput } from "../output-schema/index";
import { DEFAULT_USER } from "../runners/types";
import type { PyDict } from "../stdlib/py/value";
import type { ResolvedAction } from "./actions";
import { toJsonObject } from "./json";
import { enqueueNew } from "./new-execution";
import { packConfigOf } from "./pack-config";
import { actionParams } from "./params";
import type { HostServices } from "./services";
import type { SubmitOutcome } from "./submit";

/** The journal step of the action's outcome. */
const ACTION_STEP = "~action/0";
const CONTROL_POLL_MS = 500;
const DONE: JobOutcome = { kind: "done" };

export async function submitAction(
  services: HostServices,
  action: ResolvedAction,
  given: PyDict,
  user: string,
  rerunOf?: string,
): Promise<SubmitOutcome> {
  const runner = services.runners.get(action.runnerType);
  if (!runner) return { ok: false, error: `${action.ref}: unknown runner type "${action.runnerType}"` };
  if (action.runnerType === "inquirer")
    return {
      ok: false,
      error: `${action.ref} (an inquiry) runs only as a workflow task; orqc does not run it on its own`,
    };
  const id = newExecutionId();
  const st2 = rootContext(id, action.ref, user, action.pack);
  (st2.st2 as PyDict).runner = action.runnerType;
  let config: PyDict;
  try {
    config = await packConfigOf(services, action.pack, user);
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  const params = await actionParams(given, runner.runnerParameters, action.parameters, {
    config,
    actionContext: st2.parent as PyDict,
    datastore: services.datastore,
    user,
  });
  if (!params.ok) return { ok: false, error: `invalid input for ${action.ref}: ${params.error}` };
  return enqueueNew(services, {
    id,
    ref: action.ref,
    target: { kind: "action", ref: action.ref },
    st2,
    input: params.params,
    user,
    parameters: action.parameters,
    ...(rerunOf ? { rerunOf } : {}),
  });
}

/** The job of an action execution: run the action once (or take its journaled outcome) and finish. */
export async function runActionExecution(
  services: HostServices,
  record: ExecutionRecord,
  ref: string,
  killed: AbortSignal,
): Promise<JobOutcome> {
  const { backend } = services;
  const action = services.catalog.resolve(ref);
  if (!action) return finish(services, record, S.failed, { error: `action ${ref} not found`, traceback: "" });
  let outcome = await backend.journal.get(record.id, ACTION_STEP);
  if (!outcome) {
    await backend.executions.patch(record.id, { status: S.running, startedAt: Date.now() }, [
      S.requested,
      S.scheduled,
      S.running,
    ]);
    const cancel = new AbortController();
    const onKilled = () => cancel.abort();
    killed.addEventListener("abort", onKilled, { once: true });
    const poll = setInterval(() => {
      backend.executions.state(record.id).then(
        (s) => s?.cancelRequested && cancel.abort(),
        () => {},
      );
    }, CONTROL_POLL_MS);
    try {
      const user = record.user ?? DEFAULT_USER;
      const out = await services.runners.runAction(action.runnerType, record.input, {
        action: action.info,
        user,
        execId: record.id,
        config: toJsonObject(await packConfigOf(services, action.pack, user)),
        datastore: services.datastore,
        secrets: services.secrets,
        signal: cancel.signal,
        logger: services.logger,
      });
      if (killed.aborted) return DONE;
      const checked = checkedOutcome(
        services.validateOutputSchema,
        action.runnerType,
        action.outputSchema,
        out,
      );
      const entry = { kind: "action", value: checked.result, status: checked.status, at: Date.now() };
      outcome = (await backend.journal.record(record.id, ACTION_STEP, entry)).entry;
    } finally {
      clearInterval(poll);
      killed.removeEventListener("abort", onKilled);
    }
  }
  const shown = maskSecretOutput(outcome.value, action.runnerType, action.outputSchema);
  return finish(services, record, outcome.status ?? S.failed, shown);
}

async function finish(
  services: HostServices,
  record: ExecutionRecord,
  status: string,
  result: JsonValue,
): Promise<JobOutcome> {
  await services.backend.executions.patch(record.id, {
    status,
    result: services.secrets.maskValue(result),
    finishedAt: Date.now(),
  });
  return DONE;
}
