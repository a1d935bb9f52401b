// `orqc compile -o DIR` with a DIR that cannot be a folder: one clear message
// with a stable code and exit 2, before any work; a missing folder is created.

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
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

  it("creates missing folders", () => {
    const out = join(dir, "new", "deep");
    const r = compileTo(out);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(existsSync(join(out, "manifest.json"))).toBe(true);
  });
});
