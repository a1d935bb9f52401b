// How the interpreter runs actions: one request per action execution, one
// outcome back. `orqc simulate` scripts outcomes from a scenario; the runtime
// plugs real runners in. Sub-workflow runs come back with their trace.

import type { PyDict, PyValue } from "../stdlib/py/value";
import type { Trace } from "./trace";

export interface ActionRequest {
  readonly taskId: string;
  readonly route: number;
  readonly itemId: number | null;
  readonly attempt: number;
  /** The rendered action ref. */
  readonly action: string;
  /** The rendered input (null when empty). */
  readonly input: PyValue;
  readonly actionExecutionId: string;
  readonly taskExecutionId: string;
  readonly workflowExecutionId: string;
  /** The `st2` context of the calling workflow (user, pack, action...). */
  readonly st2: PyDict;
}

export interface ActionOutcome {
  readonly status: string;
  readonly result: PyValue;
  /** Which scenario entry answered (informational). */
  readonly scriptedBy?: string;
  /** The child's trace when the action was an Orquesta workflow. */
  readonly subworkflow?: Trace;
}

export interface ActionExecutor {
  execute(request: ActionRequest): ActionOutcome;
}
