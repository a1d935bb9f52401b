import { describe, expect, it } from "vitest";
import type { JsonDiagnostic } from "../../../cli/output/diagnostics";
import { githubAnnotation } from "../../../cli/output/github";
import { toSarif } from "../../../cli/output/sarif";

const diag = (over: Partial<JsonDiagnostic>): JsonDiagnostic => ({
  code: "ORQ2003",
  severity: "error",
  message: 'task "notify" is not defined',
  title: "undefined task in do",
  file: "actions/workflows/main.yaml",
  line: 12,
  column: 9,
  endLine: 12,
  endColumn: 15,
  start: 100,
  end: 106,
  ...over,
});

describe("--format github", () => {
  it("writes one workflow command per diagnostic, on its file and range", () => {
    expect(githubAnnotation(diag({}))).toBe(
      '::error file=actions/workflows/main.yaml,line=12,col=9,endLine=12,endColumn=15,title=ORQ2003 undefined task in do::task "notify" is not defined',
    );
    expect(githubAnnotation(diag({ severity: "warning" }))).toMatch(/^::warning /);
    expect(githubAnnotation(diag({ severity: "info" }))).toMatch(/^::notice /);
  });

  it("escapes what would end a property or the command (%, CR, LF, and : , in properties)", () => {
    const line = githubAnnotation(diag({ file: "a,b:c%.yaml", message: "two\nlines\r100%" }));
    expect(line).toContain("file=a%2Cb%3Ac%25.yaml,");
    expect(line.endsWith("::two%0Alines%0D100%25")).toBe(true);
    expect(line).not.toMatch(/[\r\n]/);
  });

  it("leaves out what it does not know: no file, no position, a range over several lines", () => {
    expect(
      githubAnnotation(diag({ file: null, line: null, column: null, endLine: null, endColumn: null })),
    ).toBe('::error title=ORQ2003 undefined task in do::task "notify" is not defined');
    expect(githubAnnotation(diag({ endLine: 14 }))).toContain("endLine=14,title=");
  });
});

describe("--format sarif", () => {
  it("is a SARIF 2.1.0 log: a rule per code, a result per diagnostic with its region", () => {
    const log = toSarif([
      diag({}),
      diag({ code: "ORQ2011", severity: "warning", title: "action of a pack that is not loaded", line: 3 }),
      diag({ severity: "info", file: null, line: null }),
    ]) as {
      version: string;
      runs: {
        tool: { driver: { name: string; rules: { id: string; shortDescription: { text: string } }[] } };
        results: {
          ruleId: string;
          ruleIndex: number;
          level: string;
          message: { text: string };
          locations?: { physicalLocation: { artifactLocation: { uri: string }; region?: object } }[];
        }[];
      }[];
    };
    expect(log.version).toBe("2.1.0");
    const run = log.runs[0]!;
    expect(run.tool.driver.name).toBe("orqc");
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(["ORQ2003", "ORQ2011"]);
    expect(run.tool.driver.rules[0]!.shortDescription.text).toBe("undefined task in do");
    expect(run.results.map((r) => [r.ruleId, r.ruleIndex, r.level])).toEqual([
      ["ORQ2003", 0, "error"],
      ["ORQ2011", 1, "warning"],
      ["ORQ2003", 0, "note"],
    ]);
    expect(run.results[0]!.locations![0]!.physicalLocation).toEqual({
      artifactLocation: { uri: "actions/workflows/main.yaml" },
      region: { startLine: 12, startColumn: 9, endLine: 12, endColumn: 15 },
    });
    expect(run.results[2]!.locations).toBeUndefined();
  });

  it("writes absolute paths as file: URIs and encodes path segments", () => {
    const log = toSarif([diag({ file: "/packs/my pack/wf.yaml" }), diag({ file: "a b/#1.yaml" })]) as {
      runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    const uris = log.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris).toEqual(["file:///packs/my%20pack/wf.yaml", "a%20b/%231.yaml"]);
  });
});
