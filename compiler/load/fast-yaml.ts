// A fast path for the plain YAML most pack files are written in: block
// mappings and sequences of one-line scalars. It builds exactly the tree (and
// ranges) the full parser would, and gives up (returns undefined) on anything
// else: flow collections, block or multi-line scalars, anchors, tags, escapes,
// duplicate or merge keys, tabs, CR. A unit test compares both over the corpus.

import type { Range } from "../source/diagnostic";
import { resolvePlainScalar } from "./pyyaml-scalar";
import type { YMap, YNode, YPair, YScalar, YSeq } from "./yaml-node";

interface Line {
  /** Offset of the first character of the line. */
  readonly start: number;
  /** Offset of the line break (or end of text). */
  readonly end: number;
  /** Offset of the first non-space character. */
  readonly content: number;
  readonly indent: number;
  /** Whether comment lines come between this line and the previous content line. */
  readonly afterComment: boolean;
}

class GiveUp extends Error {}
const MAX_FAST_DEPTH = 64;
function giveUp(): never {
  throw new GiveUp();
}

const PLAIN_START = /[^\s\-?:,[\]{}#&*!|>'"%@`]/;
const KEY = /^([A-Za-z0-9_$./-][^:#'" ]*(?: [^:#'" ]+)*):(?= |$)/;
// Characters the full parser treats specially (YAML 1.1 line breaks, controls, BOM, odd spaces).
const UNUSUAL = /[\u0000-\u0009\u000b-\u001f\u007f-\u00a0\u2028\u2029\ufeff]/;

class FastParser {
  private readonly lines: Line[] = [];
  private i = 0;
  /** Block collections open around the current line. */
  private depth = 0;
  /** A comment after the last value: the full parser stretches ranges over it. */
  private trailingComment = false;

  private deepComment = false;

  constructor(private readonly text: string) {
    let start = 0;
    let commentIndent = -1;
    while (start <= text.length) {
      let end = text.indexOf("\n", start);
      if (end < 0) end = text.length;
      let content = start;
      while (content < end && text.charCodeAt(content) === 32) content++;
      if (content === end) {
        // blank line
      } else if (text[content] === "#") {
        this.trailingComment = true;
        commentIndent = Math.max(commentIndent, content - start);
      } else {
        const indent = content - start;
        // A comment deeper than the line after it belongs to the block it ends; the
        // full parser then stretches that block's range over it.
        if (this.trailingComment && commentIndent > indent) this.deepComment = true;
        this.lines.push({ start, end, content, indent, afterComment: this.trailingComment });
        this.trailingComment = false;
        commentIndent = -1;
      }
      if (end === text.length) break;
      start = end + 1;
    }
  }

  parse(): YNode | undefined {
    if (this.trailingComment || this.deepComment) giveUp();
    if (this.lines[0] && /^---\s*$/.test(this.text.slice(this.lines[0].start, this.lines[0].end)))
      this.lines.shift();
    if (this.lines.length === 0) giveUp();
    const first = this.lines[0]!;
    if (
      first.indent !== 0 ||
      this.text.startsWith("---", first.start) ||
      this.text.startsWith("...", first.start)
    )
      giveUp();
    const root = this.block(0);
    if (this.i < this.lines.length) giveUp();
    return root;
  }

  private nextStartOrEnd(line: Line): number {
    return line.end === this.text.length ? line.end : line.end + 1;
  }

  private isMarker(line: Line): boolean {
    return (
      line.indent === 0 &&
      (this.text.startsWith("---", line.start) || this.text.startsWith("...", line.start))
    );
  }

  private isSeqItem(line: Line): boolean {
    return (
      this.text[line.content] === "-" &&
      (line.content + 1 === line.end || this.text[line.content + 1] === " ")
    );
  }

  private block(indent: number): YNode {
    const line = this.lines[this.i]!;
    if (line.indent !== indent) giveUp();
    // Deep nesting is rare and has its own check in the full parser.
    if (++this.depth > MAX_FAST_DEPTH) giveUp();
    const node = this.isSeqItem(line) ? this.seq(indent) : this.map(indent, line.content);
    this.depth--;
    return node;
  }

  private map(indent: number, firstKeyAt: number): YMap {
    const pairs: YPair[] = [];
    const seen = new Set<string>();
    let end = firstKeyAt;
    let keyAt = firstKeyAt;
    for (;;) {
      const line = this.lines[this.i]!;
      const m = KEY.exec(this.text.slice(keyAt, line.end));
      if (!m) giveUp();
      const keyText = m![1]!;
      // libyaml stops looking for a simple key's ':' after 1024 characters.
      if (seen.has(keyText) || keyText === "<<" || keyText.length > 1000) giveUp();
      seen.add(keyText);
      const resolved = resolvePlainScalar(keyText);
      if (!("pyType" in resolved) || resolved.pyType !== "str") giveUp();
      const key: YScalar = {
        kind: "scalar",
        style: "plain",
        range: { start: keyAt, end: keyAt + keyText.length },
        ...resolved,
      };
      const afterColon = keyAt + keyText.length + 1;
      const { node, nodeEnd } = this.value(line, afterColon, indent);
      pairs.push({ key, value: node });
      end = nodeEnd;
      const next = this.lines[this.i];
      if (!next || next.indent < indent) break;
      if (next.indent > indent || this.isSeqItem(next) || this.isMarker(next)) giveUp();
      keyAt = next.content;
    }
    return { kind: "map", pairs, range: { start: firstKeyAt, end } };
  }

  private seq(indent: number): YSeq {
    const items: YNode[] = [];
    const start = this.lines[this.i]!.content;
    let end = start;
    for (;;) {
      const line = this.lines[this.i]!;
      const itemAt = line.content + 2;
      if (itemAt >= line.end) giveUp();
      const rest = this.text.slice(itemAt, line.end);
      if (this.text[itemAt] === " " || rest.startsWith("- ") || rest === "-") giveUp();
      let node: YNode;
      if (KEY.test(rest)) {
        node = this.map(indent + 2, itemAt);
        end = node.range.end;
      } else {
        const v = this.scalar(line, itemAt);
        this.i++;
        this.noContinuation(indent);
        node = v.node;
        end = v.nodeEnd;
      }
      items.push(node);
      const next = this.lines[this.i];
      // A key at the same indent ends a sequence written flush under its parent key.
      if (!next || next.indent < indent || (next.indent === indent && !this.isSeqItem(next))) break;
      if (next.indent > indent) giveUp();
    }
    return { kind: "seq", items, range: { start, end } };
  }

  /** The value after `key:` on `line`; consumes the line and any nested block. */
  private value(line: Line, afterColon: number, indent: number): { node: YNode; nodeEnd: number } {
    let at = afterColon;
    while (at < line.end && this.text[at] === " ") at++;
    if (at === line.end) {
      this.i++;
      const next = this.lines[this.i];
      // The full parser stretches an empty value over the comments that follow it.
      if (next?.afterComment) giveUp();
      if (next && (next.indent > indent || (next.indent === indent && this.isSeqItem(next)))) {
        const node = this.block(next.indent);
        return { node, nodeEnd: node.range.end };
      }
      const range = { start: at, end: at };
      return { node: { kind: "scalar", pyType: "null", value: null, style: "plain", range }, nodeEnd: at };
    }
    if (this.text[at] === "#") giveUp();
    const v = this.scalar(line, at);
    this.i++;
    this.noContinuation(indent);
    return v;
  }

  private noContinuation(indent: number): void {
    const next = this.lines[this.i];
    if (next && next.indent > indent) giveUp();
  }

  private scalar(line: Line, at: number): { node: YScalar; nodeEnd: number } {
    const text = this.text;
    const ch = text[at]!;
    const nodeEnd = this.nextStartOrEnd(line);
    let range: Range;
    let node: YScalar;
    if (ch === "'" || ch === '"') {
      let close = -1;
      for (let j = at + 1; j < line.end; j++) {
        if (text[j] === "\\" && ch === '"') giveUp();
        if (text[j] === ch) {
          if (ch === "'" && text[j + 1] === "'") {
            j++;
            continue;
          }
          close = j;
          break;
        }
      }
      if (close < 0) giveUp();
      const tail = text.slice(close + 1, line.end);
      if (!/^(?: *| +#.*)$/.test(tail)) giveUp();
      range = { start: at, end: close + 1 };
      let value = text.slice(at + 1, close);
      if (ch === "'") value = value.replace(/''/g, "'");
      node = { kind: "scalar", pyType: "str", value, style: ch === "'" ? "single" : "double", range };
      return { node, nodeEnd };
    }
    if (!PLAIN_START.test(ch) && !(ch === "-" && text[at + 1] !== " " && at + 1 < line.end)) giveUp();
    const rest = text.slice(at, line.end);
    const comment = rest.indexOf(" #");
    const raw = (comment >= 0 ? rest.slice(0, comment) : rest).replace(/ +$/, "");
    if (raw.includes(": ") || raw.endsWith(":")) giveUp();
    if (ch === "-" && raw === "-") giveUp();
    // PyYAML refuses a plain `<<` or `=` value (merge and value tags): the full parser reports it.
    if (raw === "<<" || raw === "=") giveUp();
    const resolved = resolvePlainScalar(raw);
    // A value PyYAML cannot construct (an int too long for int()): the full parser reports it.
    if ("error" in resolved) giveUp();
    range = { start: at, end: at + raw.length };
    node = { kind: "scalar", style: "plain", range, ...resolved };
    return { node, nodeEnd };
  }
}

/** The tree of a simple YAML text, or undefined when the full parser is needed. */
export function parseSimpleYaml(text: string): YNode | undefined {
  if (UNUSUAL.test(text) || text.includes("\r")) return undefined;
  try {
    return new FastParser(text).parse();
  } catch (err) {
    if (err instanceof GiveUp) return undefined;
    throw err;
  }
}
