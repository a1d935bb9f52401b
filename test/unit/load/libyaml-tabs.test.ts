// Tabs as StackStorm's YAML loader (PyYAML's C loader, libyaml 0.2.5) takes or
// refuses them, recorded from Orquesta 1.6.0's loader (libyaml-tab-cases.json):
// every file it refuses for a tab is refused with its words and position.

import { describe, expect, it } from "vitest";
import { libyamlLoadError } from "../../../compiler/load/libyaml-parser";
import { parseYaml } from "../../../compiler/load/parse-yaml";
import { lineColOf } from "../../../compiler/source/source-file";
import { recordedCases } from "./recorded-cases";

interface TabCase {
  text: string;
  refused: { message: string; line: number; col: number } | null;
}

const cases = recordedCases<TabCase>("libyaml-tab-cases.json");

describe("tabs in YAML, as libyaml reads them", () => {
  it("refuses what libyaml refuses, where and as it does, and reads the rest", () => {
    const got = cases.map(({ text }) => {
      const parsed = parseYaml({ path: "wf.yaml", text });
      const error = parsed.diagnostics.find((d) => d.severity === "error");
      if (!error) return null;
      const at = lineColOf(parsed.file, error.range!.start);
      expect(error.message).toMatch(/ \(a tab: StackStorm's YAML loader refuses one here; use spaces\)$/);
      // The recorded message is libyaml's context and problem; orqc also gives the context's mark.
      const message = error.message
        .replace(/^YAML syntax error: /, "")
        .replace(/ \(a tab: .*\)$/, "")
        .replace(/ \(line \d+, column \d+\):/, ":");
      return { message, line: at.line, col: at.col };
    });
    expect(got).toEqual(cases.map((c) => c.refused));
    expect(cases.filter((c) => c.refused).length).toBeGreaterThan(200);
    expect(cases.filter((c) => !c.refused).length).toBeGreaterThan(50);
  });

  it("reads a plain scalar continued on a deeper line", () => {
    expect(libyamlLoadError("a:\n  - b\n    c\n")).toBeUndefined();
  });

  it("reports the error libyaml stops at first, not a later tab", () => {
    // A required simple key without its ':' stops libyaml before the tab.
    const error = libyamlLoadError("a: 1\nb\nc:\n\t- d\n");
    expect(error?.problem).toBe("could not find expected ':'");
    expect(error?.tab).toBe(false);
  });
});
