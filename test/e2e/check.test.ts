// `orqc check` end to end: exit codes, tsc-like lines, JSON output, colour rules.

import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { bundleForNode } from "../../scripts/bundle-for-node";

const ROOT = resolve(__dirname, "../..");
const BUNDLE = resolve(ROOT, "dist/.e2e-check.mjs");
const CORPUS = resolve(ROOT, "../shared/corpus");
const INVALID = resolve(ROOT, "test/fixtures/invalid");
const GOOD = resolve(CORPUS, "stackstorm/st2/contrib/examples/actions/workflows/orquesta-sequential.yaml");

beforeAll(async () => {
  await bundleForNode(resolve(ROOT, "cli/main.ts"), BUNDLE);
}, 60_000);

function orqc(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BUNDLE, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "", FORCE_COLOR: "", ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("orqc check", () => {
  it("exits 0 on a valid workflow", () => {
    const r = orqc(["check", GOOD]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("no errors");
  });

  it("exits 1 and prints tsc-like lines for a broken workflow", () => {
    const r = orqc(["check", resolve(INVALID, "39-undefined-task.yaml")]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /^test\/fixtures\/invalid\/39-undefined-task\.yaml:8:13 - error ORQ2003: task "notify" is not defined$/m,
    );
    expect(r.stdout).not.toContain("\u001b[");
    expect(r.stdout).not.toContain(" | ");
  });

  it("prints the diagnostic list as JSON with --format json", () => {
    const r = orqc(["check", resolve(INVALID, "08-unknown-task-key-nxt.yaml"), "--format", "json"]);
    expect(r.code).toBe(1);
    const body = JSON.parse(r.stdout);
    expect(body.errors).toBe(1);
    expect(body.diagnostics[0]).toMatchObject({
      code: "ORQ1010",
      severity: "error",
      message: 'task "t1": unknown key "nxt" (did you mean "next"?)',
      file: "test/fixtures/invalid/08-unknown-task-key-nxt.yaml",
      line: 6,
      column: 5,
    });
  });

  it("exits 2 on usage errors", () => {
    expect(orqc(["check"]).code).toBe(2);
    expect(orqc(["check", GOOD, "--format", "xml"]).code).toBe(2);
  });

  it("reports a missing path as a problem, not a crash", () => {
    const r = orqc(["check", "no/such/dir"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("ORQ1003");
    expect(r.stderr).toBe("");
  });

  it("checks the whole corpus without crashing, rejecting only files StackStorm's inspection rejects", () => {
    const r = orqc(["check", CORPUS, "--format", "json"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    const body = JSON.parse(r.stdout);
    expect(body.workflows).toBe(347);
    const rejected = new Set(
      (body.diagnostics as Array<{ severity: string; file: string }>)
        .filter((d) => d.severity === "error")
        .map((d) => d.file),
    );
    expect(rejected.size).toBe(35);
  }, 60_000);

  it("has help with examples", () => {
    const r = orqc(["check", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Examples:");
    expect(r.stdout).toContain("--format");
  });

  describe("for CI", () => {
    const WARNS = resolve(
      CORPUS,
      "community/EncoreTechnologies__stackstorm-arista/actions/workflows/cli.yaml",
    );

    it("--format github writes one annotation per problem, on its file and line", () => {
      const r = orqc(["check", resolve(INVALID, "39-undefined-task.yaml"), "--format", "github"]);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe(
        '::error file=test/fixtures/invalid/39-undefined-task.yaml,line=8,col=13,endLine=8,endColumn=19,title=ORQ2003 undefined task in do::task "notify" is not defined\n',
      );
    });

    it("--format sarif writes a SARIF 2.1.0 log of the same problems", () => {
      const r = orqc(["check", resolve(INVALID, "39-undefined-task.yaml"), "--format", "sarif"]);
      expect(r.code).toBe(1);
      const log = JSON.parse(r.stdout);
      expect(log.version).toBe("2.1.0");
      expect(log.runs[0].results).toHaveLength(1);
      expect(log.runs[0].results[0]).toMatchObject({ ruleId: "ORQ2003", level: "error" });
      expect(log.runs[0].results[0].locations[0].physicalLocation.region).toMatchObject({ startLine: 8 });
    });

    it("--max-warnings turns warnings past the limit into a failing exit", () => {
      expect(orqc(["check", WARNS]).code).toBe(0);
      expect(orqc(["check", WARNS, "--max-warnings", "2"]).code).toBe(0);
      const r = orqc(["check", WARNS, "--max-warnings", "1"]);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain("2 warnings, more than --max-warnings 1");
      // warnings left out by --no-warnings still count, and the message says why none was shown
      const quiet = orqc(["check", WARNS, "--no-warnings", "--max-warnings", "1"]);
      expect(quiet.code).toBe(1);
      expect(quiet.stdout).toContain("2 warnings (not shown: --no-warnings), more than --max-warnings 1");
      expect(orqc(["check", WARNS, "--max-warnings", "-1"]).code).toBe(2);
    });
  });
});
