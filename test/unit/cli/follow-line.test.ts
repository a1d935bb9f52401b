// The progress lines of `orqc status --follow` (cli/commands/status-follow.ts).

import { describe, expect, it } from "vitest";
import { followLine, statusLine } from "../../../cli/commands/status-follow";
import type { ExecutionRecord } from "../../../runtime/backend/types";
import type { TraceEvent } from "../../../runtime/engine/region";

const record = {
  id: "e1",
  ref: "p.main",
  status: "running",
  input: {},
  createdAt: 0,
  updatedAt: 0,
  cancelRequested: false,
  pauseRequested: false,
  context: { target: { kind: "bundle", ref: "p.main" }, st2: {} },
} as unknown as ExecutionRecord;
const at = Date.UTC(2026, 10, 28, 9, 5, 7);
const ev = (extra: Partial<TraceEvent>): TraceEvent => ({
  at,
  ev: "task.finished",
  unit: "root",
  path: "p.main",
  task: "t",
  route: 0,
  ...extra,
});

describe("followLine", () => {
  it("shows starts with their action, ends with their status, items and attempts", () => {
    expect(followLine(ev({ ev: "task.started", action: "core.local" }), "", record)).toBe(
      "09:05:07  t (route 0): started core.local",
    );
    expect(followLine(ev({ status: "failed", item: 2, attempt: 1 }), "", record)).toBe(
      "09:05:07  t item 2 (route 0) attempt 2: failed",
    );
    expect(followLine(ev({ status: "succeeded" }), "p.child: ", record)).toBe(
      "09:05:07  p.child: t (route 0): succeeded",
    );
  });

  it("names the workflow of a task inlined from a sub-workflow, and skips other events", () => {
    expect(followLine(ev({ unit: "p.sub", path: "p.main/call", status: "succeeded" }), "", record)).toBe(
      "09:05:07  t (route 0): succeeded [p.sub]",
    );
    expect(followLine(ev({ ev: "workflow.started" }), "", record)).toBeNull();
    expect(followLine(ev({ ev: "workflow.cancel_requested" }), "", record)).toBe(
      "09:05:07  workflow cancel requested",
    );
  });
});

describe("statusLine", () => {
  const rec = (status: string) => ({ ...record, status, updatedAt: at }) as ExecutionRecord;
  it("shows pausing, paused, canceling and a resume, once each", () => {
    expect(statusLine(undefined, rec("running"), "")).toBeNull();
    expect(statusLine("running", rec("pausing"), "")).toBe("09:05:07  workflow pausing");
    expect(statusLine("pausing", rec("paused"), "p.child: ")).toBe("09:05:07  p.child: paused");
    expect(statusLine("paused", rec("paused"), "")).toBeNull();
    expect(statusLine("paused", rec("running"), "")).toBe("09:05:07  workflow resumed");
    expect(statusLine("running", rec("canceling"), "")).toBe("09:05:07  workflow canceling");
    expect(statusLine("paused", rec("canceled"), "")).toBeNull();
    expect(statusLine(undefined, rec("paused"), "")).toBe("09:05:07  workflow paused");
  });
});
