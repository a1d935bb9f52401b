// Codegen safety: user text (string literals, names, the expression text
// quoted in error messages) reaches generated code only as literals. Hostile
// strings must print to code that parses and hands them back as data.

import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { runCase } from "../../../../compiler/expr/cases";
import { caseEnv, renderValue } from "../../../../compiler/expr/index";
import { buildModule, loadModule } from "./harness";

const HOSTILE = [
  "'",
  '"',
  "`",
  "${",
  "*/",
  "/*",
  "</script>",
  "\r",
  "\u2028",
  "\u2029",
  "\0",
  "\\",
  "\n",
  "}}",
  "%>",
];

const hostileText = fc
  .array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 3 })), { maxLength: 6 })
  .map((parts) => parts.join(""));

/** Values whose text lands in string literals, names, keys and error messages. */
function valuesFor(s: string): string[] {
  const q = JSON.stringify(s);
  return [
    `{{ ${q} }}`,
    `<% ${q} %>`,
    `{{ ctx(${q}) }}`,
    `<% ctx(${q}) %>`,
    `x ${s} <% ctx(k) %>`,
    `{{ ctx('k') }} ${s}`,
    `{% if true %}${s.replace(/[{}%]/g, "")}{% endif %}`,
    `<% ${s} %>`,
    `{{ ${s} }}`,
  ];
}

describe("hostile strings in translated code", () => {
  const samples = fc.sample(hostileText, { numRuns: 60, seed: 2026 });
  const values = samples.flatMap(valuesFor);
  let fns: Awaited<ReturnType<typeof loadModule>> = [];

  beforeAll(async () => {
    fns = await loadModule(buildModule(values).source);
  }, 60_000);

  it("generates code that parses and returns the strings as data, as the evaluator does", () => {
    expect(fns.length).toBe(values.length);
    const ctx = { k: "v", ...Object.fromEntries(samples.map((s) => [s, s])) };
    values.forEach((v, i) => {
      const fn = fns[i];
      expect(fn, v).toBeTruthy();
      const mine = runCase({ id: String(i), expr: v, ctx }, (_x, env) => fn!(env));
      const theirs = runCase({ id: String(i), expr: v, ctx }, renderValue);
      expect(mine, JSON.stringify(v)).toEqual(theirs);
    });
  });

  it("returns a hostile literal unchanged", () => {
    const lit = values.indexOf(`{{ ${JSON.stringify(samples.find((s) => s.includes("`")) ?? "`")} }}`);
    expect(lit).toBeGreaterThanOrEqual(0);
    const fn = fns[lit]!;
    expect(fn(caseEnv({ ctx: {} }))).toBe(renderValue(values[lit]!, caseEnv({ ctx: {} })));
  });

  it("property: a string literal in generated code behaves as in the evaluator", async () => {
    let literals = 0;
    await fc.assert(
      fc.asyncProperty(hostileText, async (t) => {
        const expr = `{{ ${JSON.stringify(t)} }}`;
        const [fn] = await loadModule(buildModule([expr]).source);
        const c = { id: t, expr, ctx: {} };
        const mine = runCase(c, (_x, env) => fn!(env));
        expect(mine).toEqual(runCase(c, renderValue));
        if (!("error_type" in mine) && mine.value === t) literals++;
      }),
      { numRuns: 60, seed: 7 },
    );
    // Most samples come back as the very string (the rest hold `}}` or a line break, which end the expression).
    expect(literals).toBeGreaterThan(20);
  }, 60_000);
});
