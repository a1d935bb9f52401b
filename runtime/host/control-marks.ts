// cancel / pause / resume as a run applied them: journaled among the action
// results (`~control/N`), in arrival order, so that any later run of the
// execution (a wake-up, the job a resume enqueues, a replay after a crash)
// applies them at the same point of the replay. Without them a run replayed
// the results first and read the flags afterwards: a task that a pause had
// kept from starting started during the replay.

import type { JournalEntry, JournalSnapshot } from "../backend/types";

export type ControlMark = "pause" | "resume" | "cancel";

const PREFIX = "~control/";

export const isControlId = (id: string): boolean => id.startsWith(PREFIX);

export const controlId = (n: number): string => `${PREFIX}${n}`;

/** What a mark's journal entry holds (a value entry). */
export const markValue = (mark: ControlMark): { control: ControlMark } => ({ control: mark });

export function markOf(entry: JournalEntry | undefined): ControlMark | undefined {
  const v = entry?.value;
  if (v === null || typeof v !== "object" || Array.isArray(v)) return undefined;
  const mark = (v as { control?: unknown }).control;
  return mark === "pause" || mark === "resume" || mark === "cancel" ? mark : undefined;
}

/** Where the journaled marks leave the execution. */
export interface ControlState {
  readonly marks: number;
  readonly paused: boolean;
  readonly canceled: boolean;
}

export function controlState(snapshot: JournalSnapshot): ControlState {
  let state: ControlState = { marks: 0, paused: false, canceled: false };
  for (const id of snapshot.order)
    if (isControlId(id)) state = afterMark(state, markOf(snapshot.entries.get(id)));
  return state;
}

/** The state once one more mark is journaled. */
export function afterMark(state: ControlState, mark: ControlMark | undefined): ControlState {
  return {
    marks: state.marks + 1,
    paused: mark === "pause" ? true : mark === "resume" ? false : state.paused,
    canceled: state.canceled || mark === "cancel",
  };
}

/** The mark that brings `state` to what the record's flags ask (a cancel before a pause), if any. */
export function pendingMark(
  state: Pick<ControlState, "paused" | "canceled">,
  flags: { readonly cancelRequested: boolean; readonly pauseRequested: boolean },
): ControlMark | undefined {
  if (flags.cancelRequested && !state.canceled) return "cancel";
  if (state.canceled) return undefined;
  if (flags.pauseRequested && !state.paused) return "pause";
  if (!flags.pauseRequested && state.paused) return "resume";
  return undefined;
}
