// Events the host reports to the conductor (Orquesta's events module).

import type { PyValue } from "../stdlib/py/value";
import { S } from "./statuses";

export interface ConductorEvent {
  readonly kind: "action" | "item" | "engine";
  /** Base event name, e.g. `action_running`, `task_retry_requested`. */
  readonly name: string;
  readonly status: string;
  readonly result: PyValue;
  readonly itemId?: number;
  /** with-items: the item results so far, one slot per item. */
  readonly accumulated?: PyValue[];
}

export function actionEvent(status: string, result: PyValue = null): ConductorEvent {
  return { kind: "action", name: `action_${status}`, status, result };
}

export function itemEvent(
  itemId: number,
  status: string,
  result: PyValue,
  accumulated: PyValue[],
): ConductorEvent {
  return { kind: "item", name: `action_${status}`, status, result, itemId, accumulated };
}

export const ENGINE_EVENTS: Readonly<Record<string, ConductorEvent>> = {
  continue: { kind: "engine", name: "task_continue_requested", status: S.succeeded, result: null },
  fail: { kind: "engine", name: "task_fail_requested", status: S.failed, result: null },
  noop: { kind: "engine", name: "task_noop_requested", status: S.succeeded, result: null },
  retry: { kind: "engine", name: "task_retry_requested", status: S.retrying, result: null },
};

export function isEngineCommand(taskId: string): boolean {
  return Object.hasOwn(ENGINE_EVENTS, taskId);
}
