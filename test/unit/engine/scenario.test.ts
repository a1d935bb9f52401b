import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readScenario, runCases, scenarioProblem } from "../../../runtime/engine/cases";
import { runScenario, type Scenario } from "../../../runtime/engine/scenario";
import type { Trace } from "../../../runtime/engine/trace";
import { pyJsonLoads } from "../../../runtime/stdlib/functions/py-json";
import { dictKeys } from "../../../runtime/stdlib/py/dict";
import { toGolden } from "../../../runtime/stdlib/py/golden-json";
import { type PyDict, PyFloat, type PyValue } from "../../../runtime/stdlib/py/value";

const FILES: Record<string, string> = {
  "parent.yaml": `
version: 1.0
tasks:
  call:
    action: demo.child
    input:
      who: <% ctx(st2).user %>
    next:
      - when: <% succeeded() %>
        publish:
          - got: <% result().output.greeting %>
output:
  - got: <% ctx(got) %>
`,
  "child.yaml": `
version: 1.0
input: [who, count]
tasks:
  hello:
    action: core.echo
    input:
      message: hi <% ctx(who) %>
output:
  - greeting: <% task(hello).result.stdout %>
  - count: <% ctx(count) %>
`,
};

const read = (p: string): string => FILES[p] ?? "";

/** Runs one workflow text with nothing scripted: every action succeeds with a null result. */
const runText = (workflow: string): Trace =>
  runScenario({ workflow: "w.yaml", input: {} }, { root: "/nowhere", readWorkflow: () => workflow });

describe("scenario runner", () => {
  it("runs a sub-workflow as a child with its own st2 context, parameters and script", () => {
    const scenario: Scenario = {
      workflow: "parent.yaml",
      input: {},
      st2: { user: "stanley", action: "demo.parent", pack: "demo" },
      subworkflows: {
        "demo.child": {
          workflow: "child.yaml",
          parameters: { who: { type: "string" }, count: { type: "integer", default: "2" } },
          actions: { hello: [{ status: "succeeded", result: { stdout: "hi stanley" } }] },
        },
      },
    };
    const t = runScenario(scenario, { root: "/nowhere", readWorkflow: read });
    expect(t.status).toBe("succeeded");
    expect(t.output).toEqual({ got: "hi stanley" });
    const child = t.executions[0]!.subworkflow!;
    expect(child.input).toEqual({ who: "stanley", count: 2 });
    expect(child.output).toEqual({ greeting: "hi stanley", count: 2 });
    expect(t.executions[0]!.result).toEqual({ output: { greeting: "hi stanley", count: 2 } });
    expect((child.context as { st2: { workflow_execution_id: string } }).st2.workflow_execution_id).toBe(
      "ex0.wf.call.0.1.a0.wf",
    );
  });

  it("uses route-specific and item-specific entries before the plain list, then the default", () => {
    const scenario: Scenario = {
      workflow: "w.yaml",
      input: {},
      actions: {
        t: [
          { status: "failed", result: "for item 1", item_id: 1 },
          { status: "succeeded", result: "first" },
        ],
      },
    };
    const files: Record<string, string> = {
      "w.yaml": "version: 1.0\ntasks:\n  t:\n    with: <% [10, 20, 30] %>\n    action: core.noop\n",
    };
    const t = runScenario(scenario, { root: "/nowhere", readWorkflow: (p) => files[p] ?? "" });
    expect(t.executions.map((e) => [e.item_id, e.status, e.scripted_by])).toEqual([
      [0, "succeeded", "t[1]"],
      [1, "failed", "t[0]"],
      [2, "succeeded", "default"],
    ]);
    expect(t.status).toBe("failed");
  });
});

describe("readScenario", () => {
  it("reads a scenario file as Python's json module does: floats stay floats, key order is kept", () => {
    const dir = mkdtempSync(join(tmpdir(), "orqc-scenario-"));
    const file = join(dir, "scenario.json");
    writeFileSync(file, '{"workflow": "w.yaml", "input": {"x": 1.0, "m": {"b": 1, "10": 2, "2": 3}}}');
    const s = readScenario(file);
    expect(s.input?.x).toBeInstanceOf(PyFloat);
    expect(dictKeys(s.input?.m as PyDict)).toEqual(["b", "10", "2"]);
  });

  it("refuses scripted outcomes and sub-workflow entries of the wrong shape, naming where", () => {
    const problem = (doc: unknown) =>
      scenarioProblem(pyJsonLoads(JSON.stringify({ workflow: "w.yaml", ...(doc as object) })));
    expect(
      problem({ actions: { a: [{ status: "failed" }, { result: 1 }], b: { status: "timeout" } } }),
    ).toBeNull();
    expect(problem({ actions: { a: [null] } })).toBe(
      '"actions"."a"[0] must be an outcome object ({"status", "result"})',
    );
    expect(problem({ actions: { a: 7 } })).toBe(
      '"actions"."a" must be an outcome object ({"status", "result"})',
    );
    expect(problem({ actions: { a: [{ status: "bogus" }] } })).toMatch(
      /^"actions"."a"\[0\]: "status" must be one of succeeded, /,
    );
    expect(problem({ default: { status: "nope" } })).toMatch(/^"default": "status" must be one of /);
    expect(problem({ subworkflows: { "p.sub": 5 } })).toBe(
      '"subworkflows"."p.sub" must be an object with a "workflow"',
    );
    expect(problem({ subworkflows: { "p.sub": { workflow: "s.yaml", actions: { t: "x" } } } })).toBe(
      '"subworkflows"."p.sub": "actions"."t" must be an outcome object ({"status", "result"})',
    );
  });
});

describe("objects in a workflow's context", () => {
  it("keeps what Orquesta's context copy keeps; a later YAQL expression sees a range or bytes as a tuple of ints", () => {
    // Expected values from scripts/trace-diff/orquesta_reference.py (Orquesta 1.6.0).
    const workflow = `
version: 1.0
tasks:
  t1:
    next:
      - publish:
          - a: <% datetime(2020, 1, 2) %>
          - r: "{{ range(2, 5) }}"
          - b: "{{ 'ab'.encode() }}"
        do: t2
  t2:
    next:
      - publish:
          - d: <% (datetime(2020, 1, 5) - ctx(a)).days %>
          - y: "{{ ctx('a').year }}"
          - l: <% ctx(r) %>
          - j: "{{ ctx('r') | list }}"
          - bl: "{{ ctx('b') | length }}"
          - yl: <% ctx(b).len() %>
output:
  - d: <% ctx(d) %>
  - y: <% ctx(y) %>
  - l: <% ctx(l) %>
  - j: <% ctx(j) %>
  - bl: <% ctx(bl) %>
  - yl: <% ctx(yl) %>
`;
    const t = runText(workflow);
    expect(t.status).toBe("succeeded");
    expect(t.output).toEqual({ d: new PyFloat(3), y: 2020, l: [2, 3, 4], j: [2, 3, 4], bl: 2, yl: 2 });
  });
});

describe("dict keys that share a text across a run", () => {
  it("are two keys within one publish list and one vars list, and one key (the last value) in the next task and the action input", () => {
    // Expected values from scripts/trace-diff/orquesta_reference.py (Orquesta 1.6.0 copies each context through JSON).
    const workflow = `
version: 1.0
vars:
  - v: <% {1 => 'a', '1' => 'b'} %>
  - vn: <% ctx(v).len() %>
tasks:
  t1:
    action: core.noop
    input:
      x: <% {1 => 'a', '1' => 'b'} %>
    next:
      - publish:
          - x: <% {1 => 'a', '1' => 'b'} %>
          - n: <% ctx(x).len() %>
          - s: <% str(ctx(x)) %>
          - f: "{{ {1: 'a'} }}"
          - g: "{{ ctx('f')[1] }}"
        do: t2
  t2:
    action: core.noop
    next:
      - publish:
          - n2: <% ctx(x).len() %>
          - v2: <% ctx(v) %>
output:
  - n: <% ctx(n) %>
  - s: <% ctx(s) %>
  - vn: <% ctx(vn) %>
  - g: <% ctx(g) %>
  - n2: <% ctx(n2) %>
  - x: <% ctx(x) %>
  - v2: <% ctx(v2) %>
`;
    const t = runText(workflow);
    expect(t.status).toBe("succeeded");
    expect(toGolden(t.output as PyValue).value).toEqual({
      n: 2,
      s: "{1: 'a', '1': 'b'}",
      vn: 2,
      g: "a",
      n2: 1,
      x: { "1": "b" },
      v2: { "1": "b" },
    });
    expect(toGolden(t.executions[0]!.input as PyValue).value).toEqual({ x: { "1": "b" } });
  });
});

describe("dict keys that are not strings within one publish list", () => {
  it("reach the other language as they are: a YAQL dict read by Jinja, a Jinja dict read by YAQL", () => {
    // Expected values from scripts/trace-diff/orquesta_reference.py (Orquesta 1.6.0).
    const workflow = `
version: 1.0
tasks:
  t1:
    action: core.noop
    next:
      - publish:
          - x: <% {1 => 'a', '1' => 'b'} %>
          - y: "{{ ctx('x')[1] }}"
          - z: "{{ ctx('x') | length }}"
          - j: "{{ {2: 'c', '2': 'd'} }}"
          - k: <% ctx(j).get(2) %>
          - m: <% ctx(j).len() %>
        do: t2
  t2:
    action: core.noop
output:
  - y: <% ctx(y) %>
  - z: <% ctx(z) %>
  - k: <% ctx(k) %>
  - m: <% ctx(m) %>
`;
    const t = runText(workflow);
    expect(t.status).toBe("succeeded");
    expect(t.output).toEqual({ y: "a", z: 2, k: "c", m: 2 });
  });
});

describe("a context handed to the next task", () => {
  it("is copied as Orquesta copies it: through JSON (a tuple becomes a list), or kept whole while it holds a set", () => {
    // Expected values from scripts/trace-diff/orquesta_reference.py (Orquesta 1.6.0, ujson 5.7.0).
    const workflow = `
version: 1.0
tasks:
  t1:
    action: core.noop
    next:
      - publish:
          - t: "{{ (1, 2) }}"
          - d: "{{ {1: 'a', none: 'n', true: 'x'} }}"
          - s: <% set(1, 2) %>
        do: t2
  t2:
    action: core.noop
    next:
      - publish:
          - ts2: "{{ ctx('t') | string }}"
          - ds2: "{{ ctx('d') | string }}"
          - dk: "{{ ctx('d')[1] }}"
        do: t3
  t3:
    action: core.noop
    next:
      - publish:
          - s: null
        do: t4
  t4:
    action: core.noop
    next:
      - publish:
          - ts4: "{{ ctx('t') | string }}"
          - ds4: "{{ ctx('d') | string }}"
output:
  - ts2: <% ctx(ts2) %>
  - ds2: <% ctx(ds2) %>
  - dk: <% ctx(dk) %>
  - ts4: <% ctx(ts4) %>
  - ds4: <% ctx(ds4) %>
`;
    const t = runText(workflow);
    expect(t.status).toBe("succeeded");
    expect(t.output).toEqual({
      ts2: "(1, 2)",
      ds2: "{1: 'x', None: 'n'}",
      dk: "x",
      ts4: "[1, 2]",
      ds4: "{'1': 'x', 'null': 'n'}",
    });
  });
});

describe("runCases", () => {
  it("fails only the case whose trace holds a value that is not data, not the whole batch", () => {
    // Found by the trace fuzzer's corpus mode: a Jinja Undefined published
    // into the context (Orquesta itself raises "cannot pickle
    // 'StrictUndefined' object" there) made `orqc simulate --cases` abort.
    const dir = mkdtempSync(join(tmpdir(), "orqc-cases-"));
    const wf = (publish: string) =>
      `version: 1.0\ntasks:\n  t:\n    action: core.noop\n    next:\n      - publish:\n          - r: "${publish}"\n`;
    writeFileSync(join(dir, "bad.yaml"), wf("{{ [none] | map(attribute='x') | list }}"));
    writeFileSync(join(dir, "good.yaml"), wf("{{ [1] | list }}"));
    for (const id of ["bad", "good"]) {
      mkdirSync(join(dir, id));
      writeFileSync(join(dir, id, "scenario.json"), JSON.stringify({ workflow: `${id}.yaml`, input: {} }));
    }
    writeFileSync(
      join(dir, "INDEX.json"),
      JSON.stringify({ cases: [{ case_id: "bad" }, { case_id: "good" }] }),
    );
    const out = runCases(dir, dir);
    expect(out.bad).toEqual({ error: expect.stringContaining("is not data") });
    expect((out.good as Trace).status).toBe("succeeded");
  });
});
