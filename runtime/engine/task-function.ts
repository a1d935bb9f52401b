// StackStorm's `task(name, route)`: the latest execution record of a task on a
// route, as the wave host (simulate) and the execution host both answer it.
// They keep their task records differently; each passes a view of its own.

import { type PyDict, PyError, type PyValue } from "../stdlib/py/value";
import type { WorkflowConductor } from "./conductor";
import { deepCopy } from "./context";
import { COMPLETED, S } from "./statuses";

export interface TaskRunView {
  readonly id: string;
  readonly route: number;
  readonly seq: number;
  readonly action: PyValue;
  readonly itemsCount?: number;
  readonly itemResults: readonly PyValue[];
  readonly itemStatuses: readonly string[];
  readonly retried: boolean;
  readonly lastResult: PyValue;
  readonly taskExecutionId: string;
}

/**
 * The record `task()` returns. `runs` are the host's task records in request
 * order; `timestamps` gives start and end (end only when `done`).
 */
export function taskFunctionRecord<T>(
  c: WorkflowConductor,
  name: string,
  route: number,
  runs: readonly T[],
  view: (run: T) => TaskRunView,
  workflowExecutionId: string,
  timestamps: (run: T, done: boolean) => { readonly start: PyValue; readonly end: PyValue },
): PyDict {
  const resolved = c.resolveRoute(name, route);
  let found: T | undefined;
  if (resolved !== null) {
    for (let i = runs.length - 1; i >= 0 && found === undefined; i--) {
      const v = view(runs[i]!);
      if (v.id === name && v.route === resolved) found = runs[i];
    }
  }
  if (found === undefined || resolved === null) {
    throw new PyError("ExpressionEvaluationException", `Unable to find task execution for "${name}".`);
  }
  const run = view(found);
  const status = run.retried ? S.retrying : (c.state.sequence[run.seq]?.status ?? S.unset);
  let result: PyValue = run.lastResult;
  if (run.itemsCount !== undefined) {
    result = {
      items: run.itemResults.map((res, i) =>
        run.itemStatuses[i] === S.unset ? null : { status: run.itemStatuses[i]!, result: res },
      ),
    };
  } else if (run.action === null || run.action === "") result = null;
  const { start, end } = timestamps(found, COMPLETED.has(status));
  return {
    task_execution_id: run.taskExecutionId,
    workflow_execution_id: workflowExecutionId,
    task_name: name,
    task_id: name,
    route: resolved,
    // Read back from the database in StackStorm: JSON data of its own, never the context's objects.
    result: deepCopy(result),
    status,
    start_timestamp: start,
    end_timestamp: end,
  };
}
