// `orqc run` embedded, end to end through the CLI: exit codes, text and JSON
// output, the local record `orqc status` reads, and a compiled bundle giving
// the same output as the interpreter with the original task names traced.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCli, HOSTT, orqc } from "../unit/host/e2e-support";

let cli: string;
const home = mkdtempSync(join(tmpdir(), "orqc-run-home-"));
const bundles = mkdtempSync(join(tmpdir(), "orqc-run-bundles-"));
const env = { ORQC_HOME: home };

beforeAll(async () => {
  cli = await buildCli("run");
}, 60_000);

afterAll(() => {
  rmSync(cli, { force: true });
  rmSync(home, { recursive: true, force: true });
  rmSync(bundles, { recursive: true, force: true });
});

describe("orqc run (embedded)", () => {
  it("runs a workflow action and exits 0, printing output and the task trace", async () => {
    const r = await orqc(cli, ["run", "hostt.seq", "--packs", HOSTT, "-p", "n=4"], env);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/execution \S+: succeeded/);
    expect(r.stdout).toContain('"left": 14');
    expect(r.stdout).toMatch(/joined \(route 0\): succeeded/);
    const id = /execution (\S+):/.exec(r.stdout)![1]!;
    const s = await orqc(cli, ["status", id, "--format", "json"], env);
    expect(s.code).toBe(0);
    expect(JSON.parse(s.stdout).status).toBe("succeeded");
    const list = await orqc(cli, ["executions"], env);
    expect(list.stdout).toContain(id);
  }, 30_000);

  it("exits 1 with a message for bad input and for a failed workflow, 2 for usage errors", async () => {
    const bad = await orqc(cli, ["run", "hostt.seq", "--packs", HOSTT, "-p", "nope=1"], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("Unknown parameter(s): nope");
    const missing = await orqc(cli, ["run", "hostt.nothing", "--packs", HOSTT], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no workflow or bundle named "hostt.nothing"');
    const folder = await orqc(cli, ["run", tmpdir()], env);
    expect(folder.code).toBe(1);
    expect(folder.stderr).toContain(`orqc run: error ORQ0004: not a workflow file: ${tmpdir()} is a folder`);
    const failed = await orqc(
      cli,
      ["run", "hostt.retry", "--packs", HOSTT, "-p", "marker=/nonexistent/dir/flag"],
      env,
    );
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/: failed/);
    const usage = await orqc(cli, ["run", "hostt.seq", "-p", "novalue"], env);
    expect(usage.code).toBe(2);
    expect(usage.stderr).not.toMatch(/at \S+\.ts/);
  }, 30_000);

  it("takes the target from after --packs or -p, which take every word that follows them", async () => {
    const afterPacks = await orqc(cli, ["run", "--packs", HOSTT, "hostt.seq", "--no-trace"], env);
    expect(afterPacks.stderr).toBe("");
    expect(afterPacks.code).toBe(0);
    expect(afterPacks.stdout).toContain('"left": 12');
    const afterParams = await orqc(
      cli,
      ["run", "--packs", HOSTT, "-p", "n=4", "hostt.seq", "--no-trace"],
      env,
    );
    expect(afterParams.code).toBe(0);
    expect(afterParams.stdout).toContain('"left": 14');
    const none = await orqc(cli, ["run", "--packs", HOSTT], env);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("error: missing required argument 'target'");
    expect(none.stderr).toContain("Usage: orqc run [options] <target...>");
  }, 30_000);

  it("points at the line and column of a workflow file that is not valid YAML", async () => {
    const dir = mkdtempSync(join(tmpdir(), "orqc-run-yaml-"));
    try {
      const file = join(dir, "tabbed.yaml");
      writeFileSync(file, "version: 1.0\ntasks:\n  t1:\n    action: core.noop\n\tnext: []\n");
      const r = await orqc(cli, ["run", file], env);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(
        `${file}:5:1: ORQ1001 YAML syntax error: while scanning a plain scalar (line 4, column 13): found a tab character that violates indentation (a tab: StackStorm's YAML loader refuses one here; use spaces)`,
      );
      const dup = join(dir, "dup.yaml");
      writeFileSync(dup, "version: 1.0\ntasks:\n  t: {action: core.noop}\n  t: {action: core.noop}\n");
      const d = await orqc(cli, ["run", dup], env);
      expect(d.code).toBe(1);
      expect(d.stderr).toContain(`${dup}:4:3: ORQ1002 duplicate key "t"`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it("runs a single action as st2 run does: its result, exit 0 or 1 by its status", async () => {
    const ok = await orqc(cli, ["run", "core.local", "-p", "cmd=echo hi"], env);
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/execution \S+: succeeded/);
    expect(ok.stdout).toContain('"stdout": "hi"');
    const id = /execution (\S+):/.exec(ok.stdout)![1]!;
    expect((await orqc(cli, ["status", id], env)).stdout).toContain('"stdout": "hi"');
    const bad = await orqc(cli, ["run", "core.local", "-p", "cmd=exit 4", "--format", "json"], env);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ status: "failed", result: { return_code: 4 } });
  }, 30_000);

  it("never prints a secret input", async () => {
    const r = await orqc(
      cli,
      ["run", "hostt.secret", "--packs", HOSTT, "-p", "password=hunter2-abc", "--format", "json"],
      env,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain("hunter2-abc");
    expect(JSON.parse(r.stdout).result).toEqual({ output: { said: "token=********" } });
    const s = await orqc(cli, ["status", JSON.parse(r.stdout).id], env);
    expect(s.stdout).not.toContain("hunter2-abc");
  }, 30_000);

  it("runs a compiled bundle with the same output, tracing inlined tasks by their original names", async () => {
    const compiled = await orqc(cli, ["compile", HOSTT, "-o", bundles, "--force"], env);
    expect(compiled.code).toBe(0);
    const interpreted = await orqc(
      cli,
      ["run", "hostt.parent", "--packs", HOSTT, "-p", "n=5", "--format", "json"],
      env,
    );
    const bundled = await orqc(
      cli,
      ["run", "hostt.parent", "--bundles", bundles, "--packs", HOSTT, "-p", "n=5", "--format", "json"],
      env,
    );
    expect(bundled.code).toBe(0);
    const a = JSON.parse(interpreted.stdout);
    const b = JSON.parse(bundled.stdout);
    expect(b.result).toEqual(a.result);
    expect(b.result).toEqual({ output: { sum: 22 } });
    expect(b.context.target.kind).toBe("bundle");
    const finished = b.context.trace.filter((e: { ev: string }) => e.ev === "task.finished");
    expect(finished.map((e: { unit: string; task: string }) => `${e.unit}:${e.task}`).sort()).toEqual([
      "hostt.child:double",
      "hostt.child:double",
      "root:one",
      "root:total",
      "root:two",
    ]);
    // Interpreted, the children were executions (jobs) of their own; compiled, one job did it all.
    expect(a.context.runs).toBeGreaterThan(1);
    expect(b.context.runs).toBe(1);
  }, 60_000);

  it("runs a bundle named by its file, its folder taken as --bundles", async () => {
    const compiled = await orqc(cli, ["compile", HOSTT, "-o", bundles], env);
    expect(compiled.code).toBe(0);
    const file = join(bundles, "hostt.parent.js");
    const r = await orqc(cli, ["run", file, "--packs", HOSTT, "-p", "n=5", "--format", "json"], env);
    expect(r.code).toBe(0);
    const rec = JSON.parse(r.stdout);
    expect(rec.result).toEqual({ output: { sum: 22 } });
    expect(rec.context.target.kind).toBe("bundle");
    // A bundle file away from the manifest that names it is a usage error, not a YAML error.
    const lone = join(mkdtempSync(join(tmpdir(), "orqc-run-lone-")), "hostt.parent.js");
    writeFileSync(lone, "export {};\n");
    const bad = await orqc(cli, ["run", lone], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("no manifest.json beside it");
  }, 60_000);

  it("answers an inquiry that lists users only as one of them (ORQC_USER)", async () => {
    const ASKT = join(HOSTT, "../askt");
    const args = ["run", ASKT, "askt.restricted", "--respond", 'ask={"continue": true}', "--format", "json"];
    const refused = await orqc(cli, args, env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('ORQ0007: --respond ask: user "stanley" may not respond');
    const ok = await orqc(cli, args, { ...env, ORQC_USER: "alice" });
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).result).toEqual({ output: { answer: { continue: true } } });
  }, 30_000);
});
