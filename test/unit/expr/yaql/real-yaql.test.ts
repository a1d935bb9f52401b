// Real-yaql results (real-yaql-cases.ts) through the evaluator and the translator.

import { beforeAll, describe, expect, it } from "vitest";
import { runCase } from "../../../../compiler/expr/cases";
import { renderValue } from "../../../../compiler/expr/index";
import type { Translated } from "../translate/harness";
import { translateAll } from "../translate/harness";
import { REAL_YAQL_CASES, REAL_YAQL_CTX } from "./real-yaql-cases";

const strip = (r: object) => {
  const { id: _id, message: _message, float_paths: _floats, ...rest } = r as Record<string, unknown>;
  return rest;
};

describe("real yaql results", () => {
  let translated: (Translated | null)[] = [];
  beforeAll(async () => {
    translated = await translateAll(REAL_YAQL_CASES.map((c) => c.expr));
  });

  REAL_YAQL_CASES.forEach((c, i) => {
    it(`${c.expr} (evaluator)`, () => {
      const got = runCase({ id: "x", expr: c.expr, ctx: structuredClone(REAL_YAQL_CTX) }, renderValue);
      expect(strip(got)).toEqual(c.want);
    });
    it(`${c.expr} (translated)`, () => {
      const fn = translated[i];
      const render = fn ? () => fn({ ctx: structuredClone(REAL_YAQL_CTX) }) : renderValue;
      const got = runCase({ id: "x", expr: c.expr, ctx: structuredClone(REAL_YAQL_CTX) }, render);
      expect(strip(got)).toEqual(c.want);
    });
  });
});
