// Behaviours of the Orquesta inspector reproduction beyond the golden set.

import { describe, expect, it } from "vitest";
import { inspectOrquestaNode, inspectOrquestaText } from "../../../compiler/inspect/orquesta";
import { parseYaml } from "../../../compiler/load/parse-yaml";

const inspect = (text: string, ctx: string[] = []) => inspectOrquestaText("wf.yaml", text, ctx);
const messages = (text: string, ctx: string[] = []) =>
  inspect(text, ctx).map((e) => `${e.type}: ${e.message}`);

describe("semantics", () => {
  it("reports reserved names, undefined tasks and actionless with-items", () => {
    const text = `version: 1.0
input: [xs]
tasks:
  t1:
    action: core.noop
    next:
      - do: [fail, missing]
  noop:
    with: <% ctx(xs) %>
`;
    expect(inspect(text).filter((e) => e.type === "semantic")).toEqual([
      {
        type: "semantic",
        message: 'The task name "noop" is reserved with special function.',
        spec_path: "tasks.noop",
        schema_path: "properties.tasks.patternProperties.^\\w+$",
      },
      {
        type: "semantic",
        message: "The action property is required for with items task.",
        spec_path: "tasks.noop",
        schema_path: "properties.tasks.patternProperties.^\\w+$",
      },
      {
        type: "semantic",
        message: 'The task "missing" is not defined.',
        spec_path: "tasks.t1.next[0].do",
        schema_path: "properties.tasks.patternProperties.^\\w+$.properties.next.items.properties.do",
      },
    ]);
  });

  // Found by scripts/orquesta-inspect/fuzz-inspect.mjs; expected values from Orquesta 1.6.0.
  it("walks a task with a reserved name as the empty engine command Orquesta's get_task returns", () => {
    const text = `version: 1
tasks:
  continue:
    action: core.noop
    next:
      - do: [t2]
      - when: <% ctx(zz0) + 1 %>
        do: continue, missing_task
  t2:
    action: core.echo
`;
    // No "no start task" (t2's only inbound edge is ignored), no undefined task and no
    // context error from the ignored transitions.
    expect(messages(text, ["st2", "parent"])).toEqual([
      'semantic: The task name "continue" is reserved with special function.',
    ]);
  });

  it("reports a task reached twice before it is walked twice, as Orquesta does", () => {
    const text = `version: 1.0
tasks:
  t1:
    action: core.noop
    next:
      - do: t2, t3
  t2:
    action: core.noop
    next:
      - do: t4
  t3:
    action: core.noop
    next:
      - do: t4
  t4:
    join: all
    action: core.noop
    next:
      - do: missing
`;
    expect(messages(text)).toEqual([
      'semantic: The task "missing" is not defined.',
      'semantic: The task "missing" is not defined.',
    ]);
    const twice = `version: 1.0
tasks:
  t2:
    action: core.noop
    next:
      - do: t1, t1
  t1:
    action: core.local
    input:
      cmd: "{{ ctx().count }}"
`;
    expect(messages(twice)).toEqual([
      'context: Variable "count" is referenced before assignment.',
      'context: Variable "count" is referenced before assignment.',
    ]);
  });

  // Orquesta's schema patterns are Python's: \w is Unicode (expected values from Orquesta 1.6.0).
  it("accepts Unicode task, input and variable names, as Orquesta does", () => {
    const text = `version: 1.0
input:
  - ключ
tasks:
  tâche:
    action: core.echo
    input:
      message: <% ctx(ключ) %>
    next:
      - publish:
          - résultat: <% result() %>
        do: 日本
  日本:
    action: core.noop
output:
  - sortie: <% ctx(résultat) %>
`;
    expect(messages(text, ["st2", "parent"])).toEqual([]);
    // Orquesta's ctx() name extraction is ASCII, and it reports the ASCII prefix.
    const jinja = text.replace("<% ctx(résultat) %>", '"{{ ctx().résultat }}"');
    expect(messages(jinja, ["st2", "parent"])).toEqual([
      'context: Variable "r" is referenced before assignment.',
    ]);
  });

  it("does not report undefined tasks that no start task reaches", () => {
    const text =
      "version: 1.0\ntasks:\n  a:\n    action: core.noop\n  b:\n    next: [{do: c}]\n  c:\n    next: [{do: [b, zz]}]\n";
    expect(messages(text)).toEqual([]);
  });

  it("reports a pure loop as having no start task", () => {
    expect(messages("tasks:\n  a:\n    next: [{do: b}]\n  b:\n    next: [{do: a}]\n")).toEqual([
      "semantic: Unable to identify any tasks to start the workflow. If the workflow has a loop, please add a task that serves as an entry point (or lead) into the loop.",
    ]);
  });

  it("reports joins behind nested splits", () => {
    const text = `tasks:
  t1: {next: [{do: [t2, t3]}]}
  t2: {next: [{do: t4}]}
  t3: {next: [{do: [t4, t5]}]}
  t4: {next: [{do: t6}]}
  t5: {next: [{do: t6}]}
  t6: {join: all}
`;
    expect(messages(text)).toEqual([
      'semantic: The join task "t6" is unreachable. A join task is determined to be unreachable if there are nested forks from multi-referenced tasks that join on the said task. This is ambiguous to the workflow engine because it does not know at which level should the join occurs.',
    ]);
  });
});

describe("context", () => {
  it("follows input and vars order and knows the host's context keys", () => {
    const text =
      "input:\n  - a\n  - b: <% ctx(a) %>\nvars:\n  - c: <% ctx().d %>\n  - d: <% ctx().st2.user %>\ntasks:\n  t: {action: core.noop}\n";
    expect(inspect(text, ["st2", "parent"])).toEqual([
      {
        type: "context",
        message: 'Variable "d" is referenced before assignment.',
        spec_path: "vars[0]",
        schema_path: "properties.vars",
        expression: "<% ctx().d %>",
        language: "yaql",
      },
    ]);
  });

  it("sees publishes along the branch and checks output against everything", () => {
    const text = `tasks:
  t1:
    action: core.noop
    next:
      - publish: [x: 1, y: <% ctx().x %>]
        do: t2
  t2:
    action: core.echo message=<% ctx().y %>
output:
  - z: <% ctx(x) %>
`;
    expect(messages(text)).toEqual([]);
  });

  it("reports private variables twice when also unassigned, like Orquesta", () => {
    expect(
      messages("tasks:\n  t:\n    action: core.echo\n    input: {message: '{{ ctx(\"__x\") }}'}\n"),
    ).toEqual([
      'context: Variable "__x" that is prefixed with double underscores is considered a private variable and cannot be referenced.',
      'context: Variable "__x" is referenced before assignment.',
    ]);
  });

  it("inspects a task once per branch reaching it before it is traversed, repeating its errors like Orquesta", () => {
    // t3 is queued from t1 and again from t2 (same context): Orquesta inspects
    // it twice and reports its unassigned variable twice (found by the trace fuzzer).
    const text = `tasks:
  t1:
    action: core.noop
    next:
      - do: [t2]
      - when: <% completed() %>
        do: t3
  t2:
    next:
      - do: t3
  t3:
    action: core.noop
    next:
      - publish: [bad: <% ctx(undefined_var) %>]
`;
    expect(messages(text)).toEqual([
      'context: Variable "undefined_var" is referenced before assignment.',
      'context: Variable "undefined_var" is referenced before assignment.',
    ]);
  });

  it("gives join tasks the union of their branches", () => {
    const text = `tasks:
  s: {next: [{do: [a, b]}]}
  a: {next: [{publish: [x: 1], do: j}]}
  b: {next: [{do: j}]}
  j:
    join: all
    action: core.echo message=<% ctx().x %>
`;
    expect(messages(text)).toEqual([]);
  });
});

describe("syntax and loading", () => {
  it("expands `with: <string>` before validating, as Orquesta does", () => {
    expect(
      messages(
        "input: [xs]\ntasks:\n  t:\n    action: core.echo\n    with: x in <% ctx(xs) %>\n    input: {message: <% item(x) %>}\n",
      ),
    ).toEqual([]);
  });

  it("stops after the syntax errors where Orquesta's spec classes would crash", () => {
    const r = inspectOrquestaNode(
      parseYaml({ path: "x", text: "tasks:\n  my-task:\n    next: [{do: nope}]\n" }).root,
    );
    expect(r.syntax.map((e) => e.schema_path)).toEqual(["properties.tasks.additionalProperties"]);
    expect(r.semantics).toEqual([]);
  });

  it("refuses YAML that cannot be loaded", () => {
    expect(inspect("tasks:\n  t: {a: 1}\n  t: {b: 2}\n")[0]?.message).toMatch(
      /^Failed to load workflow definition because/,
    );
    expect(inspect("- a\n")[0]?.type).toBe("syntax");
  });

  // Messages from Orquesta 1.6.0's yml.safe_load (C loader), 2026-11-29.
  it("gives a YAML syntax error in PyYAML's words and marks, as Orquesta does", () => {
    const badIndent = "version: 1.0\ntasks:\n  t1:\n    action: core.noop\n   next:\n      - do: t2\n";
    expect(inspect(badIndent)[0]?.message).toBe(
      'Failed to load workflow definition because while parsing a block mapping\n  in "<unicode string>", line 3, column 3\ndid not find expected key\n  in "<unicode string>", line 5, column 4.',
    );
    const unclosed =
      'version: 1.0\ntasks:\n  t1:\n    action: core.echo\n    input:\n      message: "unterminated\n';
    expect(inspect(unclosed)[0]?.message).toBe(
      'Failed to load workflow definition because while scanning a quoted scalar\n  in "<unicode string>", line 6, column 16\nfound unexpected end of stream\n  in "<unicode string>", line 7, column 1.',
    );
  });

  it("names the first duplicate or merge key its loader meets, as Orquesta does", () => {
    expect(inspect("tasks:\n  t: {a: 1}\n  t: {b: 2}\n")[0]?.message).toBe(
      'Failed to load workflow definition because found duplicate key "t".',
    );
    expect(inspect("input:\n  - 'x y': 1\n  - a\nvars:\n  - {'x y': 1, \"x y\": 2}\n")[0]?.message).toBe(
      'Failed to load workflow definition because found duplicate key "x y".',
    );
    expect(inspect("a: {k: 1, k: 2}\nb: {<<: {c: 1}}\n")[0]?.message).toBe(
      'Failed to load workflow definition because found duplicate key "k".',
    );
    expect(inspect("b: {<<: {c: 1}}\na: {k: 1, k: 2}\n")[0]?.message).toMatch(
      /^Failed to load workflow definition because could not determine a constructor for the tag 'tag:yaml.org,2002:merge'/,
    );
  });

  it("sorts the flattened list by (type, schema_path) like StackStorm", () => {
    const text =
      "tasks:\n  t:\n    action: core.noop\n    foo: 1\n    next:\n      - when: <% ctx().nope %>\n        do: zz\n";
    expect(inspect(text).map((e) => e.type)).toEqual(["context", "semantic", "syntax"]);
  });
});

// Expected values from Orquesta 1.6.0 (scripts/trace-diff/orquesta_reference.py), 2026-11-28.
describe("YAML timestamps", () => {
  it("refuses a date where the schema wants a JSON value, showing it as PyYAML built it", () => {
    const text = `version: 1.0
input:
  - since: 2020-01-02
vars:
  - stamp: 2001-12-14 21:59:43.10
  - nested: [2020-01-02]
tasks:
  t1:
    action: core.echo
    input:
      message: 2020-01-02
    next:
      - publish:
          - d: 2001-12-14t21:59:43.10-05:00
output:
  - d: 2020-01-02
`;
    expect(inspect(text).filter((e) => e.type === "syntax")).toEqual([
      {
        type: "syntax",
        message: "{'since': datetime.date(2020, 1, 2)} is not valid under any of the given schemas",
        spec_path: "input[0]",
        schema_path: "properties.input.items.oneOf",
      },
      {
        type: "syntax",
        message: "datetime.date(2020, 1, 2) is not valid under any of the given schemas",
        spec_path: "output[0].d",
        schema_path: "properties.output.items.patternProperties.^\\w+$.anyOf",
      },
      {
        type: "syntax",
        message: "{'message': datetime.date(2020, 1, 2)} is not valid under any of the given schemas",
        spec_path: "tasks.t1.input",
        schema_path: "properties.tasks.patternProperties.^\\w+$.properties.input.oneOf",
      },
      {
        type: "syntax",
        message:
          "[{'d': datetime.datetime(2001, 12, 14, 21, 59, 43, 100000, tzinfo=datetime.timezone(datetime.timedelta(days=-1, seconds=68400)))}] is not valid under any of the given schemas",
        spec_path: "tasks.t1.next[0].publish",
        schema_path:
          "properties.tasks.patternProperties.^\\w+$.properties.next.items.properties.publish.oneOf",
      },
      {
        type: "syntax",
        message:
          "datetime.datetime(2001, 12, 14, 21, 59, 43, 100000) is not valid under any of the given schemas",
        spec_path: "vars[0].stamp",
        schema_path: "properties.vars.items.patternProperties.^\\w+$.anyOf",
      },
    ]);
  });
});
