import { describe, expect, it } from "vitest";
import { run, taskRuns } from "./helpers";

describe("reference interpreter: transitions and failure handling", () => {
  it("runs a sequence and renders the output from the terminal context", () => {
    const t = run(
      `
version: 1.0
input: [a]
vars: [{b: 2}]
tasks:
  t1:
    action: core.noop
    next:
      - publish: [{c: 3}]
        do: t2
  t2:
    action: core.noop
output:
  - out: [1]
`,
      {},
      { a: 1 },
    );
    expect(t.status).toBe("succeeded");
    expect(taskRuns(t)).toEqual(["t1@0:succeeded", "t2@0:succeeded"]);
    expect(t.context).toMatchObject({ a: 1, b: 2, c: 3 });
    expect(t.output).toEqual({ out: [1] });
  });

  it("fails the workflow on an unhandled failure and logs the result without a route", () => {
    const t = run(
      `
version: 1.0
tasks:
  t1:
    action: core.noop
    next:
      - when: <% succeeded() %>
        do: t2
  t2:
    action: core.noop
`,
      { t1: [{ status: "failed", result: { err: 1 } }] },
    );
    expect(t.status).toBe("failed");
    expect(t.errors).toEqual([
      {
        type: "error",
        message: "Execution failed. See result for details.",
        task_id: "t1",
        result: { err: 1 },
      },
    ]);
    expect(taskRuns(t)).toEqual(["t1@0:failed"]);
  });

  it("treats noop as handling a failure but not continue", () => {
    const handled = run(
      `
version: 1.0
tasks:
  t1:
    action: core.noop
    next:
      - when: <% failed() %>
        do: noop
`,
      { t1: [{ status: "failed" }] },
    );
    expect(handled.status).toBe("succeeded");
    expect(handled.sequence.map((s) => s.id)).toEqual(["t1", "noop"]);
    const unhandled = run(
      `
version: 1.0
tasks:
  t1:
    action: core.noop
    next:
      - when: <% failed() %>
`,
      { t1: [{ status: "failed" }] },
    );
    expect(unhandled.status).toBe("failed");
  });

  it("runs run_on_fail targets next to a fail command, and nothing after them", () => {
    const t = run(
      `
version: 1.0
tasks:
  t1:
    action: core.noop
    next:
      - when: <% failed() %>
        do: [cleanup, fail]
  cleanup:
    action: core.noop
    next:
      - do: after
  after:
    action: core.noop
`,
      { t1: [{ status: "failed" }] },
    );
    expect(t.status).toBe("failed");
    expect(taskRuns(t)).toEqual(["t1@0:failed", "cleanup@0:succeeded"]);
    expect(t.errors.map((e) => e.task_id)).toEqual(["t1", "fail"]);
  });

  it("reports an unreachable join as an error", () => {
    const t = run(
      `
version: 1.0
tasks:
  start:
    action: core.noop
    next:
      - do: [a, b]
  a:
    action: core.noop
    next:
      - when: <% succeeded() %>
        do: j
  b:
    action: core.noop
    next:
      - when: <% failed() %>
        do: j
  j:
    join: all
    action: core.noop
`,
    );
    expect(t.status).toBe("failed");
    expect(t.errors[0]).toEqual({
      type: "error",
      message: 'UnreachableJoinError: The join task|route "j|0" is partially satisfied but unreachable.',
      task_id: "j",
      route: 0,
    });
  });

  it("runs a task referenced from two branches once per route", () => {
    const t = run(
      `
version: 1.0
tasks:
  s1:
    action: core.noop
    next: [{do: x}]
  s2:
    action: core.noop
    next: [{do: x}]
  x:
    action: core.noop
`,
    );
    expect(taskRuns(t)).toEqual(["s1@0:succeeded", "s2@0:succeeded", "x@1:succeeded", "x@2:succeeded"]);
    expect(t.routes).toEqual([[], ["s1__t0"], ["s2__t0"]]);
  });

  it("orders a round by task name, not by definition order", () => {
    const t = run(
      `
version: 1.0
tasks:
  zeta:
    action: core.noop
  alpha:
    action: core.noop
`,
    );
    expect(t.tasks.map((r) => r.id)).toEqual(["alpha", "zeta"]);
  });
});
