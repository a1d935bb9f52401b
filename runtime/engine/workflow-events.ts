// The workflow state machine side of the conductor: task events decorated
// with workflow facts (remediated, active/dormant, incomplete/completed...),
// workflow status requests (pause, resume, cancel, fail), and the
// unreachable-join check once the workflow is completed.

import type { WorkflowConductor } from "./conductor";
import { EngineError } from "./errors";
import { nextStatus, WORKFLOW_MACHINE } from "./machines";
import { ABENDED, CANCEL, COMPLETED, PAUSE, S } from "./statuses";

const CONDITIONAL = new Set([
  "pending",
  "paused",
  "succeeded",
  "failed",
  "remediated",
  "canceled",
  "retrying",
]);

function decorateTaskEvent(c: WorkflowConductor, taskId: string, route: number, status: string): string {
  const st = c.state;
  const hasBarrierNext = c.hasNext(taskId, route, false);
  const hasNextTasks = c.hasNext(taskId, route, true);
  const active = st.hasActiveTasks;
  let kind = status;
  if (ABENDED.has(status) && (hasNextTasks || hasBarrierNext)) kind = "remediated";
  let event = `task_${kind}`;
  if (CONDITIONAL.has(kind)) event += active ? "_workflow_active" : "_workflow_dormant";
  if (kind !== "succeeded" && kind !== "remediated") return event;
  if (st.hasCancelingTasks || st.hasCanceledTasks) return `${event}_canceled`;
  if (st.hasPausingTasks || st.hasPausedTasks) return `${event}_paused`;
  if (st.hasStagedTasks || hasNextTasks) return `${event}_incomplete`;
  return `${event}_completed`;
}

export function processTaskEvent(c: WorkflowConductor, taskId: string, route: number, status: string): void {
  const event = decorateTaskEvent(c, taskId, route, status);
  const st = c.state;
  const next = nextStatus(WORKFLOW_MACHINE, st.status, event);
  if (next === undefined) return;
  st.status = next;
  if (COMPLETED.has(st.status)) {
    const unreachable = c.unreachableBarriers();
    if (unreachable.length > 0) {
      st.status = S.failed;
      for (const b of unreachable) {
        const e = new EngineError(
          "UnreachableJoinError",
          `The join task|route "${b.id}|${b.route}" is partially satisfied but unreachable.`,
        );
        c.logError(e, b.id, b.route);
      }
    }
  }
}

function decorateWorkflowEvent(c: WorkflowConductor, status: string): string {
  const st = c.state;
  let event = `workflow_${status}`;
  if (PAUSE.has(status) || CANCEL.has(status))
    event += st.hasActiveTasks ? "_workflow_active" : "_workflow_dormant";
  if (
    st.status === S.paused &&
    (status === S.running || status === S.resuming) &&
    !st.hasActiveTasks &&
    !st.hasStagedTasks &&
    !st.hasPausedTasks
  ) {
    event += "_workflow_completed";
  }
  return event;
}

function taskWorkflowEventName(c: WorkflowConductor, taskId: string, route: number, status: string): string {
  let event = `workflow_${status}`;
  const staged = c.state.getStaged(taskId, route);
  if ((PAUSE.has(status) || CANCEL.has(status)) && staged?.items) {
    const items = staged.items.map((i) => i.status ?? S.unset);
    const active = items.some((s) =>
      ["requested", "scheduled", "delayed", "running", "resuming", "pausing", "canceling"].includes(s),
    );
    const incomplete = items.some((s) => !COMPLETED.has(s));
    event += active ? "_task_active" : "_task_dormant";
    event += incomplete ? "_items_incomplete" : "_items_completed";
  }
  return event;
}

/** Orquesta's request_workflow_status; throws EngineError when the transition is not allowed. */
export function requestWorkflowStatus(c: WorkflowConductor, status: string): void {
  const st = c.state;
  const before = st.status;
  for (const entry of st.activeEntries()) {
    c.applyTaskMachine(entry, taskWorkflowEventName(c, entry.id, entry.route, status));
  }
  const next = nextStatus(WORKFLOW_MACHINE, st.status, decorateWorkflowEvent(c, status));
  if (next !== undefined) st.status = next;
  const after = st.status;
  if (status === S.paused && before === S.pausing && after === S.pausing) return;
  if (status === S.canceled && before === S.canceling && after === S.canceling) return;
  if (status !== before && before === after) {
    throw new EngineError(
      "InvalidWorkflowStatusTransition",
      `Unable to change workflow status from "${before}" to "${status}".`,
    );
  }
}
