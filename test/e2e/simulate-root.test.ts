import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const CLI = resolve(__dirname, "../../bin/orqc.js");

/** A golden-layout case set: <set>/golden/traces/<case>/scenario.json, its workflow under <set>/corpus/. */
function caseSet(): { set: string; cases: string } {
  const set = mkdtempSync(join(tmpdir(), "orqc-root-"));
  const cases = join(set, "golden", "traces");
  mkdirSync(join(cases, "c1"), { recursive: true });
  mkdirSync(join(set, "corpus", "p"), { recursive: true });
  writeFileSync(
    join(set, "corpus", "p", "wf.yaml"),
    "version: 1.0\ninput: [x]\ntasks:\n  t1:\n    action: core.echo message=<% ctx(x) %>\noutput:\n  - x: <% ctx(x) %>\n",
  );
  writeFileSync(join(cases, "INDEX.json"), JSON.stringify({ cases: [{ case_id: "c1" }] }));
  writeFileSync(
    join(cases, "c1", "scenario.json"),
    JSON.stringify({ workflow: "corpus/p/wf.yaml", input: { x: "hi" } }),
  );
  return { set, cases };
}

const run = (args: string[], cwd: string) =>
  JSON.parse(execFileSync("node", [CLI, "simulate", ...args], { encoding: "utf8", cwd }));

describe("orqc simulate without --root", () => {
  it("finds the workflows of a case set copied anywhere, from any working folder", () => {
    const { cases } = caseSet();
    const out = run(["--cases", cases], tmpdir());
    expect(out.c1.status).toBe("succeeded");
    expect(out.c1.output).toEqual({ x: "hi" });
    expect(run(["--scenario", join(cases, "c1", "scenario.json")], tmpdir()).output).toEqual({ x: "hi" });
  });

  it("still takes --root first", () => {
    const { cases } = caseSet();
    const out = run(["--cases", cases, "--root", tmpdir()], tmpdir());
    expect(out.c1.error).toContain(join(tmpdir(), "corpus", "p", "wf.yaml"));
  });
});

describe("orqc simulate --cases with broken input", () => {
  it("reports an unusable scenario as that case's failure and runs the others", () => {
    const { cases } = caseSet();
    mkdirSync(join(cases, "c2"));
    writeFileSync(join(cases, "c2", "scenario.json"), JSON.stringify({ workflow: 5 }));
    writeFileSync(
      join(cases, "INDEX.json"),
      JSON.stringify({ cases: [{ case_id: "c2" }, { case_id: "c1" }] }),
    );
    const out = run(["--cases", cases], tmpdir());
    expect(out.c1.status).toBe("succeeded");
    expect(out.c2.error).toContain('"workflow" must be the path of a workflow file');
  });

  it("refuses an INDEX.json without case ids as bad input (exit 2), naming the file", () => {
    const { cases } = caseSet();
    for (const index of ["{", JSON.stringify({ cases: [{ id: "c1" }] })]) {
      writeFileSync(join(cases, "INDEX.json"), index);
      const r = spawnSync("node", [CLI, "simulate", "--cases", cases], { encoding: "utf8" });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(join(cases, "INDEX.json"));
      expect(r.stderr).not.toContain("internal error");
    }
  });
});

describe("orqc simulate of a run whose data is no JSON", () => {
  const workflow = (publish: string[]) =>
    `version: 1.0\ntasks:\n  t1:\n    action: core.noop\n    next:\n      - publish:\n${publish
      .map((p, i) => `          - v${i}: "${p}"\n`)
      .join("")}`;

  it("writes the objects Orquesta's context keeps as their Python str(), as the reference recorder does", () => {
    const dir = mkdtempSync(join(tmpdir(), "orqc-objects-"));
    writeFileSync(
      join(dir, "wf.yaml"),
      workflow([
        "{{ (-1) ** 0.5 }}",
        "<% datetime(2020, 1, 2, 3, 4, 5) %>",
        "<% timespan(days => 1, hours => 2) %>",
        "{{ range(1, 9, 2) }}",
        "{{ 'ab'.encode() }}",
        "<% regex('a.b') %>",
      ]),
    );
    const out = spawnSync("node", [CLI, "simulate", join(dir, "wf.yaml"), "--format", "json"], {
      encoding: "utf8",
    });
    expect(out.status, out.stderr).toBe(0);
    expect(JSON.parse(out.stdout).context).toEqual({
      v0: "(6.123233995736766e-17+1j)",
      v1: "2020-01-02 03:04:05+00:00",
      v2: "1 day, 2:00:00",
      v3: "range(1, 9, 2)",
      v4: "b'ab'",
      v5: "re.compile('a.b')",
    });
  });

  it("says the trace cannot be written, with exit 1, for a value Orquesta cannot copy", () => {
    const dir = mkdtempSync(join(tmpdir(), "orqc-namespace-"));
    writeFileSync(join(dir, "wf.yaml"), workflow(["{{ namespace(a=1) }}"]));
    const out = spawnSync("node", [CLI, "simulate", join(dir, "wf.yaml")], { encoding: "utf8" });
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/not JSON data \(Namespace is not data\); the trace cannot be written/);
  });
});
