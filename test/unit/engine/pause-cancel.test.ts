import { describe, expect, it } from "vitest";
import { interpreter, ListExecutor } from "./helpers";

const WF = `
version: 1.0
tasks:
  t1:
    action: core.noop
    next: [{do: t2}]
  t2:
    action: core.noop
`;

describe("pause, resume and cancel", () => {
  it("pauses while an action runs, dispatches nothing, and resumes to the end", () => {
    const w = interpreter(WF, new ListExecutor());
    expect(w.round()).toBe(1);
    expect(w.request("paused")).toBeNull();
    expect(w.status).toBe("pausing");
    w.wave();
    expect(w.status).toBe("paused");
    expect(w.round()).toBe(0);
    expect(w.request("resuming")).toBeNull();
    const t = w.run();
    expect(t.status).toBe("succeeded");
    expect(t.tasks.map((r) => r.id)).toEqual(["t1", "t2"]);
  });

  it("cancels: the running action finishes, nothing new starts", () => {
    const w = interpreter(WF, new ListExecutor());
    w.round();
    expect(w.request("canceled")).toBeNull();
    expect(w.status).toBe("canceling");
    const t = w.run();
    expect(t.status).toBe("canceled");
    expect(t.tasks.map((r) => r.id)).toEqual(["t1"]);
  });

  it("refuses to pause a completed workflow", () => {
    const w = interpreter(WF, new ListExecutor());
    w.run();
    expect(w.request("paused")).toMatch(/already succeeded/);
  });
});
