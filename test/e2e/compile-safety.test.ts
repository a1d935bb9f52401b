// Codegen safety: hostile strings in every YAML position compile to code that
// treats them as data; the emitted module type-checks under strict.

import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/compile";
import { translateExpression } from "../../compiler/emit/translator";
import type { Diagnostic } from "../../compiler/source/diagnostic";
import { type CompiledBundle, runtimeApi } from "../../runtime/api/index";
import { workflowAction, writeTree } from "../unit/passes/helpers";

const HOSTILE = [
  "'",
  '"',
  "`",
  "$" + "{x}",
  "*/",
  "/*",
  "</script>",
  "\r",
  "\u2028",
  "\u2029",
  "\u0000",
  "\\",
  "\n",
  "__proto__",
  "\ud800",
];

/**
 * A YAML double-quoted scalar for any text YAML can hold. JSON.stringify
 * leaves U+2028 and U+2029 as they are, which libyaml reads as line breaks:
 * they get YAML's escapes. A lone surrogate becomes `\ud800`, which libyaml
 * refuses (no YAML text holds one).
 */
function yamlString(text: string): string {
  return JSON.stringify(text)
    .replace(/\u2028/g, "\\L")
    .replace(/\u2029/g, "\\P");
}

/** Whether text holds a UTF-16 surrogate without its pair. */
function loneSurrogate(text: string): boolean {
  return /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);
}

/** The text with every `%>` taken out, including one that taking out another forms (`%%>>` gives `%>` after one pass). */
function withoutClosingDelimiter(text: string): string {
  let out = text;
  while (out.includes("%>")) out = out.replace(/%>/g, "");
  return out;
}

function workflowWith(s: string): string {
  const q = yamlString(s);
  return [
    "version: 1.0",
    "input:",
    `  - inp: ${q}`,
    "vars:",
    `  - ${yamlString(`v${s}`)}: ${q}`,
    "tasks:",
    "  first:",
    "    action: core.echo",
    "    input:",
    `      message: ${q}`,
    "    next:",
    "      - publish:",
    `          - ${yamlString(`k${s}`)}: ${q}`,
    `          - expr: ${yamlString(`<% ctx(inp) + ${withoutClosingDelimiter(JSON.stringify(s))} %>`)}`,
    "        do: second",
    "  second:",
    "    action: core.noop",
    "output:",
    `  - out: ${q}`,
    "",
  ].join("\n");
}

type Compiled = { bundle: CompiledBundle; source: string; out: string };

/** Compiles one workflow; returns the diagnostics instead when it is refused. */
async function tryCompileText(text: string): Promise<Compiled | { refused: readonly Diagnostic[] }> {
  const root = writeTree({
    "p/pack.yaml": "ref: p\nname: p\n",
    "p/actions/w.yaml": workflowAction("w"),
    "p/actions/workflows/w.yaml": text,
  });
  const out = join(root, "out");
  const result = await compile({ paths: [join(root, "p")], outDir: out, translate: translateExpression });
  if (result.reports.some((r) => r.status === "failed")) return { refused: result.diagnostics };
  expect(result.reports.map((r) => r.status)).toEqual(["built"]);
  const js = join(out, "p.w.js");
  const mod = (await import(`${pathToFileURL(js).href}?v=${Math.random()}`)) as {
    default: (rt: typeof runtimeApi) => CompiledBundle;
  };
  return { bundle: mod.default(runtimeApi), source: readFileSync(join(out, "src", "p.w.ts"), "utf8"), out };
}

async function compileText(text: string): Promise<Compiled> {
  const result = await tryCompileText(text);
  if ("refused" in result) throw new Error(`refused: ${result.refused.map((d) => d.message).join("; ")}`);
  return result;
}

/** Whether text holds an expression delimiter, so that it is a (possibly invalid) expression, not plain data. */
function holdsDelimiters(text: string): boolean {
  return /<%[\s\S]*%>|\{\{|\{%/.test(text);
}

function syntaxErrors(source: string): number {
  const file = ts.createSourceFile("x.ts", source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  return (file as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length;
}

describe("codegen safety", () => {
  it("keeps each hostile string as data in every position", async () => {
    for (const s of HOSTILE) {
      if (loneSurrogate(s)) {
        // StackStorm's YAML loader refuses the escape of a lone surrogate: so does orqc, with its position.
        const result = await tryCompileText(workflowWith(s));
        expect(
          "refused" in result && result.refused.map((d) => [d.code, d.message, d.range !== undefined]),
        ).toEqual([
          [
            "ORQ1001",
            "YAML syntax error: while parsing a quoted scalar (line 3, column 10): found invalid Unicode character escape code",
            true,
          ],
        ]);
        continue;
      }
      const { bundle, source } = await compileText(workflowWith(s));
      expect(syntaxErrors(source)).toBe(0);
      const wf = bundle.program.units.root!.workflow;
      expect(wf.input[0]!.default).toBe(s);
      expect(wf.vars[0]!.name).toBe(`v${s}`);
      expect(wf.vars[0]!.value).toBe(s);
      expect(wf.output[0]!.value).toBe(s);
      const first = wf.tasks[0]!;
      expect(first.input).toEqual({ message: s });
      expect(first.next[0]!.publish[0]!.name).toBe(`k${s}`);
      expect(first.next[0]!.publish[0]!.value).toBe(s);
      const exprText = String(first.next[0]!.publish[1]!.value);
      expect(bundle.expressions.has(exprText)).toBe(true);
    }
  }, 120_000);

  it("never lets random text escape into code (property)", async () => {
    const alphabet = fc.constantFrom(...HOSTILE, "a", " ", "%", ">", "{", "}", "<");
    await fc.assert(
      fc.asyncProperty(
        fc.array(alphabet, { minLength: 1, maxLength: 8 }).map((a) => a.join("")),
        async (s) => {
          const result = await tryCompileText(workflowWith(s));
          if ("refused" in result && loneSurrogate(s)) {
            expect(result.refused.map((d) => d.code)).toEqual(["ORQ1001"]);
            return;
          }
          if ("refused" in result) {
            // Random text may form an expression Orquesta refuses too, e.g. "<%%>" (an empty YAQL
            // expression); such text must be refused as an expression error with a position.
            expect(holdsDelimiters(s)).toBe(true);
            expect(result.refused.filter((d) => d.severity === "error").length).toBeGreaterThan(0);
            for (const d of result.refused.filter((e) => e.severity === "error")) {
              expect(d.code).toMatch(/^ORQ3/);
              expect(d.range).toBeDefined();
            }
            return;
          }
          const { bundle, source } = result;
          expect(syntaxErrors(source)).toBe(0);
          expect(bundle.program.units.root!.workflow.tasks[0]!.input).toEqual({ message: s });
        },
      ),
      // "%%>>'" once lost its closing delimiters only half way in the expression this test builds.
      { numRuns: 25, examples: [["%%>>'"]] },
    );
  }, 180_000);

  it("refuses an empty expression in data as Orquesta does, with its position", async () => {
    const result = await tryCompileText(workflowWith("<%%>'"));
    expect("refused" in result).toBe(true);
    if (!("refused" in result)) return;
    const errors = result.refused.filter((d) => d.severity === "error");
    expect(errors.map((d) => d.code)).toContain("ORQ3001");
    expect(errors.every((d) => /unexpected end of statement/.test(d.message))).toBe(true);
  }, 60_000);

  it("emits modules that type-check under strict", async () => {
    const { out } = await compileText(workflowWith("it's `ok` $" + "{x}"));
    const file = join(out, "src", "p.w.ts");
    const config = ts.readConfigFile(resolve("tsconfig.json"), ts.sys.readFile).config as object;
    const parsed = ts.parseJsonConfigFileContent(config, ts.sys, resolve("."));
    const options = {
      ...parsed.options,
      baseUrl: resolve("."),
      paths: { "orqc:runtime": [resolve("runtime/api/index.ts")] },
    };
    const program = ts.createProgram([file], options);
    const diags = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    expect(diags).toEqual([]);
  }, 120_000);
});
