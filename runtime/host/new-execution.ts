// The record and first job of a new root execution, workflow or action.

import type { JsonObject } from "../backend/types";
import type { PyDict, PyValue } from "../stdlib/py/value";
import { toJsonObject } from "./json";
import type { Target } from "./programs";
import { type ExecutionContext, secretNamesOf } from "./record-context";
import type { HostServices } from "./services";
import type { SubmitOutcome } from "./submit";

export interface NewRootExecution {
  readonly id: string;
  readonly ref: string;
  readonly target: Target;
  readonly st2: PyDict;
  readonly input: PyDict;
  readonly user: string;
  /** Parameter metadata: names marked `secret` are printed masked. */
  readonly parameters: Readonly<Record<string, PyValue>> | null;
  readonly rerunOf?: string;
  /** The version of the workflow's program (none for a single action). */
  readonly version?: string;
}

/** Creates the record of a new root execution (workflow or action) and queues its first job. */
export async function enqueueNew(services: HostServices, e: NewRootExecution): Promise<SubmitOutcome> {
  const secrets = secretNamesOf(e.parameters);
  const context: ExecutionContext = {
    target: e.target,
    st2: toJsonObject(e.st2),
    ...(secrets.length > 0 ? { secrets } : {}),
    ...(e.rerunOf ? { rerunOf: e.rerunOf } : {}),
    ...(e.version ? { version: e.version } : {}),
  };
  const { record } = await services.backend.executions.create({
    id: e.id,
    ref: e.ref,
    input: toJsonObject(e.input),
    user: e.user,
    context: context as unknown as JsonObject,
  });
  await services.backend.queue.enqueue(e.id, null, { jobId: e.id });
  return { ok: true, record };
}
