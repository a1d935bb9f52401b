// output_schema on the host: secret output is masked in the records (always,
// as StackStorm's API shows it) while workflows get the real values; with
// validation on (StackStorm's system.validate_output_schema), a succeeded
// output that does not match fails the action or workflow, the same way
// interpreted and compiled (an inlined sub-workflow is checked as its own
// execution would be).

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compile } from "../../../compiler/compile";
import { translateExpression } from "../../../compiler/emit/translator";
import { OUTPUT_INVALID } from "../../../runtime/output-schema/index";
import { closeSharedPythonPool } from "../../../runtime/runners/python/pool";
import { type Embedded, embedded } from "./helpers";

const PACK = join(import.meta.dirname, "fixtures/outschema");
const out = mkdtempSync(join(tmpdir(), "orqc-outschema-"));
const hosts: Record<string, Embedded> = {};

beforeAll(async () => {
  const result = await compile({ paths: [PACK], outDir: out, force: true, translate: translateExpression });
  expect(result.reports.filter((r) => r.status === "failed")).toEqual([]);
  hosts.plain = embedded({ packs: [PACK], validateOutputSchema: false });
  hosts.checking = embedded({ packs: [PACK], validateOutputSchema: true });
  hosts.compiledPlain = embedded({ packs: [PACK], bundlesDir: out, validateOutputSchema: false });
  hosts.compiledChecking = embedded({ packs: [PACK], bundlesDir: out, validateOutputSchema: true });
}, 60_000);

afterAll(async () => {
  for (const h of Object.values(hosts)) await h.close();
  await closeSharedPythonPool();
});

describe("secret output", () => {
  it("is masked in a python action's record", async () => {
    const rec = await hosts.plain!.run("outschema.secret_py");
    expect(rec.status).toBe("succeeded");
    expect((rec.result as { result: unknown }).result).toEqual({ k2: "********" });
  });

  it("is masked in a workflow's record, and its caller still gets the real value", async () => {
    const child = await hosts.plain!.run("outschema.child", { n: 3 });
    expect(child.result).toEqual({ output: { n: 3, token: "********" } });
    for (const host of [hosts.plain!, hosts.compiledPlain!]) {
      const parent = await host.run("outschema.parent", { n: 3 });
      expect(parent.result).toEqual({ output: { outcome: "child ok", token: "tok-123" } });
    }
  });
});

describe("with validation off (StackStorm's default)", () => {
  it("a non-matching output succeeds", async () => {
    expect((await hosts.plain!.run("outschema.secret_py", { bad: true })).status).toBe("succeeded");
    expect((await hosts.plain!.run("outschema.child", { n: "x" })).status).toBe("succeeded");
  });
});

describe("with validation on", () => {
  it("fails an action whose output does not match, with StackStorm's result", async () => {
    const rec = await hosts.checking!.run("outschema.secret_py", { bad: true });
    expect(rec.status).toBe("failed");
    expect(rec.result).toMatchObject({ message: OUTPUT_INVALID });
    expect((rec.result as { error: string }).error).toMatch(/^'k2' is a required property/);
    expect((await hosts.checking!.run("outschema.secret_py")).status).toBe("succeeded");
  });

  it("fails a workflow whose output does not match", async () => {
    const rec = await hosts.checking!.run("outschema.child", { n: "x" });
    expect(rec.status).toBe("failed");
    expect((rec.result as { error: string }).error).toMatch(/^'x' is not of type 'integer'/);
  });

  it("fails a sub-workflow call the same way interpreted and inlined", async () => {
    for (const host of [hosts.checking!, hosts.compiledChecking!]) {
      const bad = await host.run("outschema.parent", { n: "x" });
      expect(bad.status).toBe("succeeded");
      expect(bad.result).toEqual({ output: { outcome: OUTPUT_INVALID, token: "none" } });
      const good = await host.run("outschema.parent", { n: 2 });
      expect(good.result).toEqual({ output: { outcome: "child ok", token: "tok-123" } });
    }
    // compiled: the sub-workflow was inlined (no child execution)
    const rec = await hosts.compiledChecking!.run("outschema.parent", { n: "x" });
    expect(await hosts.compiledChecking!.backend.executions.list({ parentId: rec.id })).toEqual([]);
  });
});
