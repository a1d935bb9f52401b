import { describe, expect, it } from "vitest";
import { inlineSubworkflows } from "../../../compiler/passes/inline-subworkflows";
import { programOf, workflowAction, writeTree } from "./helpers";

const pack = (files: Record<string, string>) =>
  writeTree({
    "p/pack.yaml": "ref: p\nname: p\n",
    ...Object.fromEntries(Object.entries(files).map(([k, v]) => [`p/actions/${k}`, v])),
  });

describe("inline-subworkflows", () => {
  it("inlines nested calls to any depth and keeps the callee's parameters", () => {
    const root = pack({
      "a.yaml": workflowAction("a"),
      "b.yaml": workflowAction("b", "  x:\n    type: integer\n    default: 3"),
      "c.yaml": workflowAction("c"),
      "workflows/a.yaml": "version: 1.0\ntasks:\n  t1:\n    action: p.b\n    input:\n      x: 1\n",
      "workflows/b.yaml": "version: 1.0\ninput:\n  - x\ntasks:\n  t2:\n    action: p.c\n",
      "workflows/c.yaml": "version: 1.0\ntasks:\n  t3:\n    action: core.noop\n",
    });
    const { program, cx } = programOf(root, "a");
    const { program: out, notes } = inlineSubworkflows(program, cx);
    expect(Object.keys(out.units)).toEqual(["root", "p.b", "p.c"]);
    expect(out.units.root!.modes).toEqual({ t1: "subworkflow" });
    expect(out.units.root!.calls).toEqual({ t1: "p.b" });
    expect(out.units["p.b"]!.calls).toEqual({ t2: "p.c" });
    expect(out.units["p.b"]!.parameters).toEqual({ x: { type: "integer", default: 3 } });
    expect(notes.filter((n) => n.kind === "changed")).toHaveLength(2);
  });

  it("leaves recursive and dynamic calls alone and says why", () => {
    const root = pack({
      "a.yaml": workflowAction("a"),
      "b.yaml": workflowAction("b"),
      "workflows/a.yaml": "version: 1.0\ntasks:\n  t1:\n    action: p.b\n  t2:\n    action: <% ctx(ref) %>\n",
      "workflows/b.yaml": "version: 1.0\ntasks:\n  back:\n    action: p.a\n",
    });
    const { program, cx } = programOf(root, "a");
    const { program: out, notes } = inlineSubworkflows(program, cx);
    expect(out.units.root!.calls).toEqual({ t1: "p.b" });
    expect(out.units["p.b"]!.calls).toEqual({});
    const blocked = notes.filter((n) => n.kind === "blocked").map((n) => n.message);
    expect(blocked).toContain('task "back" not inlined: "p.a" calls itself (p.a -> p.b -> p.a)');
    expect(blocked.some((m) => m.includes('"t2" not inlined: its action ref'))).toBe(true);
  });

  it("returns the same program when there is nothing to inline", () => {
    const root = pack({
      "a.yaml": workflowAction("a"),
      "workflows/a.yaml": "version: 1.0\ntasks:\n  t:\n    action: core.echo message=hi\n",
    });
    const { program, cx } = programOf(root, "a");
    expect(inlineSubworkflows(program, cx).program).toBe(program);
  });
});
