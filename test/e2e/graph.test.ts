import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const CLI = resolve(__dirname, "../../bin/orqc.js");
const WF = "examples/monitoring/actions/workflows/host_check.yaml";

function orqc(...args: string[]): string {
  return execFileSync("node", [CLI, ...args], { encoding: "utf8" });
}

describe("orqc graph", () => {
  it("draws the workflow as written in mermaid", () => {
    const out = orqc("graph", WF, "--packs", "examples");
    expect(out.startsWith("flowchart TD\n")).toBe(true);
    expect(out).toContain('"ping_test"');
    expect(out).not.toContain("subgraph");
  });

  it("draws inlined sub-workflows as clusters when flattened", () => {
    const out = orqc("graph", WF, "--packs", "examples", "--flattened");
    expect(out).toContain("subgraph");
    expect(out).toContain("monitoring.threshold_check (inlined)");
    expect(out).toContain("-.->");
  });

  it("writes dot and a well-formed svg", () => {
    expect(orqc("graph", WF, "--format", "dot", "--flattened", "--packs", "examples")).toMatch(
      /^digraph workflow \{[\s\S]*subgraph cluster_/,
    );
    const svg = orqc("graph", WF, "--format", "svg", "--packs", "examples");
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg.trim().endsWith("</svg>")).toBe(true);
    expect((svg.match(/<rect /g) ?? []).length).toBeGreaterThan(10);
  });

  it("reports a broken workflow with file:line:col and exit code 1", () => {
    const dir = mkdtempSync(join(tmpdir(), "orqc-graph-"));
    const file = join(dir, "wf.yaml");
    writeFileSync(file, "version: 1.0\ntasks:\n  a:\n    action: core.noop\n    next:\n      - do: nope\n");
    const run = spawnSync("node", [CLI, "graph", file], { encoding: "utf8" });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/wf\.yaml:6:13 - error ORQ2003: task "nope" is not defined/);
    expect(run.stdout).toBe("");
  });

  it("refuses a path that is not a workflow file at once, without reading the folders around it", () => {
    for (const [path, message] of [
      ["/no/such/workflow.yaml", "no such workflow file: /no/such/workflow.yaml"],
      [tmpdir(), `not a workflow file: ${tmpdir()} is a folder`],
    ] as const) {
      const run = spawnSync("node", [CLI, "graph", path], { encoding: "utf8", timeout: 20_000 });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`orqc graph: error ORQ0002: ${message}`);
    }
  });

  it("refuses a --packs folder that does not exist (it was ignored, and nothing inlined)", () => {
    const dir = mkdtempSync(join(tmpdir(), "orqc-graph-"));
    const file = join(dir, "wf.yaml");
    writeFileSync(file, "version: 1.0\ntasks:\n  a:\n    action: core.noop\n");
    const missing = join(dir, "no-such-packs");
    const run = spawnSync("node", [CLI, "graph", file, "--flattened", "--packs", missing], {
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`orqc graph: error ORQ0001: --packs ${missing}: no such folder`);
  });

  it("draws a workflow outside any pack from the file alone", () => {
    const dir = mkdtempSync(join(tmpdir(), "orqc-graph-"));
    const file = join(dir, "wf.yaml");
    writeFileSync(
      file,
      "version: 1.0\ntasks:\n  a:\n    action: core.noop\n    next:\n      - do: b\n  b:\n    action: core.noop\n",
    );
    expect(orqc("graph", file)).toContain("n0 -->");
  });
});
