// Walks test/fixtures/invalid: every broken workflow must be reported with its
// expected code at its expected position, and every diagnostic code must be covered.

import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { checkPaths } from "../../../compiler/inspect/check";
import { ALL_CODES } from "../../../compiler/source/messages";
import { lineColOf } from "../../../compiler/source/source-file";

const DIR = resolve(__dirname, "../../fixtures/invalid");

interface Expectation {
  readonly fixture: string;
  readonly file: string;
  readonly code: string;
  readonly line?: number;
  readonly col?: number;
}

function expectations(): Expectation[] {
  const out: Expectation[] = [];
  for (const name of readdirSync(DIR).sort()) {
    const full = join(DIR, name);
    if (statSync(full).isDirectory()) {
      const lines = readFileSync(join(full, "expect.txt"), "utf8").trim().split("\n");
      for (const line of lines) {
        const [rel, pos, code] = line.split(" ");
        const [l, c] = pos!.split(":").map(Number);
        out.push({ fixture: full, file: join(full, rel!), code: code!, line: l!, col: c! });
      }
      continue;
    }
    const m = /^# expect: (ORQ\d{4}) (\*|(\d+):(\d+))/.exec(readFileSync(full, "utf8"));
    if (!m) throw new Error(`${name}: missing "# expect:" header`);
    out.push({
      fixture: full,
      file: full,
      code: m[1]!,
      ...(m[3] ? { line: Number(m[3]), col: Number(m[4]) } : {}),
    });
  }
  return out;
}

const all = expectations();

describe("invalid fixtures", () => {
  it("has at least 60 broken workflows covering every diagnostic code", () => {
    expect(new Set(all.map((e) => e.fixture)).size).toBeGreaterThanOrEqual(60);
    // ORQ1003 (unreadable path) is about the file system, not file contents: see test/e2e/check.test.ts.
    // ORQ4001 (a fault in orqc while compiling) has no input that causes it: see test/unit/host/deep-data.test.ts.
    const covered = new Set([...all.map((e) => e.code), "ORQ1003", "ORQ4001"]);
    expect(ALL_CODES.filter((c) => !covered.has(c))).toEqual([]);
  });

  it.each(all.map((e) => [e.fixture.slice(DIR.length + 1), e] as const))("%s", (_name, e) => {
    expect(existsSync(e.file)).toBe(true);
    const { diagnostics } = checkPaths([e.fixture]);
    const found = diagnostics.filter((d) => d.code === e.code && d.file?.path === e.file);
    const where = diagnostics.map((d) => {
      const pos = d.file && d.range ? lineColOf(d.file, d.range.start) : undefined;
      return `${d.code} ${pos?.line}:${pos?.col} ${d.message}`;
    });
    expect(found.length, where.join("\n")).toBeGreaterThan(0);
    if (e.line !== undefined) {
      const positions = found.map((d) => (d.range ? lineColOf(d.file!, d.range.start) : undefined));
      expect(positions, where.join("\n")).toContainEqual({ line: e.line, col: e.col });
    }
  });
});
