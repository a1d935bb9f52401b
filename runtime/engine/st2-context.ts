// The `st2` and `parent` context StackStorm gives a workflow: for a top-level
// run (from `orqc run`) and for a sub-workflow called by a task (as an
// orquesta action execution of its own, or inlined by the compiler). Shared
// by the scenario runner (simulate) and the execution host.

import { dictSet } from "../stdlib/py/dict";
import { isDict, type PyDict, type PyValue } from "../stdlib/py/value";

export const API_URL = "http://127.0.0.1:9101/v1";

export function rootContext(execId: string, ref: string | null, user: string, pack: string | null): PyDict {
  const st2: PyDict = {
    action_execution_id: execId,
    api_url: API_URL,
    user,
    pack,
    action: ref,
    runner: "orquesta",
    workflow_execution_id: `${execId}.wf`,
  };
  return { st2, parent: { user, pack } };
}

export interface CallSite {
  readonly taskId: string;
  readonly route: number;
  readonly itemId: number | null;
  readonly action: string;
  readonly actionExecutionId: string;
  readonly taskExecutionId: string;
  readonly workflowExecutionId: string;
}

/** `{st2, parent}` of a sub-workflow called from a task of a workflow whose context is `caller`. */
export function childContext(caller: PyDict, call: CallSite, childExecId?: string): PyDict {
  const callerSt2 = isDict(caller.st2) ? caller.st2 : {};
  const user = typeof callerSt2.user === "string" ? callerSt2.user : "stanley";
  const pack = call.action.split(".")[0] ?? null;
  const execId = childExecId ?? call.actionExecutionId;
  const st2: PyDict = {
    action_execution_id: execId,
    api_url: API_URL,
    user,
    pack,
    action: call.action,
    runner: "orquesta",
    workflow_execution_id: `${execId}.wf`,
  };
  const callerParent: PyDict = {
    execution_id: callerSt2.action_execution_id ?? null,
    user,
    pack: callerSt2.pack ?? null,
  };
  if (callerSt2.api_user !== undefined) callerParent.api_user = callerSt2.api_user;
  const orquesta: PyDict = {
    workflow_execution_id: call.workflowExecutionId,
    task_execution_id: call.taskExecutionId,
    task_name: call.taskId,
    task_id: call.taskId,
    task_route: call.route,
  };
  if (call.itemId !== null) orquesta.item_id = call.itemId;
  const parent: PyDict = { pack, user, parent: callerParent, orquesta };
  if (callerSt2.api_user !== undefined) {
    st2.api_user = callerSt2.api_user;
    parent.api_user = callerSt2.api_user;
  }
  return { st2, parent };
}

/** The user a workflow runs as. */
export function userOf(context: PyDict): string {
  const st2 = isDict(context.st2) ? context.st2 : {};
  return typeof st2.user === "string" ? st2.user : "stanley";
}

/**
 * The result StackStorm's orquesta runner gives the calling task:
 * `{"output": ...}`, plus the child's `errors` when it did not succeed.
 */
export function subworkflowResult(
  status: string,
  errors: ReadonlyArray<{ readonly [key: string]: PyValue | undefined }>,
  output: PyValue | undefined,
): PyDict {
  const result: PyDict = {};
  if (status !== "succeeded") dictSet(result, "errors", errors.map((e) => ({ ...e })) as PyValue);
  dictSet(result, "output", output ?? null);
  return result;
}
