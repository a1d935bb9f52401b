// The module of translated functions type-checks under the project's strict
// compiler options (TypeScript compiler API), for a sample of golden cases.

import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { buildModule, loadCases, REPO } from "./harness";

function typeErrors(source: string): string[] {
  const config = ts.readConfigFile(join(REPO, "tsconfig.json"), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, REPO);
  const file = join(REPO, "test/unit/expr/translate/__generated__.ts");
  const options = { ...parsed.options, noEmit: true, noUnusedLocals: false };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, lang, onError, create) =>
    name === file
      ? ts.createSourceFile(name, source, lang, true)
      : getSourceFile(name, lang, onError, create);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === file || fileExists(name);
  const program = ts.createProgram([file], options, host);
  const sf = program.getSourceFile(file)!;
  return [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)].map((d) => {
    const pos = d.start === undefined ? "" : `${sf.getLineAndCharacterOfPosition(d.start).line + 1}: `;
    return `${pos}${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
  });
}

describe("translated module type-checks", () => {
  it("has no errors under strict for a sample of 400+ golden cases", () => {
    const cases = loadCases().filter((_, i) => i % Number(process.env.ORQC_TYPECHECK_EVERY ?? 5) === 0);
    expect(cases.length).toBeGreaterThan(400);
    const statements = [
      "{% macro m(x, y=2) %}{{ x }}{{ y }}{% endmacro %}{{ m(1) }}",
      "{% with a = 1, b = [2] %}{{ a }}{% endwith %}{% filter upper | trim %}x{% endfilter %}",
      "{% set y | upper %}t{% endset %}{% set ns = namespace(a=1) %}{% set ns.a = 2 %}{% set p, q = 1, 2 %}",
      "{% for k, v in ctx('d').items() if v recursive %}{{ loop.index }}{% else %}-{% endfor %}{% include 'x' %}",
      "{{ f(*[1], **{'a': 2}) }} {{ 1 if x }} {{ x[1:2:3] }} <% 1 %>",
      "<% let(a => 1) -> def(f, $1) -> f($a).select([$, $1]).where(not $) %> {{ (1, 2) }}",
      "<% [1, , 2] %> <% {a => 1, 2} %> <% $x?.y?.f(k => v, 1) %> <% -$ mod 2 = 3 %>",
      "{% raw %}<% ctx(x) %>{% endraw %}",
      "a {% raw %}{{ x }}{% endraw %} {{ 1 + ctx('x') }}",
    ];
    const { source } = buildModule([...cases.map((c) => c.expr), ...statements]);
    expect(typeErrors(source).slice(0, 10)).toEqual([]);
  }, 120_000);

  it("reports a real type error (the check is not vacuous)", () => {
    const { source } = buildModule(["<% 1 %>"]);
    expect(typeErrors(`${source}\nexport const broken: number = "x";\n`).length).toBe(1);
  }, 120_000);
});
