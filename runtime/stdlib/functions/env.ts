// What expression functions (ctx, item, result, task_status, st2kv, task ...)
// can see of the running workflow. The reference interpreter, `orqc eval` and
// compiled bundles each provide one.

import type { PyDict, PyValue } from "../py/value";

export interface CurrentTask {
  readonly id: string;
  readonly route: number;
  /** Status of the task on its route: "succeeded", "failed", ... */
  readonly status?: string;
  readonly result: PyValue;
}

export interface ExprEnv {
  /** The workflow context: every variable, including st2/parent; `__`-names are private. */
  readonly ctx: PyDict;
  /** Present only inside a with-items task: the current item. */
  readonly item?: { readonly value: PyValue };
  /** Present only while a task's transitions (or retry) are evaluated. */
  readonly currentTask?: CurrentTask;
  /** task_status(): the status of a task on a route, or null if it never ran there. */
  taskStatus?(taskId: string, route?: number): string | null;
  /** StackStorm's task(): the latest execution record of a task; throws ExpressionError when none. */
  task?(taskName: string | undefined, route: number | undefined): PyValue;
  /** st2kv(): the stored value, or undefined when the key does not exist. */
  st2kv?(key: string, decrypt: boolean): PyValue | undefined;
}
