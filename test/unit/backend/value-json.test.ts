import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseValue, stringifyValue } from "../../../runtime/backend/value-json";
import { dictKeys, newDict } from "../../../runtime/stdlib/py/dict";
import { PyFloat, type PyValue } from "../../../runtime/stdlib/py/value";

// Doubles of 1e21 and more: JSON.stringify writes `1e+21`, stringifyValue the int's digits.
const json = fc.jsonValue().filter((v) => !/\de\+/.test(JSON.stringify(v)));

/**
 * JSON.parse with Python's reading of ints: exact, so beyond 2^53 the bigint of
 * the digits written (JSON.stringify writes a double's shortest digits, String's).
 */
const pythonParse = (text: string): unknown =>
  JSON.parse(text, (_key, value) =>
    typeof value === "number" && Number.isInteger(value) && !Number.isSafeInteger(value)
      ? BigInt(String(value))
      : value,
  );

describe("value JSON", () => {
  it("writes plain JSON data exactly as JSON.stringify does, compact and indented", () => {
    fc.assert(
      fc.property(json, (v) => {
        expect(stringifyValue(v)).toBe(JSON.stringify(v));
        expect(stringifyValue(v, 2)).toBe(JSON.stringify(v, null, 2));
        expect(parseValue(stringifyValue(v))).toEqual(pythonParse(JSON.stringify(v)));
      }),
      { numRuns: 500 },
    );
  });

  it("keeps integral floats and integer-like key order through a round trip", () => {
    const value = newDict([
      ["b", new PyFloat(1)],
      ["10", [new PyFloat(-2), 3, 0.5, new PyFloat(1e16)]],
      [
        "2",
        newDict([
          ["z", 1],
          ["1", new PyFloat(0)],
        ]),
      ],
      ["__proto__", "data"],
    ]);
    const text = stringifyValue(value);
    expect(text).toBe('{"b":1.0,"10":[-2.0,3,0.5,1e+16],"2":{"z":1,"1":0.0},"__proto__":"data"}');
    const back = parseValue<Record<string, PyValue>>(text);
    expect(dictKeys(back)).toEqual(["b", "10", "2", "__proto__"]);
    expect(back.b).toEqual(new PyFloat(1));
    expect(back["10"]).toEqual([new PyFloat(-2), 3, 0.5, new PyFloat(1e16)]);
    expect(dictKeys(back["2"] as Record<string, PyValue>)).toEqual(["z", "1"]);
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
  });

  it("writes a double of 1e21 or more from JSON as the int it was", () => {
    expect(stringifyValue([1e21, -2e22])).toBe("[1000000000000000000000,-20000000000000000000000]");
    expect(parseValue(stringifyValue([1e21]))).toEqual([10n ** 21n]);
  });

  it("reads text that only looks like it holds floats, and ints beyond 2^53 as exact bigints", () => {
    expect(parseValue('{"v":"version 1.0","n":[1,2]}')).toEqual({ v: "version 1.0", n: [1, 2] });
    expect(parseValue('{"big":123456789012345678901,"f":1.0}')).toEqual({
      big: 123456789012345678901n,
      f: new PyFloat(1),
    });
    expect(parseValue('{"id": 1152921504606846977}')).toEqual({ id: 1152921504606846977n });
    expect(parseValue("[-9007199254740993, 9007199254740991]")).toEqual([
      -9007199254740993n,
      9007199254740991,
    ]);
    expect(stringifyValue({ id: 1152921504606846977n })).toBe('{"id":1152921504606846977}');
  });

  it("shows a float box as its number to plain JSON and as Python's str() to text", () => {
    expect(JSON.stringify({ x: new PyFloat(2) })).toBe('{"x":2}');
    expect(`${new PyFloat(2)}`).toBe("2.0");
    expect(Number(new PyFloat(2))).toBe(2);
  });
});

describe("value JSON reading", () => {
  it("takes Python's reading only where a float or an integer-like key may be", () => {
    // Same values either way; these check that the fast reading is right where it is taken.
    const plain = '{"url":"http://127.0.0.1:9101/v1","id":"0mwz7yimj000ba322e3192","n":[1,2.5]}';
    expect(parseValue(plain)).toEqual(JSON.parse(plain));
    expect(parseValue("[1.0, 2]")).toEqual([new PyFloat(1), 2]);
    expect(parseValue(" 2.0\n")).toEqual(new PyFloat(2));
    expect(parseValue('{"a": 1e+16}')).toEqual({ a: new PyFloat(1e16) });
    expect(parseValue('{"a":[3.00]}')).toEqual({ a: [new PyFloat(3)] });
    expect(dictKeys(parseValue<Record<string, PyValue>>('{"b":1, "3":2}'))).toEqual(["b", "3"]);
  });
});

describe("value JSON reading with Python's rules", () => {
  it("reads what JSON.parse reads, floats boxed where integral and key order kept", () => {
    fc.assert(
      fc.property(json, (v) => {
        // A leading "[1.0," forces the Python reading for the whole text.
        const text = `[1.0,${JSON.stringify(v)}]`;
        const back = parseValue<unknown[]>(text);
        expect(back[0]).toEqual(new PyFloat(1));
        expect(back[1]).toEqual(pythonParse(JSON.stringify(v)));
      }),
      { numRuns: 500 },
    );
    expect(parseValue('[1.0, "a\\"b\\\\c\\u00e9", {"2":1,"1":2}, -0.5, 2E3, 1e-7, true, null]')).toEqual([
      new PyFloat(1),
      'a"b\\cé',
      { "2": 1, "1": 2 },
      -0.5,
      new PyFloat(2000),
      1e-7,
      true,
      null,
    ]);
    expect(dictKeys(parseValue<PyValue[]>('[1.0, {"2":1,"1":2}]')[1] as Record<string, PyValue>)).toEqual([
      "2",
      "1",
    ]);
  });

  it("refuses malformed text as JSON.parse does", () => {
    for (const bad of ["[1.0,", "[1.0 2]", '{"1":1.0', "[1.0]x", "{1:1.0}", "[01.0]"])
      expect(() => parseValue(bad)).toThrow(SyntaxError);
  });
});
