import { describe, expect, it } from "vitest";
import { buildWorkflowIR } from "../../../compiler/ir/build";
import { WorkflowGraph } from "../../../compiler/ir/graph";
import { parseInlineParams } from "../../../compiler/ir/inline-params";
import { loadDefinition } from "../../../runtime/engine/load-definition";
import { PyFloat } from "../../../runtime/stdlib/py/value";

const ir = (yaml: string) => buildWorkflowIR(loadDefinition("wf.yaml", yaml).definition);

describe("inline parameters", () => {
  it("parses Orquesta's value forms and drops bare words", () => {
    expect(parseInlineParams(`x=1 y=2.5 z=true w=null v="hello world" u=<% ctx(a) %> who=a`)).toEqual([
      ["x", 1],
      ["y", 2.5],
      ["z", true],
      ["w", null],
      ["v", "hello world"],
      ["u", "<% ctx(a) %>"],
    ]);
    expect(parseInlineParams(`a='{"k": 1}' b=.5 c=[1, 2] d=TRUE`)).toEqual([
      ["a", { k: 1 }],
      ["b", ".5"],
      ["c", [1, 2]],
      ["d", true],
    ]);
    expect(parseInlineParams("f=1.0")[0]![1]).toEqual(new PyFloat(1));
  });
});

describe("IR builder", () => {
  it("normalises action inline input, publish strings, do lists and with shorthand", () => {
    const w = ir(`
version: 1.0
tasks:
  t1:
    action: core.echo message="hi" n=2
    input: {ignored: true}
    with: x in <% ctx(xs) %>
    next:
      - publish: a=1 b="x"
        do: t2, t3
      - when: <% failed() %>
  t2:
    action: core.noop
  t3:
    join: all
`);
    const t1 = w.tasks[0]!;
    expect(t1.action).toBe("core.echo");
    expect(t1.input).toEqual({ message: "hi", n: 2 });
    expect(t1.withItems).toMatchObject({ itemsExpression: "<% ctx(xs) %>", names: ["x"] });
    expect(t1.next[0]).toMatchObject({
      publish: [
        { name: "a", value: 1 },
        { name: "b", value: "x" },
      ],
      targets: ["t2", "t3"],
    });
    expect(t1.next[1]).toMatchObject({ condition: "<% failed() %>", targets: ["continue"] });
    expect(w.tasks[2]!.join).toEqual({ kind: "join-all" });
  });
});

describe("workflow graph", () => {
  it("keys parallel edges, folds do: retry into a retry policy, finds splits and cycles", () => {
    const g = new WorkflowGraph(
      ir(`
version: 1.0
tasks:
  a:
    action: core.noop
    next:
      - when: <% succeeded() %>
        do: b
      - when: <% completed() %>
        do: b
      - do: retry
  b:
    action: core.noop
    next:
      - when: <% failed() %>
        do: b
      - do: c
  c:
    action: core.noop
    next:
      - publish: [{x: 1}]
`),
    );
    expect(g.roots()).toEqual(["a"]);
    expect(g.nextTransitions("a").map((e) => `${e.target}__t${e.key}`)).toEqual(["b__t0", "b__t1"]);
    expect(g.retrySpec("a")).toEqual({ when: "<% completed() %>", count: 3, delay: null });
    expect(g.isSplitTask("b")).toBe(true);
    expect(g.inCycle("b")).toBe(true);
    expect(g.inCycle("c")).toBe(false);
    expect(g.hasTask("continue")).toBe(true);
  });
});
