// YAML that StackStorm's loader (PyYAML's C loader, libyaml 0.2.5) refuses is
// refused by orqc with the same words at the same place: cases recorded from
// PyYAML by scripts/yaml-diff/record-yaml-errors.mjs (hand-written mistakes
// and damaged copies of random documents and corpus workflows).

import { describe, expect, it } from "vitest";
import { libyamlLoadError, pyYamlErrorText } from "../../../compiler/load/libyaml-parser";
import { parseYaml, parseYamlData } from "../../../compiler/load/parse-yaml";
import { lineColOf } from "../../../compiler/source/source-file";
import { recordedCases } from "./recorded-cases";

interface ErrorCase {
  text: string;
  error: { type: string; message: string } | null;
}

const cases = recordedCases<ErrorCase>("libyaml-error-cases.json");
const refused = cases.filter((c) => c.error !== null);

/** The one-line form orqc's diagnostic gives PyYAML's message, and the problem's line and column. */
function expectedDiagnostic(message: string): { detail: string; line: number; col: number } {
  const lines = message.split("\n");
  const marks = lines.filter((l) => l.startsWith("  in "));
  const words = lines.filter((l) => !l.startsWith("  in "));
  const place = (mark: string) => /line (\d+), column (\d+)/.exec(mark)!.slice(1).map(Number);
  const [line, col] = place(marks[marks.length - 1]!);
  const where = marks.length > 1 ? ` (line ${place(marks[0]!).join(", column ")})` : "";
  const detail = words.length > 1 ? `${words[0]}${where}: ${words[1]}` : words[0]!;
  return { detail, line: line!, col: col! };
}

describe("YAML errors, as libyaml raises them", () => {
  it("stops where PyYAML stops, with its exception and message", () => {
    const got = cases.map(({ text }) => {
      const e = libyamlLoadError(text);
      return e ? { type: e.type, message: pyYamlErrorText(e) } : null;
    });
    expect(got).toEqual(cases.map((c) => c.error));
    expect(refused.length).toBeGreaterThan(250);
    expect(new Set(refused.map((c) => c.error!.message.split("\n")[0])).size).toBeGreaterThan(25);
  });

  it("refuses a workflow file in PyYAML's words, at the problem's line and column", () => {
    // Line breaks other than \n count as lines for libyaml but not for editors.
    const plain = refused.filter((c) => !/[\r\u0085\u2028\u2029]/.test(c.text));
    const got = plain.map(({ text }) => {
      const parsed = parseYaml({ path: "wf.yaml", text });
      const error = parsed.diagnostics.find((d) => d.severity === "error")!;
      const at = lineColOf(parsed.file, error.range!.start);
      const detail = error.message.replace(/^YAML syntax error: /, "").replace(/ \(a tab: .*\)$/, "");
      return { code: error.code, detail, line: at.line, col: at.col };
    });
    expect(got).toEqual(plain.map((c) => ({ code: "ORQ1001", ...expectedDiagnostic(c.error!.message) })));
  });

  it("raises the same exception in from_yaml_string", () => {
    const got = refused.map(({ text }) => parseYamlData(text));
    expect(got).toEqual(refused.map((c) => ({ type: c.error!.type, error: c.error!.message })));
  });

  it("names the tab that libyaml refuses", () => {
    const parsed = parseYaml({
      path: "wf.yaml",
      text: "version: 1.0\ntasks:\n\tt1:\n    action: core.noop\n",
    });
    expect(parsed.diagnostics.map((d) => d.message)).toEqual([
      "YAML syntax error: while scanning for the next token: found character that cannot start any token (a tab: StackStorm's YAML loader refuses one here; use spaces)",
    ]);
  });
});
