// Orquesta's task and workflow state machines as lookup tables:
// (current status, decorated event name) -> new status. Unlisted pairs keep
// the status. Event decoration (active/dormant, items_*, incomplete/...) is
// done by the conductor (conductor-events.ts).

type Table = Record<string, Record<string, string>>;

const CANCELED = "canceled";
const FAILED = "failed";
const PAUSED = "paused";
const PAUSING = "pausing";
const RUNNING = "running";
const SUCCEEDED = "succeeded";
const CANCELING = "canceling";

/** `prefix_{suffix}` -> status for every suffix. */
function each(prefix: string, map: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [suffix, status] of Object.entries(map)) out[suffix ? `${prefix}_${suffix}` : prefix] = status;
  return out;
}

const DORMANT_ITEMS = ["paused", "canceled", "failed", "incomplete", "completed"] as const;

function dormantItems(prefix: string, statuses: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  DORMANT_ITEMS.forEach((k, i) => {
    out[`${prefix}_task_dormant_items_${k}`] = statuses[i]!;
  });
  return out;
}

const START_EVENTS = {
  action_scheduled: "scheduled",
  action_delayed: "delayed",
  action_running: RUNNING,
  action_pending: "pending",
  action_pausing: PAUSING,
  action_paused: PAUSED,
  action_canceling: CANCELING,
  action_canceled: CANCELED,
  action_failed: FAILED,
  action_timeout: "timeout",
  action_abandoned: "abandoned",
};

export const TASK_MACHINE: Table = {
  null: {
    action_requested: "requested",
    action_scheduled: "scheduled",
    action_delayed: "delayed",
    action_running: RUNNING,
    action_pending: "pending",
    task_continue_requested: SUCCEEDED,
    task_noop_requested: SUCCEEDED,
    task_fail_requested: FAILED,
  },
  requested: { ...START_EVENTS },
  scheduled: { ...START_EVENTS, action_scheduled: undefined as unknown as string },
  delayed: { ...START_EVENTS, action_delayed: undefined as unknown as string },
  running: {
    action_running: RUNNING,
    action_pending: "pending",
    action_pending_task_active_items_incomplete: PAUSING,
    ...dormantItems("action_pending", [PAUSED, CANCELED, FAILED, PAUSED, PAUSED]),
    action_pausing: PAUSING,
    action_paused: PAUSED,
    action_paused_task_active_items_incomplete: PAUSING,
    ...dormantItems("action_paused", [PAUSED, CANCELED, FAILED, PAUSED, PAUSED]),
    action_canceling: CANCELING,
    action_canceled: CANCELED,
    action_canceled_task_active_items_incomplete: CANCELING,
    ...dormantItems("action_canceled", [CANCELED, CANCELED, CANCELED, CANCELED, CANCELED]),
    action_failed: FAILED,
    ...dormantItems("action_failed", [FAILED, CANCELED, FAILED, FAILED, FAILED]),
    action_timeout: FAILED,
    ...dormantItems("action_timeout", [FAILED, CANCELED, FAILED, FAILED, FAILED]),
    action_abandoned: FAILED,
    ...dormantItems("action_abandoned", [FAILED, CANCELED, FAILED, FAILED, FAILED]),
    action_succeeded: SUCCEEDED,
    action_succeeded_task_active_items_incomplete: RUNNING,
    ...dormantItems("action_succeeded", [PAUSED, CANCELED, FAILED, RUNNING, SUCCEEDED]),
    workflow_pausing_task_active_items_incomplete: PAUSING,
    workflow_pausing_task_dormant_items_incomplete: PAUSED,
    workflow_paused_task_active_items_incomplete: PAUSING,
    workflow_paused_task_dormant_items_incomplete: PAUSED,
    workflow_canceling_task_active_items_incomplete: CANCELING,
    workflow_canceling_task_dormant_items_incomplete: CANCELED,
    workflow_canceled_task_active_items_incomplete: CANCELING,
    workflow_canceled_task_dormant_items_incomplete: CANCELED,
  },
  pending: {
    action_canceled: CANCELED,
    action_failed: FAILED,
    action_timeout: FAILED,
    action_abandoned: FAILED,
    action_succeeded: SUCCEEDED,
  },
  pausing: {
    ...dormantItems("action_pending", [PAUSED, CANCELED, FAILED, PAUSED, PAUSED]),
    action_paused: PAUSED,
    ...dormantItems("action_paused", [PAUSED, CANCELED, FAILED, PAUSED, PAUSED]),
    action_resuming: "resuming",
    action_canceling: CANCELING,
    action_canceled: CANCELED,
    ...dormantItems("action_canceled", [CANCELED, CANCELED, CANCELED, CANCELED, CANCELED]),
    action_failed: FAILED,
    ...dormantItems("action_failed", [FAILED, CANCELED, FAILED, FAILED, FAILED]),
    action_timeout: FAILED,
    ...dormantItems("action_timeout", [FAILED, CANCELED, FAILED, FAILED, FAILED]),
    action_abandoned: FAILED,
    ...dormantItems("action_abandoned", [FAILED, CANCELED, FAILED, FAILED, FAILED]),
    ...dormantItems("action_succeeded", [PAUSED, CANCELED, FAILED, PAUSED, SUCCEEDED]),
  },
  paused: {
    action_running: RUNNING,
    action_resuming: "resuming",
    action_canceling: CANCELING,
    action_canceled: CANCELED,
  },
  resuming: { action_running: RUNNING, action_canceling: CANCELING, action_canceled: CANCELED },
  retrying: {
    action_running: RUNNING,
    action_canceling: CANCELING,
    action_canceled: CANCELED,
    workflow_canceling: CANCELED,
    workflow_canceled: CANCELED,
  },
  canceling: {
    ...dormantItems("action_pending", [CANCELED, CANCELED, CANCELED, CANCELED, CANCELED]),
    action_paused: CANCELED,
    ...dormantItems("action_paused", [CANCELED, CANCELED, CANCELED, CANCELED, CANCELED]),
    action_canceled: CANCELED,
    ...dormantItems("action_canceled", [CANCELED, CANCELED, CANCELED, CANCELED, CANCELED]),
    action_failed: FAILED,
    ...dormantItems("action_failed", [CANCELED, CANCELED, CANCELED, CANCELED, CANCELED]),
    action_timeout: FAILED,
    ...dormantItems("action_timeout", [CANCELED, CANCELED, CANCELED, CANCELED, CANCELED]),
    action_abandoned: FAILED,
    ...dormantItems("action_abandoned", [CANCELED, CANCELED, CANCELED, CANCELED, CANCELED]),
    ...dormantItems("action_succeeded", [CANCELED, CANCELED, CANCELED, CANCELED, SUCCEEDED]),
  },
  canceled: {},
  succeeded: { task_retry_requested: "retrying" },
  failed: { task_retry_requested: "retrying" },
};

// The `scheduled`/`delayed` rows differ from `requested` only by the self-event.
for (const row of ["scheduled", "delayed"]) {
  for (const k of Object.keys(TASK_MACHINE[row]!))
    if (TASK_MACHINE[row]![k] === undefined) delete TASK_MACHINE[row]![k];
}

const WF_PRE_RUN = {
  workflow_scheduled: "scheduled",
  workflow_delayed: "delayed",
  workflow_running: RUNNING,
  workflow_pausing_workflow_dormant: PAUSED,
  workflow_paused_workflow_dormant: PAUSED,
  workflow_canceling_workflow_dormant: CANCELED,
  workflow_canceled_workflow_dormant: CANCELED,
  workflow_failed: FAILED,
};

const WF_PAUSE_CANCEL = {
  workflow_pausing_workflow_active: PAUSING,
  workflow_pausing_workflow_dormant: PAUSED,
  workflow_paused_workflow_active: PAUSING,
  workflow_paused_workflow_dormant: PAUSED,
  workflow_canceling_workflow_active: CANCELING,
  workflow_canceling_workflow_dormant: CANCELED,
  workflow_canceled_workflow_active: CANCELING,
  workflow_canceled_workflow_dormant: CANCELED,
};

const taskDone = (kind: "succeeded" | "remediated", s: string[]) =>
  each(`task_${kind}_workflow`, {
    active_incomplete: s[0]!,
    active_completed: s[1]!,
    active_paused: s[2]!,
    active_canceled: s[3]!,
    dormant_incomplete: s[4]!,
    dormant_completed: s[5]!,
    dormant_paused: s[6]!,
    dormant_canceled: s[7]!,
  });

function drop(map: Record<string, string>, ...keys: string[]): Record<string, string> {
  const out = { ...map };
  for (const k of keys) delete out[k];
  return out;
}

export const WORKFLOW_MACHINE: Table = {
  null: {
    workflow_requested: "requested",
    workflow_scheduled: "scheduled",
    workflow_delayed: "delayed",
    workflow_running: RUNNING,
    workflow_failed: FAILED,
  },
  requested: { ...WF_PRE_RUN },
  scheduled: drop(WF_PRE_RUN, "workflow_scheduled"),
  delayed: { ...drop(WF_PRE_RUN, "workflow_delayed") },
  running: {
    ...WF_PAUSE_CANCEL,
    workflow_failed: FAILED,
    workflow_succeeded: SUCCEEDED,
    task_pending_workflow_active: PAUSING,
    task_pending_workflow_dormant: PAUSED,
    task_pausing: RUNNING,
    task_paused_workflow_active: RUNNING,
    task_paused_workflow_dormant: PAUSED,
    ...taskDone("succeeded", [RUNNING, RUNNING, PAUSING, CANCELING, RUNNING, SUCCEEDED, PAUSED, CANCELED]),
    task_failed_workflow_active: FAILED,
    task_failed_workflow_dormant: FAILED,
    ...taskDone("remediated", [RUNNING, RUNNING, PAUSING, CANCELING, RUNNING, SUCCEEDED, PAUSED, CANCELED]),
    task_canceling: CANCELING,
    task_canceled_workflow_active: CANCELING,
    task_canceled_workflow_dormant: CANCELED,
  },
  pausing: {
    ...WF_PAUSE_CANCEL,
    workflow_running: RUNNING,
    workflow_resuming: "resuming",
    workflow_failed: FAILED,
    task_pending_workflow_active: PAUSING,
    task_pending_workflow_dormant: PAUSED,
    task_paused_workflow_active: PAUSING,
    task_paused_workflow_dormant: PAUSED,
    ...taskDone("succeeded", [PAUSING, PAUSING, PAUSING, PAUSING, PAUSED, PAUSED, PAUSED, CANCELED]),
    task_failed_workflow_active: FAILED,
    task_failed_workflow_dormant: FAILED,
    ...taskDone("remediated", [PAUSING, PAUSING, PAUSING, CANCELING, PAUSED, PAUSED, PAUSED, CANCELED]),
    task_canceling: CANCELING,
    task_canceled_workflow_active: CANCELING,
    task_canceled_workflow_dormant: CANCELED,
    task_retrying_workflow_active: PAUSING,
    task_retrying_workflow_dormant: PAUSED,
  },
  paused: {
    workflow_running: RUNNING,
    workflow_running_workflow_completed: SUCCEEDED,
    workflow_resuming: "resuming",
    workflow_resuming_workflow_completed: SUCCEEDED,
    workflow_canceling_workflow_dormant: CANCELED,
    workflow_canceled_workflow_dormant: CANCELED,
    workflow_failed: FAILED,
    task_running: RUNNING,
    task_resuming: RUNNING,
  },
  resuming: {
    ...WF_PAUSE_CANCEL,
    workflow_running: RUNNING,
    workflow_failed: FAILED,
    task_running: RUNNING,
    task_pending_workflow_active: PAUSING,
    task_pending_workflow_dormant: PAUSED,
    task_succeeded_workflow_active_incomplete: RUNNING,
    task_succeeded_workflow_active_completed: RUNNING,
    task_succeeded_workflow_dormant_incomplete: RUNNING,
    task_succeeded_workflow_dormant_completed: SUCCEEDED,
    task_succeeded_workflow_dormant_paused: PAUSED,
    task_succeeded_workflow_dormant_canceled: CANCELED,
    task_failed_workflow_active: FAILED,
    task_failed_workflow_dormant: FAILED,
    task_remediated_workflow_active_incomplete: RUNNING,
    task_remediated_workflow_active_completed: RUNNING,
    task_remediated_workflow_dormant_incomplete: RUNNING,
    task_remediated_workflow_dormant_completed: SUCCEEDED,
    task_remediated_workflow_dormant_paused: PAUSED,
    task_remediated_workflow_dormant_canceled: CANCELED,
    task_canceling: CANCELING,
    task_canceled_workflow_active: CANCELING,
    task_canceled_workflow_dormant: CANCELED,
  },
  canceling: {
    workflow_canceling_workflow_active: CANCELING,
    workflow_canceling_workflow_dormant: CANCELED,
    workflow_canceled_workflow_active: CANCELING,
    workflow_canceled_workflow_dormant: CANCELED,
    workflow_failed: FAILED,
    task_pending_workflow_active: CANCELING,
    task_pending_workflow_dormant: CANCELED,
    task_paused_workflow_active: CANCELING,
    task_paused_workflow_dormant: CANCELED,
    ...drop(
      taskDone("succeeded", [CANCELING, CANCELING, "", "", CANCELED, CANCELED, CANCELED, CANCELED]),
      "task_succeeded_workflow_active_paused",
      "task_succeeded_workflow_active_canceled",
    ),
    task_failed_workflow_active: CANCELING,
    task_failed_workflow_dormant: CANCELED,
    ...drop(
      taskDone("remediated", [CANCELING, CANCELING, "", "", CANCELED, CANCELED, CANCELED, CANCELED]),
      "task_remediated_workflow_active_paused",
      "task_remediated_workflow_active_canceled",
    ),
    task_canceled_workflow_active: CANCELING,
    task_canceled_workflow_dormant: CANCELED,
    task_retrying_workflow_active: CANCELING,
    task_retrying_workflow_dormant: CANCELED,
  },
  canceled: {},
  succeeded: { workflow_failed: FAILED },
  failed: {},
};

/** The next status, or undefined when the table has no entry (status unchanged). */
export function nextStatus(table: Table, current: string, event: string): string | undefined {
  return table[current]?.[event];
}
