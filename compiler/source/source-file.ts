// A loaded text file with lazily computed line starts: offsets are the currency
// everywhere; line/column are computed only when a message is printed.

export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

export interface LineCol {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column, in UTF-16 code units. */
  readonly col: number;
}

const lineStartCache = new WeakMap<SourceFile, number[]>();

function lineStarts(file: SourceFile): number[] {
  let starts = lineStartCache.get(file);
  if (starts) return starts;
  starts = [0];
  const { text } = file;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10) starts.push(i + 1);
    else if (ch === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  lineStartCache.set(file, starts);
  return starts;
}

export function lineColOf(file: SourceFile, offset: number): LineCol {
  const starts = lineStarts(file);
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  // A byte order mark is no column: editors count the first line from the character after it.
  const bom = lo === 0 && offset > 0 && file.text.charCodeAt(0) === 0xfeff ? 1 : 0;
  return { line: lo + 1, col: offset - starts[lo]! + 1 - bom };
}

export function lineText(file: SourceFile, line: number): string {
  const starts = lineStarts(file);
  const start = starts[line - 1];
  if (start === undefined) return "";
  const end = starts[line] ?? file.text.length;
  return file.text.slice(start, end).replace(/\r?\n$|\r$/, "");
}

export function lineCount(file: SourceFile): number {
  return lineStarts(file).length;
}
