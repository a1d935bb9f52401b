// casefold against Python's own str.casefold() (recorded by
// scripts/py-fixtures/casefold_cases.py): every character Python folds, and
// the cased characters it leaves alone. Characters newer than the recording
// Python's Unicode version are not in the file: orqc folds them as the
// JavaScript engine's newer tables say.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { casefold } from "../../../runtime/stdlib/py/unicode";

const fixture = JSON.parse(readFileSync(new URL("./casefold-python.json", import.meta.url), "utf8")) as {
  cases: [number, string][];
};

describe("casefold", () => {
  it("folds every recorded character as Python's str.casefold()", () => {
    const wrong = fixture.cases
      .map(([cp, want]) => ({ cp: cp.toString(16), want, got: casefold(String.fromCodePoint(cp)) }))
      .filter((c) => c.got !== c.want);
    expect(fixture.cases.length).toBeGreaterThan(1500);
    expect(wrong).toEqual([]);
  });

  it("folds a whole string character by character", () => {
    expect(casefold("Straße İı ᏸꭰ ΣΑΣ")).toBe("strasse i̇ı ᏰᎠ σασ");
  });
});
