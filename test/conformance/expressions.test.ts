// Conformance against the golden expression cases recorded from Orquesta 1.6.0.
// Runs the BUILT CLI once (`npm run build` first). Ratchet:
// expressions-known-failures.json lists failing ids with a reason; an unlisted
// failure or a listed pass fails the test. Regenerate the list with
// `node scripts/update-known-failures.mjs` (sets ORQC_UPDATE_KNOWN_FAILURES=1).

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BUILT_CLI, type CaseOutcome, runExpressionConformance } from "./expressions-compare";

const KNOWN = join(__dirname, "expressions-known-failures.json");

describe("golden expressions", () => {
  let outcomes: CaseOutcome[] = [];

  it("evaluates every case through `orqc eval --cases`", () => {
    outcomes = runExpressionConformance();
    const pass = outcomes.filter((o) => !o.diff).length;
    const pct = ((100 * pass) / outcomes.length).toFixed(1);
    console.log(`golden expressions: ${pass}/${outcomes.length} cases match (${pct}%)`);
    if (process.env.ORQC_UPDATE_KNOWN_FAILURES === "1") {
      const failing = Object.fromEntries(outcomes.filter((o) => o.diff).map((o) => [o.id, o.diff!]));
      writeFileSync(KNOWN, `${JSON.stringify(failing, null, 1)}\n`);
    }
    expect(outcomes.length).toBeGreaterThan(0);
  }, 300_000);

  it("matches the known-failures ratchet", () => {
    const known = existsSync(KNOWN)
      ? (JSON.parse(readFileSync(KNOWN, "utf8")) as Record<string, string>)
      : {};
    const unexpected = outcomes
      .filter((o) => o.diff && !Object.hasOwn(known, o.id))
      .map((o) => `${o.id}: ${o.diff}`);
    const fixed = outcomes.filter((o) => !o.diff && Object.hasOwn(known, o.id)).map((o) => o.id);
    expect(unexpected, "cases failing that are not in expressions-known-failures.json").toEqual([]);
    expect(fixed, "cases now passing: remove them from expressions-known-failures.json").toEqual([]);
  });
});

describe("orqc eval (one expression)", () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [BUILT_CLI, "eval", ...args], { encoding: "utf8" });

  it("prints the value and its type", () => {
    const text = run("v={{ ctx('x') * 2 }}", "--ctx", '{"x": 1.5}');
    expect(text.status).toBe(0);
    expect(text.stdout).toBe("'v=3.0'  (str)\n");
    const json = run("{{ [ctx('x'), -0.0] }}", "--ctx", '{"x": 1.0}', "--format", "json");
    expect(json.stdout).toBe('{"value":[1,-0.0],"type":"list","float_paths":["/0","/1"]}\n');
    // Python's key order, integer-like keys included (a JavaScript object would list "1" first).
    const ordered = run("<% ctx(l).toDict($, str($)) %>", "--ctx", '{"l": [3, 1, 20]}', "--format", "json");
    expect(ordered.stdout).toBe('{"value":{"3":"3","1":"1","20":"20"},"type":"dict"}\n');
  });
  it("exits 1 with the category on an expression error, 2 on bad arguments", () => {
    const failed = run("{{ ctx('missing') }}");
    expect(failed.status).toBe(1);
    expect(failed.stderr).toMatch(/^orqc eval: error ORQ0004: undefined_variable error: /);
    const usage = run("{{ 1 }}", "--ctx", "[1");
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/^orqc eval: error ORQ0002: --ctx: invalid JSON: .*line 1 column 3/);
    const dir = mkdtempSync(join(tmpdir(), "orqc-eval-"));
    writeFileSync(join(dir, "ctx.json"), '{\n  "x": 1,\n  oops\n}\n');
    const placed = run("{{ 1 }}", "--ctx", `@${join(dir, "ctx.json")}`);
    expect(placed.status).toBe(2);
    expect(placed.stderr).toMatch(/^orqc eval: \S*ctx\.json:3:3 - error ORQ0002: --ctx: invalid JSON: /);
    // A value with no JSON form (a complex) is an evaluation error in the JSON format, not a crash.
    const complex = run("{{ (-1) ** 0.5 }}", "--format", "json");
    expect(complex.status).toBe(1);
    expect(complex.stdout).toBe('{"error_type":"evaluation","message":"TypeError: complex is not data"}\n');
    expect(run("{{ (-1) ** 0.5 }}").stdout).toBe("(6.123233995736766e-17+1j)  (complex)\n");
    const format = run("{{ 1 }}", "--format", "xml");
    expect(format.status).toBe(2);
    expect(format.stderr).toMatch(/^orqc eval: error ORQ0001: --format must be text or json/);
  });
});
