// The corpus workflows' expressions: how many parse, and every string holding
// expressions translates into code that transpiles and loads.

import { describe, expect, it } from "vitest";
import { corpusExpressions } from "./corpus-expressions";
import { buildModule, loadModule } from "./harness";

describe("corpus expressions", () => {
  it("parses the corpus expressions and translates every string holding them", async () => {
    const stats = corpusExpressions();
    console.log(
      `corpus: ${stats.workflows} workflows, ${stats.strings.length} strings with expressions, ` +
        `${stats.parsed}/${stats.expressions} expressions parse`,
    );
    for (const f of stats.failures.slice(0, 20)) console.log(`  does not parse: ${f.text}  (${f.path})`);
    expect(stats.expressions).toBeGreaterThan(1000);
    expect(stats.parsed / stats.expressions).toBeGreaterThan(0.99);
    const { source, translated } = buildModule(stats.strings);
    expect(translated.filter((t) => !t).length).toBe(0);
    const fns = await loadModule(source);
    expect(fns.every((f) => typeof f === "function")).toBe(true);
  }, 120_000);
});
