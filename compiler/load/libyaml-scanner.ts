// libyaml's scanner, as far as orqc needs it where the yaml package reads
// YAML differently. StackStorm and Orquesta read YAML with PyYAML's C loader
// (libyaml 0.2.5), which follows the tokens (flow level, indentation, simple
// keys, scalars) this walks over:
// - tabs: libyaml allows one as white space only in some places: not at the
//   start of a line or after `-`, `?` or a complex `:` in block context, not
//   in the indentation of a block scalar, not in the blank lines a multi-line
//   plain scalar spans below its indentation; the yaml package takes all of
//   these. libyamlTabError runs only on text holding a tab;
// - the lines of a flow collection or a quoted scalar over several lines,
//   which libyaml reads at any indentation and the yaml package wants
//   indented past the block around them (looseLines, for parse-yaml's
//   re-indentation).
// Any other problem the walk meets ends it without a verdict (the parser
// reports those), as libyaml stops at its first error.

export interface TabError {
  /** libyaml's context and problem, as PyYAML's ScannerError words them. */
  readonly context: string;
  readonly problem: string;
  /** Offset of the tab in the text. */
  readonly offset: number;
  /** Where the token being scanned began (PyYAML prints it when it is not the tab's place). */
  readonly contextOffset: number;
}

/** The first tab libyaml's scanner refuses in text, or undefined. */
export function libyamlTabError(text: string): TabError | undefined {
  if (!text.includes("\t")) return undefined;
  const end = new LibyamlScanner(text).run();
  return end.kind === "tab" ? end.error : undefined;
}

/** A line that starts inside a flow collection or a quoted scalar, where libyaml takes any indentation. */
export interface LooseLine {
  /** Offset of the line's first character. */
  readonly offset: number;
  /** libyaml's block indentation around the collection or scalar (-1 at the top). */
  readonly blockIndent: number;
}

/** The lines libyaml reads at any indentation; undefined when its scanner stops on an error first. */
export function looseLines(text: string): readonly LooseLine[] | undefined {
  const scan = new LibyamlScanner(text);
  return scan.run().kind === "read" ? scan.looseLines : undefined;
}

/** How a scan ended: the text read to its end, a tab refused, or another error (no verdict). */
type ScanEnd =
  | { readonly kind: "read" }
  | { readonly kind: "tab"; readonly error: TabError }
  | { readonly kind: "other" };

interface SimpleKey {
  possible: boolean;
  required: boolean;
  line: number;
  /** libyaml counts characters; code units here, which only matter past 1024. */
  index: number;
  col: number;
}

/** Stops the scan: a tab error, or null for any other error (no verdict). */
class Stop {
  constructor(readonly error: TabError | null) {}
}

const BREAKS = new Set(["\n", "\r", "\u0085", "\u2028", "\u2029"]);
const FLOW_INDICATORS = new Set([",", "[", "]", "{", "}"]);
/** Characters that cannot start a plain scalar (libyaml's fetch_next_token). */
const NOT_PLAIN_START = new Set([
  "-",
  "?",
  ":",
  ",",
  "[",
  "]",
  "{",
  "}",
  "#",
  "&",
  "*",
  "!",
  "|",
  ">",
  "'",
  '"',
  "%",
  "@",
  "`",
]);

class LibyamlScanner {
  private i = 0;
  private line = 0;
  private col = 0;
  private flow = 0;
  private allowed = true;
  private indent = -1;
  private readonly indents: number[] = [];
  private readonly keys: SimpleKey[] = [emptyKey()];
  /** The block indentation where the outermost open flow collection began. */
  private flowIndent = -1;
  /** Inside a quoted scalar. */
  private quoted = false;
  /** Where the block or plain scalar being scanned began. */
  private scalarStart = 0;
  readonly looseLines: LooseLine[] = [];

  constructor(private readonly text: string) {}

  run(): ScanEnd {
    try {
      for (;;) {
        this.scanToNextToken();
        this.staleKeys();
        this.unroll(this.col);
        if (this.i >= this.text.length) return { kind: "read" };
        this.fetchToken();
      }
    } catch (e) {
      if (e instanceof Stop) return e.error ? { kind: "tab", error: e.error } : { kind: "other" };
      throw e;
    }
  }

  private at(k = 0): string {
    return this.text[this.i + k] ?? "";
  }

  private isBreak(k = 0): boolean {
    return BREAKS.has(this.at(k));
  }

  private isBlank(k = 0): boolean {
    const c = this.at(k);
    return c === " " || c === "\t";
  }

  /** Blank, break or end of text. */
  private isBlankz(k = 0): boolean {
    return this.i + k >= this.text.length || this.isBlank(k) || this.isBreak(k);
  }

  private skip(): void {
    const code = this.text.charCodeAt(this.i);
    this.i += code >= 0xd800 && code <= 0xdbff && this.i + 1 < this.text.length ? 2 : 1;
    this.col++;
  }

  private skipLine(): void {
    this.i += this.at() === "\r" && this.at(1) === "\n" ? 2 : 1;
    this.line++;
    this.col = 0;
    if ((this.flow > 0 || this.quoted) && this.i < this.text.length)
      this.looseLines.push({ offset: this.i, blockIndent: this.flow > 0 ? this.flowIndent : this.indent });
  }

  private skipToBreak(): void {
    while (this.i < this.text.length && !this.isBreak()) this.skip();
  }

  private isDocumentMarker(): boolean {
    if (this.col !== 0) return false;
    const three = this.text.slice(this.i, this.i + 3);
    return (three === "---" || three === "...") && this.isBlankz(3);
  }

  private scanToNextToken(): void {
    for (;;) {
      if (this.col === 0 && this.at() === "\uFEFF") this.skip();
      while (this.at() === " " || ((this.flow > 0 || !this.allowed) && this.at() === "\t")) this.skip();
      if (this.at() === "#") this.skipToBreak();
      if (!this.isBreak()) break;
      this.skipLine();
      if (this.flow === 0) this.allowed = true;
    }
    if (this.at() === "\t")
      throw new Stop({
        context: "while scanning for the next token",
        problem: "found character that cannot start any token",
        offset: this.i,
        contextOffset: this.i,
      });
  }

  private fetchToken(): void {
    const c = this.at();
    if (this.col === 0 && c === "%") {
      this.unroll(-1);
      this.removeKey();
      this.allowed = false;
      this.skipToBreak();
    } else if (this.isDocumentMarker()) {
      this.unroll(-1);
      this.removeKey();
      this.allowed = false;
      this.i += 3;
      this.col += 3;
    } else if (c === "[" || c === "{") {
      this.saveKey();
      if (this.flow === 0) this.flowIndent = this.indent;
      this.flow++;
      this.keys.push(emptyKey());
      this.allowed = true;
      this.skip();
    } else if (c === "]" || c === "}") {
      this.removeKey();
      if (this.flow > 0) {
        this.flow--;
        this.keys.pop();
      }
      this.allowed = false;
      this.skip();
    } else if (c === ",") {
      this.removeKey();
      this.allowed = true;
      this.skip();
    } else if (c === "-" && this.isBlankz(1)) {
      this.blockIndicator();
      this.allowed = true;
    } else if (c === "?" && (this.flow > 0 || this.isBlankz(1))) {
      this.blockIndicator();
      this.allowed = this.flow === 0;
    } else if (c === ":" && (this.flow > 0 || this.isBlankz(1))) {
      this.fetchValue();
    } else if (c === "*" || c === "&") {
      this.saveKey();
      this.allowed = false;
      this.skip();
      while (/[0-9A-Za-z_-]/.test(this.at())) this.skip();
    } else if (c === "!") {
      this.saveKey();
      this.allowed = false;
      while (!this.isBlankz()) this.skip();
    } else if ((c === "|" || c === ">") && this.flow === 0) {
      this.removeKey();
      this.allowed = true;
      this.blockScalar();
    } else if (c === "'" || c === '"') {
      this.saveKey();
      this.allowed = false;
      this.flowScalar(c);
    } else if (this.startsPlain(c)) {
      this.saveKey();
      this.allowed = false;
      this.plainScalar();
    } else throw new Stop(null);
  }

  private startsPlain(c: string): boolean {
    return (
      !(this.isBlankz() || NOT_PLAIN_START.has(c)) ||
      (c === "-" && !this.isBlank(1)) ||
      (this.flow === 0 && (c === "?" || c === ":") && !this.isBlankz(1))
    );
  }

  /** `-` and `?`: in block context they need a place where a key may start, and open a collection. */
  private blockIndicator(): void {
    if (this.flow === 0) {
      if (!this.allowed) throw new Stop(null);
      this.roll(this.col);
    }
    this.removeKey();
    this.skip();
  }

  private fetchValue(): void {
    const key = this.keys[this.keys.length - 1]!;
    if (key.possible) {
      this.roll(key.col);
      key.possible = false;
      this.allowed = false;
    } else {
      if (this.flow === 0) {
        if (!this.allowed) throw new Stop(null);
        this.roll(this.col);
      }
      this.allowed = this.flow === 0;
    }
    this.skip();
  }

  private saveKey(): void {
    if (!this.allowed) return;
    const required = this.flow === 0 && this.indent === this.col;
    this.removeKey();
    this.keys[this.keys.length - 1] = {
      possible: true,
      required,
      line: this.line,
      index: this.i,
      col: this.col,
    };
  }

  private removeKey(): void {
    const key = this.keys[this.keys.length - 1]!;
    if (key.possible && key.required) throw new Stop(null);
    key.possible = false;
  }

  private staleKeys(): void {
    for (const key of this.keys) {
      if (key.possible && (key.line < this.line || key.index + 1024 < this.i)) {
        if (key.required) throw new Stop(null);
        key.possible = false;
      }
    }
  }

  private roll(column: number): void {
    if (this.flow > 0 || this.indent >= column) return;
    this.indents.push(this.indent);
    this.indent = column;
  }

  private unroll(column: number): void {
    if (this.flow > 0) return;
    while (this.indent > column) this.indent = this.indents.pop() ?? -1;
  }

  private blockScalar(): void {
    this.scalarStart = this.i;
    this.skip();
    let increment = 0;
    const digit = (): void => {
      if (/[0-9]/.test(this.at())) {
        if (this.at() === "0") throw new Stop(null);
        increment = Number(this.at());
        this.skip();
      }
    };
    if (this.at() === "+" || this.at() === "-") {
      this.skip();
      digit();
    } else if (/[0-9]/.test(this.at())) {
      digit();
      if (this.at() === "+" || this.at() === "-") this.skip();
    }
    while (this.isBlank()) this.skip();
    if (this.at() === "#") this.skipToBreak();
    if (!this.isBreak() && this.i < this.text.length) throw new Stop(null);
    if (this.isBreak()) this.skipLine();
    let indent = increment ? (this.indent >= 0 ? this.indent + increment : increment) : 0;
    indent = this.blockScalarBreaks(indent);
    while (this.col === indent && this.i < this.text.length) {
      this.skipToBreak();
      if (this.i >= this.text.length) break;
      this.skipLine();
      indent = this.blockScalarBreaks(indent);
    }
  }

  /** The indentation and empty lines before a block scalar's line; returns its indentation. */
  private blockScalarBreaks(indent: number): number {
    let max = 0;
    for (;;) {
      while ((!indent || this.col < indent) && this.at() === " ") this.skip();
      if (this.col > max) max = this.col;
      if ((!indent || this.col < indent) && this.at() === "\t")
        throw new Stop({
          context: "while scanning a block scalar",
          problem: "found a tab character where an indentation space is expected",
          offset: this.i,
          contextOffset: this.scalarStart,
        });
      if (!this.isBreak()) break;
      this.skipLine();
    }
    return indent || Math.max(max, this.indent + 1, 1);
  }

  private flowScalar(quote: string): void {
    this.skip();
    this.quoted = true;
    for (;;) {
      if (this.i >= this.text.length || this.isDocumentMarker()) throw new Stop(null);
      const c = this.at();
      if (this.isBreak()) this.skipLine();
      else if (quote === "'" && c === "'" && this.at(1) === "'") {
        this.skip();
        this.skip();
      } else if (c === quote) {
        this.skip();
        this.quoted = false;
        return;
      } else if (quote === '"' && c === "\\") {
        this.skip();
        if (!this.isBreak() && this.i < this.text.length) this.skip();
      } else this.skip();
    }
  }

  private plainScalar(): void {
    this.scalarStart = this.i;
    const indent = this.indent + 1;
    let leading = false;
    for (;;) {
      if (this.isDocumentMarker() || this.at() === "#") break;
      while (!this.isBlankz()) {
        const c = this.at();
        if (this.flow > 0 && c === ":" && /[,?[\]{}]/.test(this.at(1))) throw new Stop(null);
        if ((c === ":" && this.isBlankz(1)) || (this.flow > 0 && FLOW_INDICATORS.has(c))) break;
        leading = false;
        this.skip();
      }
      if (!(this.isBlank() || this.isBreak())) break;
      while (this.isBlank() || this.isBreak()) {
        if (this.isBlank()) {
          if (leading && this.col < indent && this.at() === "\t")
            throw new Stop({
              context: "while scanning a plain scalar",
              problem: "found a tab character that violates indentation",
              offset: this.i,
              contextOffset: this.scalarStart,
            });
          this.skip();
        } else {
          this.skipLine();
          leading = true;
        }
      }
      if (this.flow === 0 && this.col < indent) break;
    }
    if (leading) this.allowed = true;
  }
}

function emptyKey(): SimpleKey {
  return { possible: false, required: false, line: 0, index: 0, col: 0 };
}
