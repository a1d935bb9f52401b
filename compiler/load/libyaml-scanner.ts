// libyaml's scanner (0.2.5, what PyYAML's C loader runs, so what StackStorm
// and Orquesta read YAML with): the tokens of a text, produced on demand as
// libyaml's parser asks for them, with libyaml's errors at libyaml's marks.
// orqc parses YAML with the yaml package; this scanner decides what that
// package reads differently:
// - the errors libyaml stops at, in its words and at its positions
//   (libyaml-parser.ts drives this scanner as PyYAML does);
// - tabs, which libyaml allows as white space only in some places (not at the
//   start of a token in block context, not in the indentation of a block
//   scalar, not in the blank lines a plain scalar spans below its
//   indentation), where the yaml package takes all of them;
// - the lines of a flow collection or a quoted scalar over several lines,
//   which libyaml reads at any indentation and the yaml package wants
//   indented past the block around them (looseLines, for parse-yaml's
//   re-indentation).

import { ESCAPED, FoldedText } from "./libyaml-folding";
import { CANNOT_START, LibyamlError, LibyamlReader, type Mark } from "./libyaml-reader";

export type TokenType =
  | "stream-start"
  | "stream-end"
  | "version-directive"
  | "tag-directive"
  | "document-start"
  | "document-end"
  | "block-sequence-start"
  | "block-mapping-start"
  | "block-end"
  | "flow-sequence-start"
  | "flow-sequence-end"
  | "flow-mapping-start"
  | "flow-mapping-end"
  | "block-entry"
  | "flow-entry"
  | "key"
  | "value"
  | "alias"
  | "anchor"
  | "tag"
  | "scalar";

export interface Token {
  readonly type: TokenType;
  readonly start: Mark;
  /** Anchor and alias names; a tag's or a tag directive's handle (what the parser checks). */
  readonly value?: string;
  /** A version directive's numbers. */
  readonly major?: number;
  readonly minor?: number;
}

/** A line that starts inside a flow collection or a quoted scalar, where libyaml takes any indentation. */
export interface LooseLine {
  /** Offset of the line's first character. */
  readonly offset: number;
  /** libyaml's block indentation around the collection or scalar (-1 at the top). */
  readonly blockIndent: number;
}

/** The lines libyaml reads at any indentation; undefined when its scanner stops on an error. */
export function looseLines(text: string): readonly LooseLine[] | undefined {
  const scan = new LibyamlScanner(text);
  try {
    while (scan.peek().type !== "stream-end") scan.skipToken();
  } catch (e) {
    if (e instanceof LibyamlError) return undefined;
    throw e;
  }
  return scan.looseLines;
}

/** Text to put in at an offset of the file. */
export type TextInsert = readonly [offset: number, text: string];

interface SimpleKey {
  possible: boolean;
  required: boolean;
  tokenNumber: number;
  mark: Mark;
  /** libyaml's character index, for its 1024-character limit. */
  index: number;
}

const FLOW_INDICATORS = new Set([",", "[", "]", "{", "}"]);
/** Characters that cannot start a plain scalar (libyaml's fetch_next_token). */
const NOT_PLAIN_START = new Set("-?:,[]{}#&*!|>'\"%@`");
/** What may follow an anchor or alias name. */
const AFTER_ANCHOR = new Set("?:,]}%@`");
/** URI characters of a tag, besides libyaml's alphanumerics. */
const URI_CHARS = new Set(";/?:@&=+$.%!~*'()");
const VALID_ESCAPES = new Set('0abt\tnvfre "/\\N_LP');
const ESCAPE_LENGTHS: Record<string, number> = { x: 2, u: 4, U: 8 };
const isAlpha = (c: string): boolean => /^[0-9A-Za-z_-]$/.test(c);
const isHex = (c: string): boolean => /^[0-9A-Fa-f]$/.test(c);
const isDigit = (c: string): boolean => c >= "0" && c <= "9";

/**
 * libyaml's scanner. The parser calls peek() and skipToken(); tokens are
 * fetched as libyaml fetches them (while a simple key may still start at the
 * head of the queue), so errors come in libyaml's order.
 */
export class LibyamlScanner extends LibyamlReader {
  private flow = 0;
  private allowed = false;
  private indent = -1;
  private readonly indents: number[] = [];
  private readonly keys: SimpleKey[] = [];
  /**
   * The keys saved that may still be possible, oldest first; one no longer
   * possible is dropped when next met. libyaml walks its whole stack of keys
   * instead, which is quadratic in the nesting of flow collections.
   */
  private readonly possibleKeys: SimpleKey[] = [];
  private readonly queue: Token[] = [];
  private head = 0;
  private tokensParsed = 0;
  private tokenAvailable = false;
  private streamStarted = false;
  /** The block indentation where the outermost open flow collection began. */
  private flowIndent = -1;
  /** Inside a quoted scalar. */
  private quoted = false;
  readonly looseLines: LooseLine[] = [];
  /**
   * Text the yaml package needs put in, in order, to read the tokens libyaml
   * reads. A space after an anchor or alias name followed at once by `:` or
   * `?` (YAML 1.2 anchor names go on through them), after a `?` or `:` that
   * is a key or value indicator in a flow collection without a blank after it
   * (YAML 1.2 reads `:x` there as a plain scalar), and before a block
   * scalar's `|` or `>` written at the indentation of its mapping. Quotes
   * around a plain `-` followed at once by a flow indicator (`[a, -]`), which
   * libyaml reads as a scalar and YAML 1.2 as a block sequence entry; a plain
   * "-" and a quoted one are the same str. A space before a comment right
   * after a token (skipComment). Content for an anchored empty key
   * (fillEmptyKey).
   */
  readonly inserts: TextInsert[] = [];

  /**
   * The value libyaml gives a scalar, by the offset where the scalar starts:
   * every scalar's when the scanner was asked for them (`values`), and that
   * of a block scalar whose last line ends the text with no line break
   * (libyaml gives it none, the yaml package adds one).
   */
  readonly scalarValues = new Map<number, string>();

  constructor(
    text: string,
    /** Compute scalarValues. */
    private readonly values = false,
  ) {
    super(text);
  }

  protected override lineStarted(): void {
    if ((this.flow > 0 || this.quoted) && this.i < this.text.length)
      this.looseLines.push({ offset: this.i, blockIndent: this.flow > 0 ? this.flowIndent : this.indent });
  }

  /** The next token (libyaml's PEEK_TOKEN). */
  peek(): Token {
    if (!this.tokenAvailable) this.fetchMoreTokens();
    return this.queue[this.head]!;
  }

  /** Consumes the token peek() gave (libyaml's SKIP_TOKEN). */
  skipToken(): void {
    this.tokenAvailable = false;
    this.tokensParsed++;
    this.head++;
    if (this.head > 64 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
  }

  // ------------------------------------------------------------ the queue

  private fetchMoreTokens(): void {
    for (;;) {
      let need = this.head === this.queue.length;
      if (!need) {
        this.staleKeys();
        need = this.possibleKeys.some((k) => k.possible && k.tokenNumber === this.tokensParsed);
      }
      if (!need) break;
      this.fetchNextToken();
    }
    this.tokenAvailable = true;
  }

  private enqueue(type: TokenType, start: Mark, extra?: Partial<Token>): void {
    this.queue.push({ type, start, ...extra });
  }

  /** Puts a token where token number `number` is (a key found after its scalar). */
  private insert(number: number, type: TokenType, start: Mark): void {
    this.queue.splice(this.head + number - this.tokensParsed, 0, { type, start });
  }

  // ------------------------------------------------------------ tokens

  private fetchNextToken(): void {
    if (!this.streamStarted) {
      this.streamStarted = true;
      this.indent = -1;
      this.keys.push(emptyKey());
      this.allowed = true;
      this.enqueue("stream-start", this.mark());
      return;
    }
    this.scanToNextToken();
    this.staleKeys();
    this.unroll(this.col);
    const c = this.at();
    if (c === "") this.fetchStreamEnd();
    else if (this.col === 0 && c === "%") this.fetchDirective();
    else if (this.isDocumentIndicator())
      this.fetchDocumentIndicator(c === "-" ? "document-start" : "document-end");
    else if (c === "[") this.fetchFlowStart("flow-sequence-start");
    else if (c === "{") this.fetchFlowStart("flow-mapping-start");
    else if (c === "]") this.fetchFlowEnd("flow-sequence-end");
    else if (c === "}") this.fetchFlowEnd("flow-mapping-end");
    else if (c === ",") this.fetchFlowEntry();
    else if (c === "-" && this.isBlankz(1)) this.fetchBlockEntry();
    else if (c === "?" && (this.flow > 0 || this.isBlankz(1))) this.fetchKey();
    else if (c === ":" && (this.flow > 0 || this.isBlankz(1))) this.fetchValue();
    else if (c === "*") this.fetchAnchor("alias");
    else if (c === "&") this.fetchAnchor("anchor");
    else if (c === "!") this.fetchTag();
    else if ((c === "|" || c === ">") && this.flow === 0) this.fetchBlockScalar();
    else if (c === "'" || c === '"') this.fetchFlowScalar(c);
    else if (this.startsPlain(c)) this.fetchPlainScalar();
    else this.fail("while scanning for the next token", this.mark(), CANNOT_START);
  }

  private startsPlain(c: string): boolean {
    return (
      !(this.isBlankz() || NOT_PLAIN_START.has(c)) ||
      (c === "-" && !this.isBlank(1)) ||
      (this.flow === 0 && (c === "?" || c === ":") && !this.isBlankz(1))
    );
  }

  /**
   * A comment: libyaml takes a `#` where a token would start as one even
   * right after another token (`[a],#`, `"v"#`, `|#`); the yaml package
   * wants a blank before it.
   */
  private skipComment(): void {
    if (this.i > 0 && !/[ \t\r\n\u0085\u2028\u2029\uFEFF]/.test(this.text[this.i - 1]!))
      this.inserts.push([this.i, " "]);
    this.skipToBreak();
  }

  private scanToNextToken(): void {
    for (;;) {
      if (this.col === 0 && this.at() === "\uFEFF") this.skip();
      while (this.at() === " " || ((this.flow > 0 || !this.allowed) && this.at() === "\t")) this.skip();
      if (this.at() === "#") this.skipComment();
      if (!this.isBreak()) return;
      this.skipLine();
      if (this.flow === 0) this.allowed = true;
    }
  }

  private fetchStreamEnd(): void {
    if (this.col !== 0) {
      this.col = 0;
      this.line++;
    }
    this.unroll(-1);
    this.removeKey();
    this.allowed = false;
    this.enqueue("stream-end", this.mark());
  }

  private fetchDocumentIndicator(type: "document-start" | "document-end"): void {
    this.unroll(-1);
    this.removeKey();
    this.allowed = false;
    const start = this.mark();
    this.skip();
    this.skip();
    this.skip();
    this.enqueue(type, start);
  }

  private fetchFlowStart(type: "flow-sequence-start" | "flow-mapping-start"): void {
    this.saveKey();
    if (this.flow === 0) this.flowIndent = this.indent;
    this.keys.push(emptyKey());
    this.flow++;
    this.allowed = true;
    this.oneChar(type);
  }

  private fetchFlowEnd(type: "flow-sequence-end" | "flow-mapping-end"): void {
    this.removeKey();
    if (this.flow > 0) {
      this.flow--;
      this.keys.pop();
    }
    this.allowed = false;
    this.oneChar(type);
  }

  private fetchFlowEntry(): void {
    this.removeKey();
    this.allowed = true;
    this.oneChar("flow-entry");
  }

  private fetchBlockEntry(): void {
    this.blockIndicator("block-sequence-start", "block sequence entries are not allowed in this context");
    this.allowed = true;
    this.oneChar("block-entry");
  }

  private fetchKey(): void {
    this.blockIndicator("block-mapping-start", "mapping keys are not allowed in this context");
    this.allowed = this.flow === 0;
    this.oneChar("key");
    if (this.flow > 0 && !this.isBlankz()) this.inserts.push([this.i, " "]);
  }

  /** `-` and `?` in block context need a place where a key may start, and open a collection there. */
  private blockIndicator(opens: TokenType, problem: string): void {
    if (this.flow === 0) {
      if (!this.allowed) this.fail(null, null, problem);
      this.roll(this.col, -1, opens, this.mark());
    }
    this.removeKey();
  }

  /** The run of libyaml's "alpha" characters (letters, digits, `_`, `-`) here. */
  private alphanumerics(): string {
    const from = this.i;
    while (isAlpha(this.at())) this.skip();
    return this.text.slice(from, this.i);
  }

  /** A token of one character at the current place. */
  private oneChar(type: TokenType): void {
    const start = this.mark();
    this.skip();
    this.enqueue(type, start);
  }

  private fetchValue(): void {
    const key = this.keys[this.keys.length - 1]!;
    if (key.possible) {
      this.fillEmptyKey(key);
      this.insert(key.tokenNumber, "key", key.mark);
      this.roll(key.mark.column, key.tokenNumber, "block-mapping-start", key.mark);
      key.possible = false;
      this.allowed = false;
    } else {
      if (this.flow === 0) {
        if (!this.allowed) this.fail(null, null, "mapping values are not allowed in this context");
        this.roll(this.col, -1, "block-mapping-start", this.mark());
      }
      this.allowed = this.flow === 0;
    }
    this.oneChar("value");
    if (this.flow > 0 && !this.isBlankz()) this.inserts.push([this.i, " "]);
  }

  /**
   * A key with an anchor and no content (`&k : v`) below a mapping anchored
   * on the line before: the yaml package gives both anchors to one node and
   * refuses it. A null (`~`), or an empty quoted scalar where a tag decides
   * the value, is the same key and gives it content (the loader reads an
   * inserted `""` as the empty plain scalar it stands for).
   */
  private fillEmptyKey(key: SimpleKey): void {
    const props = this.queue.slice(this.head + key.tokenNumber - this.tokensParsed);
    if (
      !props.some((t) => t.type === "anchor") ||
      !props.every((t) => t.type === "anchor" || t.type === "tag")
    )
      return;
    this.inserts.push([this.i, props.some((t) => t.type === "tag") ? '""' : "~"]);
  }

  private fetchAnchor(type: "anchor" | "alias"): void {
    this.saveKey();
    this.allowed = false;
    const start = this.mark();
    this.skip();
    const name = this.alphanumerics();
    if (!name || !(this.isBlankz() || AFTER_ANCHOR.has(this.at())))
      this.fail(
        type === "anchor" ? "while scanning an anchor" : "while scanning an alias",
        start,
        "did not find expected alphabetic or numeric character",
      );
    if (this.at() === ":" || this.at() === "?") this.inserts.push([this.i, " "]);
    this.enqueue(type, start, { value: name });
  }

  private fetchTag(): void {
    this.saveKey();
    this.allowed = false;
    const start = this.mark();
    let handle: string;
    let suffix: string;
    if (this.at(1) === "<") {
      handle = "";
      this.skip();
      this.skip();
      suffix = this.scanTagUri(true, false, "", start);
      if (this.at() !== ">") this.fail("while scanning a tag", start, "did not find the expected '>'");
      this.skip();
    } else {
      handle = this.scanTagHandle(false, start);
      if (handle.length > 1 && handle.startsWith("!") && handle.endsWith("!"))
        suffix = this.scanTagUri(false, false, "", start);
      else {
        suffix = this.scanTagUri(false, false, handle, start);
        handle = "!";
        if (suffix === "") [handle, suffix] = [suffix, handle];
      }
    }
    if (!this.isBlankz() && !(this.flow > 0 && this.at() === ","))
      this.fail("while scanning a tag", start, "did not find expected whitespace or line break");
    this.enqueue("tag", start, { value: handle });
  }

  private scanTagHandle(directive: boolean, start: Mark): string {
    if (this.at() !== "!")
      this.fail(
        directive ? "while scanning a tag directive" : "while scanning a tag",
        start,
        "did not find expected '!'",
      );
    this.skip();
    let handle = `!${this.alphanumerics()}`;
    if (this.at() === "!") {
      handle += "!";
      this.skip();
    } else if (directive && handle !== "!")
      this.fail("while parsing a tag directive", start, "did not find expected '!'");
    return handle;
  }

  /** A tag's URI; `head` is a handle read before it that turned out to be the URI's start. */
  private scanTagUri(flowChars: boolean, directive: boolean, head: string, start: Mark): string {
    let length = head.length;
    let uri = head.slice(1);
    const context = directive ? "while parsing a %TAG directive" : "while parsing a tag";
    for (;;) {
      const c = this.at();
      if (!(isAlpha(c) || URI_CHARS.has(c) || (flowChars && (c === "," || c === "[" || c === "]")))) break;
      if (c === "%") uri += this.scanUriEscapes(context, start);
      else {
        uri += c;
        this.skip();
      }
      length++;
    }
    if (!length) this.fail(context, start, "did not find expected tag URI");
    return uri;
  }

  private scanUriEscapes(context: string, start: Mark): string {
    const octets: number[] = [];
    let width = 0;
    do {
      if (!(this.at() === "%" && isHex(this.at(1)) && isHex(this.at(2))))
        this.fail(context, start, "did not find URI escaped octet");
      const octet = Number.parseInt(this.at(1) + this.at(2), 16);
      if (!width) {
        width = utf8Width(octet);
        if (!width) this.fail(context, start, "found an incorrect leading UTF-8 octet");
      } else if ((octet & 0xc0) !== 0x80)
        this.fail(context, start, "found an incorrect trailing UTF-8 octet");
      octets.push(octet);
      this.skip();
      this.skip();
      this.skip();
    } while (--width);
    return Buffer.from(octets).toString("utf8");
  }

  private fetchDirective(): void {
    this.unroll(-1);
    this.removeKey();
    this.allowed = false;
    const start = this.mark();
    this.skip();
    const name = this.alphanumerics();
    if (!name) this.fail("while scanning a directive", start, "could not find expected directive name");
    if (!this.isBlankz())
      this.fail("while scanning a directive", start, "found unexpected non-alphabetical character");
    if (name === "YAML") {
      this.skipBlanks();
      const major = this.versionNumber(start);
      if (this.at() !== ".")
        this.fail("while scanning a %YAML directive", start, "did not find expected digit or '.' character");
      this.skip();
      const minor = this.versionNumber(start);
      this.enqueue("version-directive", start, { major, minor });
    } else if (name === "TAG") {
      this.skipBlanks();
      const handle = this.scanTagHandle(true, start);
      if (!this.isBlank())
        this.fail("while scanning a %TAG directive", start, "did not find expected whitespace");
      this.skipBlanks();
      this.scanTagUri(true, true, "", start);
      if (!this.isBlankz())
        this.fail("while scanning a %TAG directive", start, "did not find expected whitespace or line break");
      this.enqueue("tag-directive", start, { value: handle });
    } else this.fail("while scanning a directive", start, "found unknown directive name");
    this.skipBlanks();
    if (this.at() === "#") this.skipComment();
    if (!this.isBreakz())
      this.fail("while scanning a directive", start, "did not find expected comment or line break");
    if (this.isBreak()) this.skipLine();
  }

  private versionNumber(start: Mark): number {
    let digits = "";
    while (isDigit(this.at())) {
      if (digits.length >= 9)
        this.fail("while scanning a %YAML directive", start, "found extremely long version number");
      digits += this.at();
      this.skip();
    }
    if (!digits) this.fail("while scanning a %YAML directive", start, "did not find expected version number");
    return Number(digits);
  }

  // ------------------------------------------------------------ simple keys and indentation

  private saveKey(): void {
    if (!this.allowed) return;
    const required = this.flow === 0 && this.indent === this.col;
    const key: SimpleKey = {
      possible: true,
      required,
      tokenNumber: this.tokensParsed + (this.queue.length - this.head),
      mark: this.mark(),
      index: this.index,
    };
    this.removeKey();
    this.keys[this.keys.length - 1] = key;
    this.possibleKeys.push(key);
  }

  private removeKey(): void {
    const key = this.keys[this.keys.length - 1]!;
    if (key.possible && key.required)
      this.fail("while scanning a simple key", key.mark, "could not find expected ':'");
    key.possible = false;
  }

  private staleKeys(): void {
    let kept = 0;
    for (const key of this.possibleKeys) {
      if (!key.possible) continue;
      if (key.mark.line < this.line || key.index + 1024 < this.index) {
        if (key.required) this.fail("while scanning a simple key", key.mark, "could not find expected ':'");
        key.possible = false;
      } else this.possibleKeys[kept++] = key;
    }
    this.possibleKeys.length = kept;
  }

  /** Opens a block collection at `column`: its start token goes at token `number` (-1: at the end). */
  private roll(column: number, number: number, type: TokenType, mark: Mark): void {
    if (this.flow > 0 || this.indent >= column) return;
    this.indents.push(this.indent);
    this.indent = column;
    if (number === -1) this.enqueue(type, mark);
    else this.insert(number, type, mark);
  }

  private unroll(column: number): void {
    if (this.flow > 0) return;
    while (this.indent > column) {
      this.enqueue("block-end", this.mark());
      this.indent = this.indents.pop() ?? -1;
    }
  }

  // ------------------------------------------------------------ scalars

  private fetchBlockScalar(): void {
    this.removeKey();
    this.allowed = true;
    const start = this.mark();
    // libyaml takes the indicator at the block's own indentation; the yaml package wants it deeper.
    if (this.col === this.indent) this.inserts.push([this.i, " "]);
    const literal = this.at() === "|";
    this.skip();
    let increment = 0;
    let chomping = 0;
    const indicator = (): void => {
      if (!isDigit(this.at())) return;
      if (this.at() === "0")
        this.fail("while scanning a block scalar", start, "found an indentation indicator equal to 0");
      increment = Number(this.at());
      this.skip();
    };
    const chompingIndicator = (): void => {
      chomping = this.at() === "+" ? 1 : -1;
      this.skip();
    };
    if (this.at() === "+" || this.at() === "-") {
      chompingIndicator();
      indicator();
    } else if (isDigit(this.at())) {
      indicator();
      if (this.at() === "+" || this.at() === "-") chompingIndicator();
    }
    this.skipBlanks();
    if (this.at() === "#") this.skipComment();
    if (!this.isBreakz())
      this.fail("while scanning a block scalar", start, "did not find expected comment or line break");
    if (this.isBreak()) this.skipLine();
    let indent = increment ? (this.indent >= 0 ? this.indent + increment : increment) : 0;
    // libyaml's value: its lines, and the breaks between them folded (`>`) or kept (`|`).
    let value = "";
    let leadingBreak = "";
    const trailing: string[] = [];
    let leadingBlank = false;
    let unbroken = false;
    indent = this.blockScalarBreaks(indent, start, trailing);
    while (this.col === indent && !this.atEnd()) {
      const trailingBlank = this.isBlank();
      if (!literal && leadingBreak === "\n" && !leadingBlank && !trailingBlank) {
        if (trailing.length === 0) value += " ";
      } else value += leadingBreak;
      leadingBreak = "";
      value += trailing.join("");
      trailing.length = 0;
      leadingBlank = trailingBlank;
      const lineStart = this.i;
      this.skipToBreak();
      value += this.text.slice(lineStart, this.i);
      if (this.atEnd()) {
        unbroken = true;
        break;
      }
      leadingBreak = this.readLine();
      indent = this.blockScalarBreaks(indent, start, trailing);
    }
    if (chomping !== -1) value += leadingBreak;
    if (chomping === 1) value += trailing.join("");
    if (this.values || unbroken) this.scalarValues.set(start.offset, value);
    this.enqueue("scalar", start);
  }

  /** The indentation and empty lines before a block scalar's line (their breaks go to `breaks`); returns its indentation. */
  private blockScalarBreaks(indent: number, start: Mark, breaks: string[]): number {
    let max = 0;
    for (;;) {
      while ((!indent || this.col < indent) && this.at() === " ") this.skip();
      if (this.col > max) max = this.col;
      if ((!indent || this.col < indent) && this.at() === "\t")
        this.fail(
          "while scanning a block scalar",
          start,
          "found a tab character where an indentation space is expected",
        );
      if (!this.isBreak()) break;
      breaks.push(this.readLine());
    }
    return indent || Math.max(max, this.indent + 1, 1);
  }

  private fetchFlowScalar(quote: string): void {
    this.saveKey();
    this.allowed = false;
    const start = this.mark();
    const single = quote === "'";
    this.skip();
    this.quoted = true;
    const value = new FoldedText();
    for (;;) {
      if (this.isDocumentIndicator())
        this.fail("while scanning a quoted scalar", start, "found unexpected document indicator");
      if (this.atEnd()) this.fail("while scanning a quoted scalar", start, "found unexpected end of stream");
      let leadingBlanks = false;
      while (!this.isBlankz()) {
        const c = this.at();
        if (single && c === "'" && this.at(1) === "'") {
          value.text += "'";
          this.skip();
          this.skip();
        } else if (c === quote) break;
        else if (!single && c === "\\" && this.isBreak(1)) {
          this.skip();
          this.skipLine();
          leadingBlanks = true;
          break;
        } else if (!single && c === "\\") value.text += this.escape(start);
        else {
          value.text += c;
          this.skip();
        }
      }
      if (this.at() === quote) break;
      while (this.isBlank() || this.isBreak()) {
        if (this.isBlank()) {
          if (!leadingBlanks) value.whitespaces += this.at();
          this.skip();
        } else {
          this.readBreak(value, leadingBlanks);
          leadingBlanks = true;
        }
      }
      value.join(leadingBlanks);
    }
    this.skip();
    this.quoted = false;
    if (this.values) this.scalarValues.set(start.offset, value.text);
    this.enqueue("scalar", start);
  }

  /** A line break inside a flow or plain scalar: the first after its text, or one more after that. */
  private readBreak(value: FoldedText, afterBreak: boolean): void {
    if (afterBreak) value.trailingBreaks += this.readLine();
    else {
      value.whitespaces = "";
      value.leadingBreak = this.readLine();
    }
  }

  /** An escape in a double-quoted scalar: what it stands for. */
  private escape(start: Mark): string {
    const kind = this.at(1);
    if (!VALID_ESCAPES.has(kind) && !(kind in ESCAPE_LENGTHS))
      this.fail("while parsing a quoted scalar", start, "found unknown escape character");
    this.skip();
    this.skip();
    const length = ESCAPE_LENGTHS[kind] ?? 0;
    if (!length) return ESCAPED[kind] ?? kind;
    let digits = "";
    for (let k = 0; k < length; k++) {
      if (!isHex(this.at(k)))
        this.fail("while parsing a quoted scalar", start, "did not find expected hexdecimal number");
      digits += this.at(k);
    }
    const value = Number.parseInt(digits, 16);
    if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff)
      this.fail("while parsing a quoted scalar", start, "found invalid Unicode character escape code");
    for (let k = 0; k < length; k++) this.skip();
    return String.fromCodePoint(value);
  }

  private fetchPlainScalar(): void {
    this.saveKey();
    this.allowed = false;
    const start = this.mark();
    const indent = this.indent + 1;
    let leading = false;
    const value = new FoldedText();
    for (;;) {
      if (this.isDocumentIndicator() || this.at() === "#") break;
      while (!this.isBlankz()) {
        const c = this.at();
        if (this.flow > 0 && c === ":" && /^[,?[\]{}]$/.test(this.at(1)))
          this.fail("while scanning a plain scalar", start, "found unexpected ':'");
        if ((c === ":" && this.isBlankz(1)) || (this.flow > 0 && FLOW_INDICATORS.has(c))) break;
        if (leading || value.whitespaces) value.join(leading);
        value.text += c;
        leading = false;
        this.skip();
      }
      if (!(this.isBlank() || this.isBreak())) break;
      while (this.isBlank() || this.isBreak()) {
        if (this.isBlank()) {
          if (leading && this.col < indent && this.at() === "\t")
            this.fail(
              "while scanning a plain scalar",
              start,
              "found a tab character that violates indentation",
            );
          if (!leading) value.whitespaces += this.at();
          this.skip();
        } else {
          this.readBreak(value, leading);
          leading = true;
        }
      }
      if (this.flow === 0 && this.col < indent) break;
    }
    if (this.values) this.scalarValues.set(start.offset, value.text);
    if (this.flow > 0 && this.i === start.offset + 1 && this.text[start.offset] === "-")
      this.inserts.push([start.offset, '"'], [this.i, '"']);
    this.enqueue("scalar", start);
    if (leading) this.allowed = true;
  }
}

/** How many octets a UTF-8 sequence with this leading octet has (0: not a leading octet). */
function utf8Width(octet: number): number {
  if ((octet & 0x80) === 0) return 1;
  if ((octet & 0xe0) === 0xc0) return 2;
  if ((octet & 0xf0) === 0xe0) return 3;
  return (octet & 0xf8) === 0xf0 ? 4 : 0;
}

function emptyKey(): SimpleKey {
  return {
    possible: false,
    required: false,
    tokenNumber: 0,
    mark: { offset: 0, line: 0, column: 0 },
    index: 0,
  };
}
