// `orqc status ID --follow`: an execution's progress as it happens, as
// `st2 execution tail` shows a workflow's: a line when a task starts or
// finishes, in the execution and in every sub-workflow execution under it,
// until the execution completes; then its status, output and errors.

import type { Backend, ExecutionRecord, InquiryRecord } from "../../runtime/backend/types";
import type { TraceEvent } from "../../runtime/engine/region";
import { COMPLETED, PAUSE, S } from "../../runtime/engine/statuses";
import { contextOf } from "../../runtime/host/record-context";
import { pendingBlock, pendingInquiriesOf } from "./inquiry-format";

const POLL_MS = 500;

export interface FollowOptions {
  readonly write: (text: string) => void;
  readonly pollMs?: number;
  /** Formats the completed record (orqc status's block, without its task list). */
  readonly summary: (record: ExecutionRecord) => string;
}

function clock(at: number): string {
  return new Date(at).toISOString().slice(11, 19);
}

/**
 * One progress line for a trace event of `rec`, or null for events not shown.
 * A task of an inlined sub-workflow (a compiled bundle) shows its workflow, as
 * `orqc status` does.
 */
export function followLine(e: TraceEvent, where: string, rec: ExecutionRecord): string | null {
  const item = e.item !== undefined ? ` item ${e.item}` : "";
  const attempt = e.attempt ? ` attempt ${e.attempt + 1}` : "";
  const top = e.unit === "root" || e.unit === contextOf(rec)?.target.ref || e.path === rec.ref;
  const task = `${where}${e.task}${item} (route ${e.route})${attempt}`;
  const unit = top ? "" : ` [${e.unit}]`;
  switch (e.ev) {
    case "task.started":
      return `${clock(e.at)}  ${task}: started${e.action ? ` ${e.action}` : ""}${unit}`;
    case "task.finished":
      return `${clock(e.at)}  ${task}: ${e.status}${unit}`;
    case "workflow.cancel_requested":
      return `${clock(e.at)}  ${where || "workflow "}cancel requested`;
    default:
      return null;
  }
}

/**
 * The line for a change of an execution's status that no task event shows
 * (pausing, paused, resumed, canceling), or null. `before` is the status last
 * seen, undefined the first time (then only a paused or pausing one is shown).
 */
export function statusLine(before: string | undefined, rec: ExecutionRecord, where: string): string | null {
  if (before === rec.status) return null;
  const name = where || "workflow ";
  if (rec.status === S.pausing || rec.status === S.paused || rec.status === S.canceling)
    return `${clock(rec.updatedAt)}  ${name}${rec.status}`;
  if (before !== undefined && PAUSE.has(before) && !COMPLETED.has(rec.status))
    return `${clock(rec.updatedAt)}  ${name}resumed`;
  return null;
}

/**
 * What an event stands for, without its time: a run that replays the journal
 * (after a delay, a child, a restart) records the same events again, later.
 */
function eventKey(e: TraceEvent): string {
  return `${e.ev}|${e.unit}|${e.path}|${e.task}|${e.route}|${e.item}|${e.attempt}|${e.step}`;
}

/**
 * Follows `id` until it completes; returns its final record (undefined when
 * it does not exist or disappears, e.g. purged while followed).
 */
export async function followExecution(
  backend: Backend,
  id: string,
  options: FollowOptions,
): Promise<ExecutionRecord | undefined> {
  const seen = new Set<string>();
  const announced = new Set<string>();
  const statuses = new Map<string, string>();
  let shownInquiries = "";
  const pollMs = options.pollMs ?? POLL_MS;
  for (;;) {
    const root = await backend.executions.get(id);
    if (!root) return undefined;
    // The execution and every execution under it (one listing), each named by
    // the chain of sub-workflow refs that leads to it; parents come first.
    const under = await backend.executions.list({ rootId: id, since: root.createdAt, limit: 10_000 });
    under.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
    const whereOf = new Map<string, string>([[id, ""]]);
    const tree: { rec: ExecutionRecord; where: string }[] = [{ rec: root, where: "" }];
    for (const rec of under) {
      const where = `${whereOf.get(rec.parentId ?? id) ?? ""}${rec.ref}: `;
      whereOf.set(rec.id, where);
      tree.push({ rec, where });
    }
    const lines: { at: number; text: string }[] = [];
    for (const { rec, where } of tree) {
      if (rec !== root && !announced.has(rec.id)) {
        announced.add(rec.id);
        lines.push({
          at: rec.createdAt,
          text: `${clock(rec.createdAt)}  ${where}execution ${rec.id} started`,
        });
      }
      const changed = statusLine(statuses.get(rec.id), rec, where);
      statuses.set(rec.id, rec.status);
      if (changed) lines.push({ at: rec.updatedAt, text: changed });
      // The n-th occurrence of a key (a task in a cycle runs again) is its own event.
      const occurrences = new Map<string, number>();
      for (const e of contextOf(rec)?.trace ?? []) {
        const base = `${rec.id}|${eventKey(e)}`;
        const n = (occurrences.get(base) ?? 0) + 1;
        occurrences.set(base, n);
        const key = `${base}#${n}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const text = followLine(e, where, rec);
        if (text) lines.push({ at: e.at, text });
      }
    }
    lines.sort((a, b) => a.at - b.at);
    if (lines.length > 0) options.write(`${lines.map((l) => l.text).join("\n")}\n`);
    // An open inquiry pauses its workflow: the inquiry list is read only then.
    const waiting = tree.some(({ rec }) => PAUSE.has(rec.status));
    const inquiries: InquiryRecord[] = waiting ? await pendingInquiriesOf(backend, id) : [];
    const block = pendingBlock(inquiries);
    if (block !== shownInquiries) {
      shownInquiries = block;
      if (block) options.write(`${block.slice(1)}\n`);
    }
    if (COMPLETED.has(root.status)) {
      options.write(`${options.summary(root)}\n`);
      return root;
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
