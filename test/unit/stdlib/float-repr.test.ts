// floatRepr against Python's own repr() of the same doubles (recorded by
// scripts/py-fixtures/float_repr_cases.py): both notations, the thresholds
// between them and their neighbours, random bit patterns.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { floatRepr } from "../../../runtime/stdlib/py/float-repr";

const fixture = JSON.parse(readFileSync(new URL("./float-repr-python.json", import.meta.url), "utf8")) as {
  cases: [string, string][];
};

function fromBits(hex: string): number {
  return Buffer.from(hex, "hex").readDoubleBE(0);
}

describe("floatRepr", () => {
  it("writes every recorded double exactly as Python's repr()", () => {
    const wrong = fixture.cases
      .map(([bits, repr]) => ({ bits, repr, got: floatRepr(fromBits(bits)) }))
      .filter((c) => c.got !== c.repr);
    expect(fixture.cases.length).toBeGreaterThan(3000);
    expect(wrong).toEqual([]);
  });
});
