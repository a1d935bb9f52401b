import { describe, expect, it } from "vitest";
import { hasErrors } from "../../../compiler/source/diagnostic";
import { diagnostic, sortDiagnostics } from "../../../compiler/source/make-diagnostic";
import { ALL_CODES, MESSAGES } from "../../../compiler/source/messages";
import { lineColOf, lineText } from "../../../compiler/source/source-file";
import { suggest } from "../../../compiler/source/suggest";

describe("message catalog", () => {
  it("groups codes by stage: 1xxx YAML/schema, 2xxx graph, 3xxx expressions, 4xxx compiling", () => {
    for (const code of ALL_CODES) expect(code).toMatch(/^ORQ[1234]\d{3}$/);
    expect(ALL_CODES.filter((c) => c.startsWith("ORQ1")).length).toBeGreaterThan(5);
  });

  it("gives every code a title", () => {
    for (const code of ALL_CODES) expect(MESSAGES[code].title.length).toBeGreaterThan(3);
  });
});

describe("diagnostic factory", () => {
  const file = { path: "wf.yaml", text: "a: 1\nb: 2\n" };

  it("builds the message from the catalog with the catalog's severity", () => {
    const d = diagnostic(
      "ORQ2003",
      { name: "notify", suggestion: "notfy" },
      { file, range: { start: 5, end: 6 } },
    );
    expect(d).toMatchObject({
      code: "ORQ2003",
      severity: "error",
      message: 'task "notify" is not defined (did you mean "notfy"?)',
    });
    expect(diagnostic("ORQ2003", { name: "x", suggestion: "" }).message).toBe('task "x" is not defined');
    expect(diagnostic("ORQ2006", { name: "x" }).severity).toBe("warning");
  });

  it("sorts by file, then position", () => {
    const a = diagnostic("ORQ2006", { name: "a" }, { file, range: { start: 5, end: 6 } });
    const b = diagnostic("ORQ2006", { name: "b" }, { file, range: { start: 0, end: 1 } });
    expect(sortDiagnostics([a, b])).toEqual([b, a]);
    expect(hasErrors([a, b])).toBe(false);
  });
});

describe("source files", () => {
  it("computes 1-based lines and columns, CRLF included", () => {
    const file = { path: "x", text: "ab\r\ncd\ne" };
    expect(lineColOf(file, 0)).toEqual({ line: 1, col: 1 });
    expect(lineColOf(file, 5)).toEqual({ line: 2, col: 2 });
    expect(lineColOf(file, 7)).toEqual({ line: 3, col: 1 });
    expect(lineText(file, 1)).toBe("ab");
  });

  it("does not count a byte order mark as a column", () => {
    const file = { path: "x", text: "\ufeffab: [\ncd" };
    expect(lineColOf(file, 1)).toEqual({ line: 1, col: 1 });
    expect(lineColOf(file, 4)).toEqual({ line: 1, col: 4 });
    expect(lineColOf(file, 7)).toEqual({ line: 2, col: 1 });
  });
});

describe("suggest", () => {
  it("proposes the closest candidate only when it is close", () => {
    expect(suggest("nxt", ["next", "when", "publish"])).toBe("next");
    expect(suggest("publsh", ["next", "when", "publish"])).toBe("publish");
    expect(suggest("zzzzzz", ["next", "when"])).toBe("");
  });
});
