// Static step ids: `task/route/item/attempt`. They name a step by where it is
// in the workflow, never by when it finished, so a replay finds each result
// again whatever order things complete in. `item` is "-" outside with-items.
// Task names are percent-encoded ("/" and "%"), so any name round-trips.

export interface StepRef {
  readonly task: string;
  readonly route: number;
  /** with-items index; absent for ordinary tasks. */
  readonly item?: number;
  /** retry attempt, 0 for the first run. */
  readonly attempt: number;
}

export function stepId(ref: StepRef): string {
  const item = ref.item === undefined ? "-" : String(checkIndex("item", ref.item));
  return `${encodeTask(ref.task)}/${checkIndex("route", ref.route)}/${item}/${checkIndex("attempt", ref.attempt)}`;
}

export function parseStepId(id: string): StepRef {
  const parts = id.split("/");
  if (parts.length !== 4) throw new Error(`invalid step id ${JSON.stringify(id)}`);
  const [task, route, item, attempt] = parts as [string, string, string, string];
  const num = (s: string) => {
    if (!/^(0|[1-9][0-9]*)$/.test(s)) throw new Error(`invalid step id ${JSON.stringify(id)}`);
    return Number(s);
  };
  return {
    task: decodeURIComponent(task),
    route: num(route),
    ...(item === "-" ? {} : { item: num(item) }),
    attempt: num(attempt),
  };
}

/** Ids for journaled values that are not action steps (timers, now(), uuids). */
export function valueId(kind: "timer" | "now" | "random" | string, scope: string, n = 0): string {
  return `~${kind}/${encodeTask(scope)}/${n}`;
}

function encodeTask(task: string): string {
  return task.replace(/%/g, "%25").replace(/\//g, "%2F");
}

function checkIndex(what: string, n: number): number {
  if (!Number.isInteger(n) || n < 0) throw new Error(`invalid step ${what} ${n}`);
  return n;
}
