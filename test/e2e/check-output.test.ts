// Diagnostic printing: code frames, colour only on a TTY and never with NO_COLOR.

import { describe, expect, it } from "vitest";
import { COLORS, NO_COLORS, useColor } from "../../cli/output/color";
import { formatDiagnostic, toJson } from "../../cli/output/diagnostics";
import { diagnostic } from "../../compiler/source/make-diagnostic";

const file = { path: "/w/wf.yaml", text: "version: 1.0\ntasks:\n  t1:\n    next:\n      - do: notify\n" };
const start = file.text.indexOf("notify");
const d = diagnostic(
  "ORQ2003",
  { name: "notify", suggestion: "" },
  { file, range: { start, end: start + 6 } },
);

describe("diagnostic output", () => {
  it("prints path:line:col - severity code: message", () => {
    expect(formatDiagnostic(d, { palette: NO_COLORS, frames: false, cwd: "/w" })).toBe(
      'wf.yaml:5:13 - error ORQ2003: task "notify" is not defined',
    );
  });

  it("adds a code frame underlining the range", () => {
    const text = formatDiagnostic(d, { palette: NO_COLORS, frames: true, cwd: "/w" });
    expect(text).toContain("5 |       - do: notify\n  |             ~~~~~~");
    expect(text).toContain("4 |     next:");
  });

  it("colours only when asked", () => {
    expect(formatDiagnostic(d, { palette: COLORS, frames: false, cwd: "/w" })).toContain("\u001b[31merror");
    expect(useColor({ isTTY: true }, {})).toBe(true);
    expect(useColor({ isTTY: true }, { NO_COLOR: "1" })).toBe(false);
    expect(useColor({ isTTY: false }, {})).toBe(false);
  });

  it("gives JSON positions as 1-based lines and columns plus offsets", () => {
    expect(toJson(d, "/w")).toMatchObject({
      file: "wf.yaml",
      line: 5,
      column: 13,
      endLine: 5,
      endColumn: 19,
      start,
      end: start + 6,
    });
  });
});
