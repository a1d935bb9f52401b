import { describe, expect, it } from "vitest";
import { constantOf } from "../../../compiler/expr/constant";
import { dropDeadTasks } from "../../../compiler/passes/drop-dead-tasks";
import { foldConstants } from "../../../compiler/passes/fold-constants";
import { foldNoops } from "../../../compiler/passes/fold-noops";
import { fuseSteps } from "../../../compiler/passes/fuse-steps";
import { PyFloat } from "../../../runtime/stdlib/py/value";
import { programOf, workflowAction, writeTree } from "./helpers";

function single(workflow: string) {
  const root = writeTree({
    "p/pack.yaml": "ref: p\nname: p\n",
    "p/actions/w.yaml": workflowAction("w"),
    "p/actions/workflows/w.yaml": workflow,
  });
  return programOf(root, "w").program;
}

describe("fold-constants", () => {
  it("folds expressions that read nothing from the run", () => {
    expect(constantOf("<% 1 + 2 %>")).toEqual({ value: 3 });
    expect(constantOf("{{ 7 / 2 }}")).toEqual({ value: 3.5 });
    expect(constantOf("<% 2.0 %>")?.value).toBeInstanceOf(PyFloat);
    expect(constantOf("x-{{ 'a' | upper }}")).toEqual({ value: "x-A" });
  });

  it("keeps expressions that read the run, fail, or produce expression text", () => {
    expect(constantOf("<% ctx(x) %>")).toBeNull();
    expect(constantOf("{{ result() }}")).toBeNull();
    expect(constantOf("<% $.x %>")).toBeNull();
    expect(constantOf("{{ __vars }}")).toBeNull();
    expect(constantOf("{{ __current_item }}")).toBeNull();
    expect(constantOf("<% 1 / 0 %>")).toBeNull();
    expect(constantOf("{{ '<% ctx(x) %>' }}")).toBeNull();
    expect(constantOf("plain text")).toBeNull();
  });

  it("keeps expressions that draw at random: lipsum is new text at every rendering", () => {
    expect(constantOf("{{ lipsum(1, false, 3, 3) }}")).toBeNull();
    expect(constantOf("{{ [1, 2] | random }}")).toBeNull();
  });

  it("keeps constants that are no data: a complex has no literal form in generated code", () => {
    expect(constantOf("{{ (-1) ** 0.5 }}")).toBeNull();
    expect(constantOf("{{ [(-2) ** 0.5] }}")).toBeNull();
    expect(constantOf("{{ ((-1) ** 0.5) | string }}")).toEqual({ value: "(6.123233995736766e-17+1j)" });
  });

  it("drops a when that is always true and folds publishes", () => {
    const program = single(
      "version: 1.0\ntasks:\n  a:\n    action: core.noop\n    next:\n      - when: <% true %>\n        publish:\n          - n: <% 40 + 2 %>\n          - m: <% ctx(n) %>\n        do: b\n  b:\n    action: core.noop\n",
    );
    const { program: out } = foldConstants(program);
    const tr = out.units.root!.workflow.tasks[0]!.next[0]!;
    expect(tr.condition).toBeNull();
    expect(tr.publish.map((p) => p.value)).toEqual([42, "<% ctx(n) %>"]);
  });
});

describe("drop-dead-tasks", () => {
  it("drops tasks no start task reaches", () => {
    const program = single(
      "version: 1.0\ntasks:\n  a:\n    action: core.noop\n  x:\n    action: core.noop\n    next:\n      - do: y\n  y:\n    action: core.noop\n    next:\n      - do: x\n",
    );
    const { program: out, notes } = dropDeadTasks(program);
    expect(out.units.root!.workflow.tasks.map((t) => t.name)).toEqual(["a"]);
    expect(notes.map((n) => n.task)).toEqual(["x", "y"]);
  });

  it("keeps a dead task whose transition reaches a live task", () => {
    const program = single(
      "version: 1.0\ntasks:\n  a:\n    action: core.noop\n    next:\n      - do: b\n  b:\n    action: core.noop\n  x:\n    action: core.noop\n    next:\n      - do: [y, b]\n  y:\n    action: core.noop\n    next:\n      - do: x\n",
    );
    const { program: out, notes } = dropDeadTasks(program);
    expect(out).toBe(program);
    expect(notes.map((n) => [n.kind, n.task])).toEqual([["blocked", "x"]]);
  });
});

describe("drop-dead-tasks and engine commands", () => {
  it("keeps a dead task whose transition reaches an engine command a live task also reaches", () => {
    // `continue` (a transition without do) is then a split in Orquesta's
    // spec, so it runs on a new route (found by the trace fuzzer: the compiled
    // trace had it on route 0).
    const program = single(
      "version: 1.0\ntasks:\n  a:\n    action: core.noop\n    next:\n      - when: <% succeeded() %>\n  x:\n    action: core.noop\n    next:\n      - do: [x, continue]\n",
    );
    const { program: out, notes } = dropDeadTasks(program);
    expect(out).toBe(program);
    expect(notes.map((n) => [n.kind, n.task])).toEqual([["blocked", "x"]]);
  });
});

describe("fold-noops and fuse-steps", () => {
  it("runs noop and actionless tasks inline unless they must wait", () => {
    const program = single(
      "version: 1.0\ntasks:\n  a:\n    action: core.local cmd=true\n    retry:\n      count: 2\n      delay: 5\n    next:\n      - do: [n, w, d]\n  n:\n    action: core.noop\n  w: {}\n  d:\n    action: core.noop\n    delay: 3\n",
    );
    const folded = foldNoops(program);
    expect(folded.program.units.root!.modes).toEqual({ n: "inline", w: "inline" });
    expect(folded.notes.find((n) => n.task === "d")?.message).toBe('task "d" not folded: it has a delay');
    const fused = fuseSteps(folded.program);
    expect(fused.program.units.root!.waits).toEqual({ a: ["retry-delay"], d: ["delay"] });
  });
});
