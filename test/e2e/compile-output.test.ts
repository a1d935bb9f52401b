// `orqc compile -o DIR` with a DIR that cannot be a folder: one clear message
// with a stable code and exit 2, before any work; a missing folder is created.
// A workflow file Orquesta's loader refuses is reported and not built.

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const CLI = resolve(__dirname, "../../bin/orqc.js");
const WF = resolve(__dirname, "../../examples/monitoring/actions/workflows/threshold_check.yaml");

function compileTo(out: string) {
  return spawnSync("node", [CLI, "compile", WF, "-o", out], { encoding: "utf8", timeout: 60_000 });
}

describe("orqc compile -o", () => {
  const dir = mkdtempSync(join(tmpdir(), "orqc-out-"));
  const file = join(dir, "a-file");
  writeFileSync(file, "x");

  it("refuses a file, or a path under a file, with ORQ0001 and exit 2", () => {
    for (const [out, why] of [
      [file, "it is a file, not a folder"],
      [join(file, "sub"), `${file} is a file, not a folder`],
    ] as const) {
      const r = compileTo(out);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(`orqc compile: error ORQ0001: -o ${out}: ${why}\n`);
      expect(r.stdout).toBe("");
    }
  });

  it("refuses a folder the file system will not create, without hanging", () => {
    const r = compileTo("/proc/orqc-no-such-folder");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^orqc compile: error ORQ0001: -o \/proc\/orqc-no-such-folder: cannot create /);
  });

  it("leaves an earlier build as it was when a path given does not exist (exit 1)", () => {
    const out = join(dir, "kept");
    expect(compileTo(out).status).toBe(0);
    const before = readFileSync(join(out, "manifest.json"), "utf8");
    expect(JSON.parse(before).actions.length).toBeGreaterThan(0);
    const missing = join(dir, "no-such-pack");
    const r = spawnSync("node", [CLI, "compile", WF, missing, "-o", out], {
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`ORQ1003: cannot read "${missing}"`);
    expect(r.stdout).toContain(`nothing built: ${out} is left as it was`);
    expect(readFileSync(join(out, "manifest.json"), "utf8")).toBe(before);
  });

  it("creates missing folders", () => {
    const out = join(dir, "new", "deep");
    const r = compileTo(out);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(existsSync(join(out, "manifest.json"))).toBe(true);
  });
});

describe("orqc compile, files Orquesta's loader refuses", () => {
  it("builds no bundle for a workflow with a duplicate or a merge key, and says why", () => {
    const dir = mkdtempSync(join(tmpdir(), "orqc-refused-"));
    const wf = join(dir, "p/actions/workflows");
    mkdirSync(wf, { recursive: true });
    writeFileSync(join(dir, "p/pack.yaml"), "ref: p\nname: p\n");
    const files = {
      twice: "version: 1.0\ntasks:\n  a:\n    action: core.noop\n  a:\n    action: core.noop\n",
      merged: "version: 1.0\nvars:\n  - x: {<<: {y: 1}}\ntasks:\n  a:\n    action: core.noop\n",
      fine: "version: 1.0\ntasks:\n  a:\n    action: core.noop\n",
    };
    for (const [name, text] of Object.entries(files)) {
      writeFileSync(join(wf, `${name}.yaml`), text);
      writeFileSync(
        join(dir, `p/actions/${name}.yaml`),
        `name: ${name}\nrunner_type: orquesta\nentry_point: workflows/${name}.yaml\n`,
      );
    }
    const out = join(dir, "out");
    const r = spawnSync("node", [CLI, "compile", join(dir, "p"), "-o", out], {
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stdout + r.stderr).toContain('twice.yaml:5:3 - error ORQ1002: duplicate key "a"');
    expect(r.stdout + r.stderr).toContain("merged.yaml:3:9 - error ORQ1006");
    const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8")) as {
      bundles: { ref: string; status: string }[];
    };
    const status = Object.fromEntries(report.bundles.map((b) => [b.ref, b.status]));
    expect(status).toEqual({ "p.twice": "failed", "p.merged": "failed", "p.fine": "built" });
    expect(r.stdout).toContain("1 bundle(s) built, 0 unchanged, 2 failed -> ");
  });

  it("fails the build on action metadata StackStorm cannot load, in PyYAML's words, and counts it", () => {
    const dir = mkdtempSync(join(tmpdir(), "orqc-meta-"));
    mkdirSync(join(dir, "p/actions/workflows"), { recursive: true });
    writeFileSync(join(dir, "p/pack.yaml"), "ref: p\nname: p\n");
    writeFileSync(
      join(dir, "p/actions/workflows/w.yaml"),
      "version: 1.0\ntasks:\n  a:\n    action: core.noop\n",
    );
    writeFileSync(
      join(dir, "p/actions/w.yaml"),
      "name: w\nrunner_type: orquesta\nentry_point: workflows/w.yaml\nparameters:\n  x:\n    type: string\n   default: 1\n",
    );
    const r = spawnSync("node", [CLI, "compile", join(dir, "p"), "-o", join(dir, "out")], {
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(
      "w.yaml:7:4 - error ORQ1001: YAML syntax error: while parsing a block mapping (line 5, column 3): did not find expected key",
    );
    expect(r.stdout).toContain(", 1 error(s) in other files -> ");
  });
});
