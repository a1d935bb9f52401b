// The golden expression cases through the translator: every case's value is
// translated, printed into one module, transpiled with esbuild and run with
// the case's environment. Each result must match the golden expectation (with
// a ratchet, known-failures.json) and equal the evaluator's result exactly,
// error messages included.

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type CaseResult, runCase } from "../../../../compiler/expr/cases";
import { renderValue } from "../../../../compiler/expr/index";
import { compareCase } from "../../../conformance/expressions-compare";
import { type GoldenCase, loadCases, type Translated, translateAll } from "./harness";

const KNOWN = join(__dirname, "known-failures.json");

describe("golden expressions through the translator", () => {
  let cases: GoldenCase[] = [];
  let evaluatorCases: GoldenCase[] = [];
  let fns: (Translated | null)[] = [];

  beforeAll(async () => {
    cases = loadCases();
    evaluatorCases = loadCases();
    fns = await translateAll(cases.map((c) => c.expr));
  }, 120_000);

  // Memoized: a case may mutate its context, so each one runs once per side.
  const memo = new Map<number, CaseResult>();
  const translatedResult = (i: number): CaseResult => {
    const hit = memo.get(i);
    if (hit) return hit;
    const r = runTranslated(i);
    memo.set(i, r);
    return r;
  };
  const runTranslated = (i: number): CaseResult => {
    const fn = fns[i];
    const c = cases[i]!;
    if (!fn) return { id: c.id, error_type: "internal", message: "not translated" };
    return runCase(c, (_value, env) => fn(env));
  };

  it("translates every case", () => {
    const missing = cases.filter((_, i) => fns[i] === null).map((c) => c.id);
    expect(missing).toEqual([]);
  });

  it("matches the golden results (ratchet: known-failures.json)", () => {
    const failing: Record<string, string> = {};
    cases.forEach((c, i) => {
      const diff = compareCase(c.expected as Parameters<typeof compareCase>[0], translatedResult(i));
      if (diff) failing[c.id] = diff;
    });
    const pass = cases.length - Object.keys(failing).length;
    console.log(`translated golden expressions: ${pass}/${cases.length} cases match`);
    if (process.env.ORQC_UPDATE_KNOWN_FAILURES === "1")
      writeFileSync(KNOWN, `${JSON.stringify(failing, null, 1)}\n`);
    const known = existsSync(KNOWN)
      ? (JSON.parse(readFileSync(KNOWN, "utf8")) as Record<string, string>)
      : {};
    const unexpected = Object.keys(failing)
      .filter((id) => !Object.hasOwn(known, id))
      .map((id) => `${id}: ${failing[id]}`);
    const fixed = Object.keys(known).filter((id) => !Object.hasOwn(failing, id));
    expect(unexpected, "failing cases not listed in known-failures.json").toEqual([]);
    expect(fixed, "listed cases that now pass: remove them from known-failures.json").toEqual([]);
  });

  it("gives exactly the evaluator's result on every case (messages included)", () => {
    const differ: string[] = [];
    let evaluatorPass = 0;
    cases.forEach((c, i) => {
      const mine = translatedResult(i);
      const theirs = runCase(evaluatorCases[i]!, renderValue);
      if (!compareCase(c.expected as Parameters<typeof compareCase>[0], theirs)) evaluatorPass++;
      if (JSON.stringify(mine) !== JSON.stringify(theirs))
        differ.push(`${c.id}: translated ${JSON.stringify(mine)} evaluator ${JSON.stringify(theirs)}`);
    });
    console.log(`evaluator on the same cases: ${evaluatorPass}/${cases.length} match`);
    expect(differ.slice(0, 20)).toEqual([]);
  });
});
