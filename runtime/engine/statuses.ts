// Orquesta's status values and the groups the conductor tests against.

export const S = {
  requested: "requested",
  scheduled: "scheduled",
  delayed: "delayed",
  running: "running",
  pending: "pending",
  pausing: "pausing",
  paused: "paused",
  resuming: "resuming",
  succeeded: "succeeded",
  failed: "failed",
  expired: "timeout",
  abandoned: "abandoned",
  retrying: "retrying",
  canceling: "canceling",
  canceled: "canceled",
  unset: "null",
} as const;

export type Status = (typeof S)[keyof typeof S];

const set = (...xs: string[]): ReadonlySet<string> => new Set(xs);

export const STARTING = set(S.requested, S.scheduled, S.delayed, S.running, S.pending);
export const RUNNING = set(S.requested, S.scheduled, S.delayed, S.running, S.resuming, S.retrying);
export const ACTIVE = set(S.requested, S.scheduled, S.delayed, S.running, S.resuming, S.pausing, S.canceling);
export const PAUSE = set(S.pausing, S.paused);
export const CANCEL = set(S.canceling, S.canceled);
export const ABENDED = set(S.failed, S.expired, S.abandoned);
export const COMPLETED = set(S.succeeded, S.failed, S.expired, S.abandoned, S.canceled);

/** Statuses a scenario (or a runner) may report for an action execution. */
export function normalizeActionStatus(status: string): string {
  return status === "expired" ? S.expired : status;
}
