// libyaml's reader as its scanner sees it (0.2.5): the characters of a text
// (a surrogate pair is one), its line breaks (LF, CR, CRLF, NEL, LS and
// PS), marks counted as libyaml counts them, and the error PyYAML raises for a
// text libyaml refuses. LibyamlScanner reads its tokens through it.

/** A position as libyaml counts it: line and column from 0, columns in characters. */
export interface Mark {
  /** Offset in the JavaScript string. */
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

/** What PyYAML raises for a text libyaml (or its composer) refuses: type, context, problem and their marks. */
export class LibyamlError extends Error {
  constructor(
    readonly type: "ScannerError" | "ParserError" | "ComposerError",
    readonly context: string | null,
    readonly contextMark: Mark | null,
    readonly problem: string,
    readonly problemMark: Mark,
    /** The problem is a tab where libyaml takes none. */
    readonly tab = false,
  ) {
    super(problem);
  }
}

export const CANNOT_START = "found character that cannot start any token";
/** LF, CR, NEL, LS and PS: libyaml's line breaks. */
const isBreakCode = (c: number): boolean =>
  c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029;

/** Characters of a text, read as libyaml reads them. */
export abstract class LibyamlReader {
  protected i = 0;
  /** libyaml's character index (a surrogate pair is one character). */
  protected index = 0;
  protected line = 0;
  protected col = 0;

  constructor(protected readonly text: string) {
    // libyaml's reader drops a byte order mark at the start before anything is counted.
    if (text.startsWith("\uFEFF")) this.i = 1;
  }

  protected fail(context: string | null, contextMark: Mark | null, problem: string): never {
    const tab = problem.includes("tab character") || (problem === CANNOT_START && this.at() === "\t");
    throw new LibyamlError("ScannerError", context, contextMark, problem, this.mark(), tab);
  }

  protected mark(): Mark {
    return { offset: this.i, line: this.line, column: this.col };
  }

  /** The character k places on ("" past the end). */
  protected at(k = 0): string {
    const j = this.offsetAt(k);
    const code = this.text.charCodeAt(j);
    // Only half of a surrogate pair needs a slice; the rest is one code unit ("" past the end).
    return code >= 0xd800 && code <= 0xdbff ? this.text.slice(j, j + 2) : (this.text[j] ?? "");
  }

  /** The offset of the character k places on: k counts characters, so a surrogate pair is one. */
  protected offsetAt(k: number): number {
    if (k === 0) return this.i;
    let j = this.i;
    for (let n = 0; n < k; n++) j += this.width(j);
    return j;
  }

  protected width(j: number): number {
    const code = this.text.charCodeAt(j);
    return code >= 0xd800 && code <= 0xdbff && j + 1 < this.text.length ? 2 : 1;
  }

  protected atEnd(k = 0): boolean {
    return this.at(k) === "";
  }

  /** The first code unit of the character k places on (NaN past the end). */
  protected code(k: number): number {
    return this.text.charCodeAt(this.offsetAt(k));
  }

  protected isBreak(k = 0): boolean {
    return isBreakCode(this.code(k));
  }

  protected isBlank(k = 0): boolean {
    const c = this.code(k);
    return c === 0x20 || c === 0x09;
  }

  /** Blank, break or end of text. */
  protected isBlankz(k = 0): boolean {
    const c = this.code(k);
    return Number.isNaN(c) || c === 0x20 || c === 0x09 || isBreakCode(c);
  }

  protected isBreakz(k = 0): boolean {
    const c = this.code(k);
    return Number.isNaN(c) || isBreakCode(c);
  }

  protected skip(): void {
    this.i += this.width(this.i);
    this.index++;
    this.col++;
  }

  protected skipLine(): void {
    const crlf = this.at() === "\r" && this.at(1) === "\n";
    this.i += crlf ? 2 : 1;
    this.index += crlf ? 2 : 1;
    this.line++;
    this.col = 0;
    this.lineStarted();
  }

  /** Called after each line break the reader passes. */
  protected lineStarted(): void {}

  /** libyaml's READ_LINE: consumes a line break and gives it as libyaml keeps it (LS and PS as they are, any other as "\n"). */
  protected readLine(): string {
    const c = this.code(0);
    const kept = c === 0x2028 || c === 0x2029 ? this.text[this.i]! : "\n";
    this.skipLine();
    return kept;
  }

  protected skipToBreak(): void {
    while (!this.isBreakz()) this.skip();
  }

  protected isDocumentIndicator(): boolean {
    if (this.col !== 0) return false;
    const three = this.text.slice(this.i, this.i + 3);
    return (three === "---" || three === "...") && this.isBlankz(3);
  }

  protected skipBlanks(): void {
    while (this.isBlank()) this.skip();
  }
}
