// Flow collections over several lines (`key: [` ... `]`) at every indentation,
// recorded from Orquesta's loader (flow-indent-cases.json): libyaml reads their
// lines at any indentation, the yaml package wants them indented past the
// block around them, so orqc indents them before parsing (parse-yaml.ts).

import { describe, expect, it } from "vitest";
import { parseYaml } from "../../../compiler/load/parse-yaml";
import { toPyValue } from "../../../compiler/load/yaml-node";
import { recordedCases } from "./recorded-cases";

interface FlowCase {
  text: string;
  value: unknown;
}

const cases = recordedCases<FlowCase>("flow-indent-cases.json");

describe("flow collections over several lines, as libyaml reads them", () => {
  it("reads every case to Orquesta's value", () => {
    const got = cases.map(({ text }) => {
      const parsed = parseYaml({ path: "wf.yaml", text });
      const errors = parsed.diagnostics.filter((d) => d.severity === "error").map((d) => d.message);
      return errors.length > 0 || !parsed.root ? errors : JSON.parse(JSON.stringify(toPyValue(parsed.root)));
    });
    expect(got).toEqual(cases.map((c) => c.value));
    expect(cases.length).toBeGreaterThan(1000);
  });

  it("points diagnostics at the original text, not the indented one", () => {
    const text = "a:\n  b: [\n1,\n  2]\n  c: {k: 1, k: 2}\n";
    const parsed = parseYaml({ path: "wf.yaml", text });
    const dup = parsed.diagnostics.find((d) => d.code === "ORQ1002");
    expect(dup?.range?.start).toBe(text.lastIndexOf("k: 2"));
  });
});
