import { describe, expect, it } from "vitest";
import { exactHash, KeyIndex, ValueSet } from "../../../runtime/stdlib/py/key-index";
import { mkFloat, PyTuple, type PyValue } from "../../../runtime/stdlib/py/value";

describe("exactHash", () => {
  it("is one text for values Python finds equal: 1, 1.0, True; (1, 2) and (1.0, 2)", () => {
    expect(exactHash(1)).toBe(exactHash(mkFloat(1)));
    expect(exactHash(true)).toBe(exactHash(1));
    expect(exactHash(0)).toBe(exactHash(mkFloat(-0)));
    expect(exactHash(2n ** 40n)).toBe(exactHash(2 ** 40));
    expect(exactHash(new PyTuple([1, 2]))).toBe(exactHash(new PyTuple([mkFloat(1), 2])));
  });

  it("tells apart values Python tells apart", () => {
    const values: PyValue[] = [
      null,
      "None",
      1,
      "1",
      mkFloat(1.5),
      "1.5",
      false,
      "",
      new PyTuple([1]),
      "t(n1)",
    ];
    const texts = values.map(exactHash);
    expect(new Set(texts).size).toBe(values.length);
  });

  it("has none where a text could disagree with equality: NaN, integers past 2**53", () => {
    expect(exactHash(mkFloat(Number.NaN))).toBeUndefined();
    expect(exactHash(2n ** 60n)).toBeUndefined();
    expect(exactHash(mkFloat(2 ** 60))).toBeUndefined();
    expect(exactHash(new PyTuple([1, mkFloat(Number.NaN)]))).toBeUndefined();
  });
});

describe("KeyIndex", () => {
  it("finds the remembered key equal to a given one, by hash or one by one", () => {
    const index = new KeyIndex();
    index.set("1", 1);
    index.set("1152921504606846976", 2n ** 60n);
    index.set("nan", mkFloat(Number.NaN));
    expect(index.find(true)).toBe("1");
    expect(index.find(mkFloat(1))).toBe("1");
    expect(index.find(mkFloat(2 ** 60))).toBe("1152921504606846976");
    expect(index.find(mkFloat(Number.NaN))).toBeUndefined();
    expect(index.find(2)).toBeUndefined();
  });

  it("forgets deleted keys, and copies stay apart from the original", () => {
    const index = new KeyIndex();
    index.set("1", 1);
    const copy = index.copy();
    index.delete("1");
    expect(index.find(1)).toBeUndefined();
    expect(index.originals.size).toBe(0);
    expect(copy.find(1)).toBe("1");
  });
});

describe("ValueSet", () => {
  it("keeps the first of equal values, hashed or not", () => {
    const seen = new ValueSet();
    const added = [
      1,
      mkFloat(1),
      true,
      "1",
      mkFloat(Number.NaN),
      mkFloat(Number.NaN),
      2n ** 60n,
      mkFloat(2 ** 60),
    ].map((v) => seen.add(v));
    expect(added).toEqual([true, false, false, true, true, true, true, false]);
  });
});
