// Tabs as StackStorm's YAML loader (PyYAML's C loader, libyaml 0.2.5) takes or
// refuses them, recorded from Orquesta 1.6.0's loader (libyaml-tab-cases.json):
// every file it refuses for a tab is refused with its words and position.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { libyamlTabError } from "../../../compiler/load/libyaml-scanner";
import { parseYaml } from "../../../compiler/load/parse-yaml";
import { lineColOf } from "../../../compiler/source/source-file";

interface TabCase {
  text: string;
  refused: { message: string; line: number; col: number } | null;
}

const { cases } = JSON.parse(readFileSync(join(__dirname, "libyaml-tab-cases.json"), "utf8")) as {
  cases: TabCase[];
};

describe("tabs in YAML, as libyaml reads them", () => {
  it("refuses what libyaml refuses, where and as it does, and reads the rest", () => {
    const got = cases.map(({ text }) => {
      const parsed = parseYaml({ path: "wf.yaml", text });
      const error = parsed.diagnostics.find((d) => d.severity === "error");
      if (!error) return null;
      const at = lineColOf(parsed.file, error.range!.start);
      expect(error.message).toMatch(/ \(a tab: StackStorm's YAML loader refuses one here; use spaces\)$/);
      const message = error.message.replace(/^YAML syntax error: /, "").replace(/ \(a tab: .*\)$/, "");
      return { message, line: at.line, col: at.col };
    });
    expect(got).toEqual(cases.map((c) => c.refused));
    expect(cases.filter((c) => c.refused).length).toBeGreaterThan(200);
    expect(cases.filter((c) => !c.refused).length).toBeGreaterThan(50);
  });

  it("leaves text without a tab to the parser", () => {
    expect(libyamlTabError("a:\n  - b\n    c\n")).toBeUndefined();
  });

  it("gives no verdict past another error, where libyaml stops first", () => {
    // A required simple key without its ':' stops libyaml before the tab.
    expect(libyamlTabError("a: 1\nb\nc:\n\t- d\n")).toBeUndefined();
  });
});
