// Property-based equivalence, compiled vs interpreted: random workflows with
// branches, joins, cycles with exits, with-items, retries, publishes and
// nested sub-workflows, under random action failures, give the same trace
// (status, output, errors, tasks, action executions, strict tier) when run by
// the reference interpreter and when compiled (sub-workflows inlined).

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { translateExpression } from "../../compiler/emit/translator";
import { compileScenarios } from "../../compiler/simulate/compile-scenarios";
import type { Outcome, Scenario } from "../../runtime/engine/scenario";
import { runScenario } from "../../runtime/engine/scenario";
import { compareStrictTier, compareTraces } from "../conformance/trace-compare";

const RUNS = 1000;

interface TaskGen {
  action: number;
  items: boolean;
  concurrency: number;
  retry: number;
  join: number;
  next: Array<{ when: number; targets: number[]; back: boolean; publish: number }>;
}

const WHEN = [
  null,
  "<% succeeded() %>",
  "<% failed() %>",
  "<% completed() %>",
  "{{ succeeded() and ctx('n') < 4 }}",
  "<% ctx(n) > 1 or failed() %>",
];
const PUBLISH = [
  [],
  ["n: <% ctx(n) + 1 %>"],
  ["n: '{{ ctx(\"n\") * 2 }}'", "last: <% result() %>"],
  ["tag: t-<% ctx(n) %>", 'seen: \'{{ ctx("seen") + [ctx("n")] }}\''],
];
const ACTIONS = ["core.noop", "core.local", "sub.a", "core.echo"];

const taskArb = fc.record({
  action: fc.nat(ACTIONS.length - 1),
  items: fc.boolean(),
  concurrency: fc.nat(2),
  retry: fc.nat(2),
  join: fc.nat(3),
  next: fc.array(
    fc.record({
      when: fc.nat(WHEN.length - 1),
      targets: fc.array(fc.nat(7), { maxLength: 3 }),
      back: fc.boolean(),
      publish: fc.nat(PUBLISH.length - 1),
    }),
    { maxLength: 2 },
  ),
});

function workflowYaml(tasks: readonly TaskGen[], withSub: boolean): string {
  const lines = [
    "version: 1.0",
    "input:",
    "  - xs",
    "  - n: 1",
    "vars:",
    "  - seen: []",
    "  - tag: none",
    "  - last: null",
    "tasks:",
  ];
  tasks.forEach((t, i) => {
    lines.push(`  t${i}:`);
    const action = ACTIONS[t.action]!;
    if (action === "sub.a" && withSub) lines.push("    action: sub.a", "    input:", "      n: <% ctx(n) %>");
    else if (action === "core.local")
      lines.push("    action: core.local", "    input:", "      cmd: echo <% ctx(n) %>");
    else if (action === "core.echo")
      lines.push("    action: core.echo", "    input:", "      message: '{{ ctx(\"tag\") }}'");
    else lines.push("    action: core.noop");
    if (t.items) {
      lines.push("    with:", "      items: x in <% ctx(xs) %>");
      if (t.concurrency > 0) lines.push(`      concurrency: ${t.concurrency}`);
    }
    if (t.retry > 0) lines.push("    retry:", "      when: <% failed() %>", `      count: ${t.retry}`);
    if (t.join > 0 && i > 1) lines.push(`    join: ${t.join === 1 ? "all" : 1}`);
    const next: string[] = [];
    for (const n of t.next) {
      const targets = n.back
        ? i > 1
          ? [1 + ((n.targets[0] ?? 0) % (i - 1))]
          : []
        : [
            ...new Set(
              n.targets
                .map((x) => i + 1 + (x % Math.max(1, tasks.length - i - 1)))
                .filter((x) => x < tasks.length),
            ),
          ];
      if (targets.length === 0) continue;
      // A back edge only on failure of a retry-less task keeps cycles finite with scripted outcomes.
      const when = n.back ? "<% failed() and ctx(n) < 3 %>" : WHEN[n.when];
      const pubs = n.back ? ["n: <% ctx(n) + 1 %>"] : PUBLISH[n.publish]!;
      const doLine = `do: [${targets.map((x) => `t${x}`).join(", ")}]`;
      const entry = when
        ? [`      - when: ${JSON.stringify(when)}`, `        ${doLine}`]
        : [`      - ${doLine}`];
      if (pubs.length > 0) entry.push("        publish:", ...pubs.map((p) => `          - ${p}`));
      next.push(entry.join("\n"));
    }
    if (next.length > 0) lines.push("    next:", ...next);
  });
  lines.push("output:", "  - n: <% ctx(n) %>", "  - seen: <% ctx(seen) %>", "  - tag: '{{ ctx(\"tag\") }}'");
  return `${lines.join("\n")}\n`;
}

const SUB_B = `version: 1.0
input:
  - n
tasks:
  b1:
    action: core.local
    input:
      cmd: echo <% ctx(n) %>
    next:
      - when: <% succeeded() %>
        publish:
          - doubled: <% ctx(n) * 2 %>
output:
  - doubled: <% ctx(doubled) %>
`;

const SUB_A = `version: 1.0
input:
  - n
tasks:
  a1:
    action: sub.b
    input:
      n: <% ctx(n) + 1 %>
    next:
      - when: <% succeeded() %>
        publish:
          - got: <% result().output.doubled %>
        do: a2
      - when: <% failed() %>
        do: fail
  a2:
    action: core.noop
output:
  - got: <% ctx(got) %>
`;

const outcomeArb = fc.array(
  fc.record({
    status: fc.constantFrom("succeeded", "succeeded", "failed"),
    result: fc.oneof(fc.constant(null), fc.record({ k: fc.nat(9) })),
  }),
  { maxLength: 4 },
);

const caseArb = fc.record({
  tasks: fc.array(taskArb, { minLength: 1, maxLength: 7 }),
  xs: fc.array(fc.nat(5), { maxLength: 3 }),
  outcomes: fc.array(outcomeArb, { minLength: 8, maxLength: 8 }),
  subOutcomes: fc.array(outcomeArb, { minLength: 2, maxLength: 2 }),
});

describe("compiled bundles behave like the interpreter (property)", () => {
  it(`gives the same trace on ${RUNS} random workflows`, async () => {
    const root = mkdtempSync(join(tmpdir(), "orqc-equiv-"));
    writeFileSync(join(root, "sub_a.yaml"), SUB_A);
    writeFileSync(join(root, "sub_b.yaml"), SUB_B);
    const samples = fc.sample(caseArb, { numRuns: RUNS, seed: 20261127 });
    const items = samples.map((s, i) => {
      const file = `wf${i}.yaml`;
      writeFileSync(join(root, file), workflowYaml(s.tasks, true));
      const actions: Record<string, Outcome[]> = {};
      s.tasks.forEach((_, t) => {
        actions[`t${t}`] = s.outcomes[t % s.outcomes.length]!;
      });
      const scenario: Scenario = {
        workflow: file,
        input: { xs: s.xs },
        actions,
        subworkflows: {
          "sub.a": {
            workflow: "sub_a.yaml",
            parameters: { n: { type: "integer", required: true } },
            subworkflows: { "sub.b": { workflow: "sub_b.yaml", actions: { b1: s.subOutcomes[1]! } } },
            actions: { a2: s.subOutcomes[0]! },
          },
        },
      };
      return { key: String(i), scenario };
    });
    const compiled = await compileScenarios(items, root, translateExpression);
    const mismatches: string[] = [];
    let compiledRuns = 0;
    for (const { key, scenario } of items) {
      const interpreted = runScenario(scenario, { root });
      const units = compiled.get(key);
      if (!units) continue;
      compiledRuns++;
      const viaBundle = runScenario(scenario, { root, compiled: units });
      type Obj = Parameters<typeof compareTraces>[0];
      const a = JSON.parse(JSON.stringify(interpreted)) as Obj;
      const b = JSON.parse(JSON.stringify(viaBundle)) as Obj;
      const diff = compareTraces(a, b) ?? compareStrictTier(a, b);
      if (diff) mismatches.push(`wf${key}.yaml: ${diff}`);
    }
    console.log(
      `compiled vs interpreted: ${compiledRuns - mismatches.length}/${compiledRuns} random workflows identical`,
    );
    expect(compiledRuns).toBeGreaterThan(RUNS * 0.9);
    expect(mismatches.slice(0, 5)).toEqual([]);
  }, 600_000);
});
