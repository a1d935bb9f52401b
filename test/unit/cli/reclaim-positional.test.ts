import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { isFolder, isKeyValue, reclaimPositional } from "../../../cli/commands/reclaim-positional";

describe("reclaimPositional", () => {
  it("takes the last word of --packs that is no folder", () => {
    const packs = [tmpdir(), "demo.main"];
    expect(reclaimPositional([{ values: packs, belongs: isFolder }])).toBe("demo.main");
    expect(packs).toEqual([tmpdir()]);
  });

  it("takes the last word of -p that has no '='", () => {
    const packs = [tmpdir()];
    const params = ["a=1", "wf.yaml"];
    const options = [
      { values: packs, belongs: isFolder },
      { values: params, belongs: isKeyValue },
    ];
    expect(reclaimPositional(options)).toBe("wf.yaml");
    expect(params).toEqual(["a=1"]);
    expect(packs).toEqual([tmpdir()]);
  });

  it("takes nothing when every word belongs, or when two options end with a stray word", () => {
    expect(reclaimPositional([{ values: [tmpdir()], belongs: isFolder }])).toBeUndefined();
    expect(reclaimPositional([{ values: undefined, belongs: isFolder }])).toBeUndefined();
    const both = [
      { values: [tmpdir(), "x.y"], belongs: isFolder },
      { values: ["a=1", "z"], belongs: isKeyValue },
    ];
    expect(reclaimPositional(both)).toBeUndefined();
    expect(both[0]!.values).toEqual([tmpdir(), "x.y"]);
  });
});
