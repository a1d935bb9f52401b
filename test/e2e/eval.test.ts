// `orqc eval EXPR` as a user runs it: the value and its Python type, or a
// clear error with exit code 1; never an internal error for an expression.

import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const CLI = resolve(__dirname, "../../bin/orqc.js");

function orqcEval(...args: string[]) {
  return spawnSync("node", [CLI, "eval", ...args], { encoding: "utf8", timeout: 60_000 });
}

describe("orqc eval", () => {
  it("prints the value with its type, as text or as golden JSON", () => {
    const text = orqcEval("{{ 2 ** 10 }}");
    expect(text.status).toBe(0);
    expect(text.stdout).toBe("1024  (int)\n");
    const json = orqcEval("{{ ctx('x') / 2 }}", "--ctx", '{"x": 3}', "--format", "json");
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ value: 1.5, type: "float" });
  });

  it("reports a value Python cannot show as an evaluation error, in both formats", () => {
    // Python 3.11 refuses str() and repr() of an int of more than 4,300 digits
    for (const format of ["text", "json"]) {
      const r = orqcEval("{{ 2 ** 100000 }}", "--format", format);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(
        "error ORQ0004: evaluation error: ValueError: Exceeds the limit (4300 digits)",
      );
      expect(r.stderr).not.toContain("internal error");
    }
  });

  it("fails an expression that fails with exit code 1 and its category", () => {
    const r = orqcEval("<% ctx(missing) %>");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("error ORQ0004: undefined_variable error");
  });

  it("prints every case of a --cases file, and exits 2 when one of them is not an object", () => {
    const file = join(mkdtempSync(join(tmpdir(), "orqc-eval-")), "cases.json");
    writeFileSync(file, JSON.stringify({ cases: [1, { id: "x", lang: "yaql", expr: "<% 1 + 1 %>" }] }));
    const r = orqcEval("--cases", file, "--format", "json");
    expect(r.status).toBe(2);
    expect(JSON.parse(r.stdout)[1]).toEqual({ id: "x", value: 2, type: "int" });
    expect(r.stderr).toContain(`error ORQ0002: --cases: ${file}: not an object: case #0`);
  });
});
