// Property: whatever text the loader and checker are given (random YAML, or a
// corpus workflow with random damage), they return diagnostics and never throw.

import { resolve } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { checkText } from "../../compiler/inspect/check";
import { inspectOrquestaText } from "../../compiler/inspect/orquesta";
import { parseSimpleYaml } from "../../compiler/load/fast-yaml";
import { loadPaths } from "../../compiler/load/index";
import { parseYamlData, parseYamlDataFull, parseYamlFull } from "../../compiler/load/parse-yaml";

const CORPUS = resolve(__dirname, "../../../shared/corpus");
const load = loadPaths([]);
const corpusTexts = (() => {
  const r = loadPaths([resolve(CORPUS, "exchange"), resolve(CORPUS, "stackstorm/st2/contrib")]);
  return [
    ...r.workflows.map((w) => w.file.text),
    ...[...r.actions.values()].flatMap((a) => (a.file ? [a.file.text] : [])),
  ];
})();
const corpus = loadPaths([
  resolve(CORPUS, "stackstorm/st2/contrib/examples"),
  resolve(CORPUS, "stackstorm/orquesta"),
])
  .workflows.map((w) => w.file.text)
  .slice(0, 80);

const TOKENS = [
  "<%",
  "%>",
  "{{",
  "}}",
  "{%",
  "%}",
  ":",
  "- ",
  "  ",
  "\n",
  "'",
  '"',
  "&a",
  "*a",
  "<<: *a",
  "!!int",
  "tasks:",
  "next:",
  "do: ",
  "join: all",
  "with: ",
  "ctx()",
  "ctx(",
  "__x",
  "noop",
  "retry",
  "action: core.echo",
  "|",
  ">",
  "#",
  "\t",
  "[",
  "]",
  "{",
  "}",
  ",",
  "=",
  "\u2028",
  "\u0000",
  "yes",
  "010",
  "1e3",
  "~",
];

const mutation = fc.oneof(
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), token: fc.constantFrom(...TOKENS) }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant("dupLine" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("indent" as const), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function apply(text: string, m: Mutation): string {
  const at = text.length === 0 ? 0 : m.at % text.length;
  switch (m.kind) {
    case "insert":
      return text.slice(0, at) + m.token + text.slice(at);
    case "delete":
      return text.slice(0, at) + text.slice(at + m.length);
    case "dupLine": {
      const lines = text.split("\n");
      const i = lines.length === 0 ? 0 : m.at % lines.length;
      lines.splice(i, 0, lines[i] ?? "");
      return lines.join("\n");
    }
    case "indent": {
      const lines = text.split("\n");
      const i = m.at % Math.max(1, lines.length);
      const line = lines[i] ?? "";
      lines[i] = m.by >= 0 ? " ".repeat(m.by) + line : line.replace(new RegExp(`^ {0,${-m.by}}`), "");
      return lines.join("\n");
    }
  }
}

function checkNeverThrows(text: string): void {
  const diags = checkText("prop.yaml", text, load);
  for (const d of diags) {
    expect(d.code).toMatch(/^ORQ\d{4}$/);
    if (d.range) {
      expect(d.range.start).toBeGreaterThanOrEqual(0);
      expect(d.range.end).toBeLessThanOrEqual(text.length);
      expect(d.range.end).toBeGreaterThanOrEqual(d.range.start);
    }
  }
  const errors = inspectOrquestaText("prop.yaml", text);
  expect(Array.isArray(errors)).toBe(true);
}

const yamlValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.string(),
    fc.constantFrom(...TOKENS),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(
      fc.oneof(
        fc.string(),
        fc.constantFrom("tasks", "next", "do", "with", "input", "vars", "output", "join"),
      ),
      tie("value"),
      { maxKeys: 4 },
    ),
  ),
})).value;

describe("the checker never throws", () => {
  it("on random text", () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), checkNeverThrows), { numRuns: 300 });
  });

  it("on random YAML documents, including workflow-shaped ones", () => {
    const workflow = fc.record({
      version: fc.constantFrom(1.0, "1.0", 2),
      tasks: fc.dictionary(fc.string(), yamlValue, { maxKeys: 5 }),
    });
    fc.assert(
      fc.property(fc.oneof(yamlValue, workflow), (v) => checkNeverThrows(stringify(v))),
      { numRuns: 300 },
    );
  });

  it("on corpus workflows with random damage", () => {
    expect(corpus.length).toBeGreaterThan(40);
    fc.assert(
      fc.property(
        fc.constantFrom(...corpus),
        fc.array(mutation, { minLength: 1, maxLength: 5 }),
        (text, ms) => {
          checkNeverThrows(ms.reduce(apply, text));
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe("the fast YAML path agrees with the full parser", () => {
  const same = (text: string): void => {
    const fast = parseSimpleYaml(text);
    if (fast === undefined) return;
    const full = parseYamlFull({ path: "p.yaml", text });
    expect(full.diagnostics).toEqual([]);
    expect(fast).toEqual(full.root);
    // from_yaml_string takes the same path.
    expect(parseYamlData(text)).toEqual(parseYamlDataFull(text));
  };

  it("on every corpus file", () => {
    let taken = 0;
    for (const text of corpusTexts) {
      if (parseSimpleYaml(text) !== undefined) taken++;
      same(text);
    }
    expect(taken).toBeGreaterThan(corpusTexts.length / 2);
  });

  it("on random block-style YAML", () => {
    const word = fc.constantFrom(
      "a",
      "b",
      "name",
      "x-y",
      "on",
      "yes",
      "010",
      "1e3",
      "1.0",
      "~",
      "null",
      "-1",
      "a b",
      "a:b",
      "a #c",
      "'q'",
      "'it''s'",
      '"d"',
      '"e\\n"',
      "<% ctx(x) %>",
      "{{ y }}",
      "[1]",
      "{a: 1}",
      "&a",
      "*a",
      "|",
      ">",
      "- z",
      "? k",
      "",
      " ",
      "#c",
    );
    const gap = fc.constantFrom("", "", "", " ", "  ", " # note", "\n", "\n# c\n", "\n  # c\n");
    type Doc =
      | { kind: "scalar"; w: string }
      | { kind: "map"; items: [string, string, Doc][] }
      | { kind: "seq"; items: [string, Doc][] };
    const doc = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: "small" },
        word.map((w) => ({ kind: "scalar" as const, w })),
        fc
          .array(fc.tuple(word, gap, tie("node")), { minLength: 1, maxLength: 3 })
          .map((items) => ({ kind: "map" as const, items })),
        fc
          .array(fc.tuple(gap, tie("node")), { minLength: 1, maxLength: 3 })
          .map((items) => ({ kind: "seq" as const, items })),
      ),
    })).node as fc.Arbitrary<Doc>;
    const render = (d: Doc, indent: number, indentStep: number): string => {
      const pad = " ".repeat(indent);
      if (d.kind === "scalar") return ` ${d.w}\n`;
      if (d.kind === "map") {
        return `\n${d.items.map(([k, g, v]) => `${pad}${k || "k"}:${render(v, indent + indentStep, indentStep).replace(/\n$/, `${g}\n`)}`).join("")}`;
      }
      return `\n${d.items.map(([g, v]) => `${pad}-${render(v, indent + 2, indentStep).replace(/\n$/, `${g}\n`)}`).join("")}`;
    };
    fc.assert(
      fc.property(doc, fc.integer({ min: 1, max: 4 }), fc.boolean(), (d, step, marker) => {
        const body = render(d, 0, step).replace(/^\n/, "");
        same(marker ? `---\n${body}` : body);
      }),
      { numRuns: Number(process.env.ORQC_FAST_RUNS ?? 2000) },
    );
  });

  it("on damaged corpus files", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...corpusTexts),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (text, ms) => {
          same(ms.reduce(apply, text));
        },
      ),
      { numRuns: Number(process.env.ORQC_FAST_RUNS ?? 2000) },
    );
  });
});
