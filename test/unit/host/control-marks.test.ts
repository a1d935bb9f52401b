import { describe, expect, it } from "vitest";
import type { JournalEntry } from "../../../runtime/backend/types";
import { controlId, controlState, markValue, pendingMark } from "../../../runtime/host/control-marks";

const snapshot = (marks: Array<"pause" | "resume" | "cancel">) => {
  const order = ["a/0/-/0", ...marks.map((_, i) => controlId(i))];
  const entries = new Map<string, JournalEntry>(
    marks.map((m, i) => [controlId(i), { kind: "value", value: markValue(m), at: 0 }]),
  );
  entries.set("a/0/-/0", { kind: "action", status: "succeeded", value: null, at: 0 });
  return { entries, order, starts: new Map<string, number>() };
};

describe("control marks", () => {
  it("folds the journaled marks in order", () => {
    expect(controlState(snapshot([]))).toEqual({ marks: 0, paused: false, canceled: false });
    expect(controlState(snapshot(["pause"]))).toEqual({ marks: 1, paused: true, canceled: false });
    expect(controlState(snapshot(["pause", "resume"]))).toEqual({ marks: 2, paused: false, canceled: false });
    expect(controlState(snapshot(["pause", "cancel"]))).toEqual({ marks: 2, paused: true, canceled: true });
  });

  it("asks for the mark that brings the journal to the record's flags, a cancel first", () => {
    const idle = { marks: 0, paused: false, canceled: false };
    const paused = { ...idle, paused: true };
    expect(pendingMark(idle, { cancelRequested: false, pauseRequested: false })).toBeUndefined();
    expect(pendingMark(idle, { cancelRequested: false, pauseRequested: true })).toBe("pause");
    expect(pendingMark(idle, { cancelRequested: true, pauseRequested: true })).toBe("cancel");
    expect(pendingMark(paused, { cancelRequested: false, pauseRequested: true })).toBeUndefined();
    expect(pendingMark(paused, { cancelRequested: false, pauseRequested: false })).toBe("resume");
    expect(
      pendingMark({ ...paused, canceled: true }, { cancelRequested: true, pauseRequested: false }),
    ).toBeUndefined();
  });
});
