// A few lines of source around a range, with a gutter and a ~~~ underline.

import type { Range } from "../../compiler/source/diagnostic";
import { lineColOf, lineCount, lineText, type SourceFile } from "../../compiler/source/source-file";
import type { Palette } from "./color";

const TAB = /\t/g;

export function codeFrame(file: SourceFile, range: Range, p: Palette, context = 1): string {
  const start = lineColOf(file, range.start);
  const end = lineColOf(file, Math.max(range.start, range.end - 1));
  const first = Math.max(1, start.line - context);
  let last = Math.min(lineCount(file), start.line + context);
  // The empty "line" after a final newline is not worth showing.
  if (last > start.line && last === lineCount(file) && lineText(file, last) === "") last--;
  const width = String(last).length;
  const lines: string[] = [];
  for (let n = first; n <= last; n++) {
    const text = lineText(file, n).replace(TAB, "  ");
    lines.push(`${p.gray(`${String(n).padStart(width)} |`)} ${text}`);
    if (n === start.line) {
      const lastCol = end.line === start.line ? end.col : text.length;
      const len = Math.max(1, lastCol - start.col + 1);
      lines.push(`${p.gray(`${" ".repeat(width)} |`)} ${" ".repeat(start.col - 1)}${p.red("~".repeat(len))}`);
    }
  }
  return lines.join("\n");
}
