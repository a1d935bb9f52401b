import { describe, expect, it } from "vitest";
import { renderWith } from "../../../runtime/engine/expressions";
import { runWave } from "../../../runtime/engine/wave";
import type { PyValue } from "../../../runtime/stdlib/py/value";
import { irOf, ListExecutor, run, taskRuns } from "./helpers";

const ITEMS = (concurrency: string) => `
version: 1.0
input: [xs]
tasks:
  t1:
    with:
      items: x in <% ctx(xs) %>
${concurrency}
    action: core.echo
    input:
      message: <% item(x) %>
`;

describe("with-items", () => {
  it("runs one execution per item, results in item order", () => {
    const t = run(
      ITEMS(""),
      {
        t1: [
          { status: "succeeded", result: "a" },
          { status: "succeeded", result: "b" },
        ],
      },
      { xs: [1, 2] },
    );
    expect(t.status).toBe("succeeded");
    expect(t.executions.map((e) => [e.item_id, e.input])).toEqual([
      [0, { message: 1 }],
      [1, { message: 2 }],
    ]);
    expect(t.tasks[0]!.result).toEqual(["a", "b"]);
    expect(t.tasks[0]!.items_count).toBe(2);
  });

  it("stops starting items after a failure when concurrency is 1", () => {
    const t = run(ITEMS("      concurrency: 1"), { t1: [{ status: "failed" }] }, { xs: [1, 2, 3] });
    expect(t.status).toBe("failed");
    expect(t.executions).toHaveLength(1);
    expect(t.tasks[0]!.items).toEqual([
      expect.objectContaining({ item_id: 0, status: "failed" }),
      null,
      null,
    ]);
  });

  it("evaluates concurrency as Orquesta 1.6.0 does: <= 0 never starts an item, other types fail the task", () => {
    // Found by the trace fuzzer against the real conductor: no clamp to 1, and
    // the TypeError comes from `concurrency - len(active_items)`.
    const wf = ITEMS("      concurrency: <% ctx(c) %>").replace("input: [xs]", "input: [xs, c]");
    const zero = run(wf, {}, { xs: [1, 2], c: 0 });
    expect(zero.status).toBe("running");
    expect(zero.executions).toHaveLength(0);
    const text = run(wf, {}, { xs: [1, 2], c: "two" });
    expect(text.status).toBe("failed");
    expect(text.errors.map((e) => e.message)).toEqual([
      "TypeError: unsupported operand type(s) for -: 'str' and 'int'",
    ]);
    const list = run(wf, {}, { xs: [1, 2], c: [1] });
    expect(list.errors.map((e) => e.message)).toEqual([
      "TypeError: unsupported operand type(s) for -: 'list' and 'int'",
    ]);
  });

  it("runs every item without concurrency even after one fails", () => {
    const t = run(ITEMS(""), { t1: [{ status: "failed" }] }, { xs: [1, 2, 3] });
    expect(t.status).toBe("failed");
    expect(t.executions.map((e) => e.status)).toEqual(["failed", "succeeded", "succeeded"]);
  });

  it("succeeds at once with [] over an empty list", () => {
    const t = run(ITEMS(""), {}, { xs: [] });
    expect(t.status).toBe("succeeded");
    expect(t.tasks[0]!.result).toEqual([]);
    expect(t.executions).toHaveLength(0);
  });

  it("fails the workflow when the items value is not a list", () => {
    const t = run(ITEMS(""), {}, { xs: "nope" });
    expect(t.status).toBe("failed");
    expect(t.errors[0]).toEqual({
      type: "error",
      message: 'TypeError: The value of "<% ctx(xs) %>" is not type of list.',
      task_id: "t1",
      route: 0,
    });
  });
});

describe("retry and cycles", () => {
  it("retries a failed task up to count, each attempt a record, the last one decides", () => {
    const t = run(
      `
version: 1.0
tasks:
  t1:
    action: core.noop
    retry:
      count: 2
      delay: 5
`,
      { t1: [{ status: "failed" }, { status: "failed" }, { status: "succeeded" }] },
    );
    expect(t.status).toBe("succeeded");
    expect(t.tasks.map((r) => [r.attempt, r.status, r.delay])).toEqual([
      [1, "retrying", undefined],
      [2, "retrying", 5],
      [3, "succeeded", 5],
    ]);
    expect(t.sequence).toHaveLength(1);
  });

  it("do: retry without when retries a successful task three more times", () => {
    const t = run(
      `
version: 1.0
tasks:
  t1:
    action: core.noop
    next:
      - do: retry
`,
    );
    expect(t.tasks.map((r) => r.attempt)).toEqual([1, 2, 3, 4]);
    expect(t.status).toBe("succeeded");
  });

  it("runs a cycle until its exit and keeps one route", () => {
    const t = run(
      `
version: 1.0
tasks:
  init:
    action: core.noop
    next: [{do: body}]
  body:
    action: core.noop
    next:
      - when: <% failed() %>
        do: body
      - when: <% succeeded() %>
        do: done
  done:
    action: core.noop
`,
      { body: [{ status: "failed" }, { status: "failed" }, { status: "succeeded" }] },
    );
    expect(taskRuns(t)).toEqual([
      "init@0:succeeded",
      "body@0:failed",
      "body@0:failed",
      "body@0:succeeded",
      "done@0:succeeded",
    ]);
    expect(t.status).toBe("succeeded");
    expect(t.sequence.map((s) => s.id)).toEqual(["init", "body", "body", "body", "done"]);
  });
});

describe("with-items rendering", () => {
  it("renders a with-items task once for its items when its rendering cannot change", () => {
    // Orquesta renders every item again at each call for the next items: with a concurrency limit,
    // once per finished item, quadratic in the items. A rendering that reads only the context and
    // the item is the same every time; one that reads the run's state, the datastore, the clock
    // or chance is done again, as Orquesta does.
    const renders = (input: string, concurrency = "      concurrency: 2") => {
      let n = 0;
      const render = (value: PyValue, env: Parameters<typeof renderWith>[1]) => {
        if (value === "<% ctx(xs) %>") n++;
        return renderWith(value, env);
      };
      const wf = ITEMS(concurrency).replace("message: <% item(x) %>", `message: ${input}`);
      const t = runWave(irOf(wf), {
        workflowPath: "wf.yaml",
        input: { xs: Array.from({ length: 40 }, (_, i) => i) },
        parentContext: {},
        executor: new ListExecutor(),
        render,
      });
      expect(t.status).toBe("succeeded");
      expect(t.executions).toHaveLength(40);
      return n;
    };
    expect(renders("<% item(x) %>")).toBe(1);
    expect(renders("<% random(1, 2) %>")).toBeGreaterThanOrEqual(20);
    // without a limit every item starts at once: nothing is left to render for the others
    expect(renders("<% random(1, 2) %>", "")).toBe(1);
  });
});
