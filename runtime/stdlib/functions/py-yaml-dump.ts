// PyYAML's safe_dump(data, default_flow_style=False, allow_unicode=...) as
// libyaml emits it: block collections, sorted keys, PyYAML's choice between
// plain, single- and double-quoted scalars, line folding at 80 columns.

import { PyBytes } from "../../../compiler/expr/jinja/bytes";
import { encodeBase64Lines } from "../py/base64";
import { PyDate, PyDateTime } from "../py/datetime";
import { dictKeys } from "../py/dict";
import { intDecimal } from "../py/int-text";
import { originalKey } from "../py/key-index";
import { floatRepr } from "../py/text";
import {
  isDict,
  type PyDict,
  PyError,
  PyFloat,
  PySet,
  PyTuple,
  type PyValue,
  pyCompare,
  pyTypeName,
} from "../py/value";
import { plainReadsAsStr } from "./py-yaml-load";

export interface YamlDumpOptions {
  readonly indent?: number | null;
  readonly allowUnicode?: boolean;
}

interface MappingKey {
  readonly text: string;
  readonly key: PyValue;
}

/**
 * PyYAML's represent_mapping: `sorted(mapping)`, or the dict's own order when
 * its keys do not compare (str with int, None with anything).
 */
function sortedKeys(keys: MappingKey[]): MappingKey[] {
  // represent_mapping: `sorted(mapping)`, the mapping's own order where Python cannot order its keys.
  try {
    return [...keys].sort((x, y) => pyCompare(x.key, y.key));
  } catch (e) {
    if (e instanceof PyError && e.pyType === "TypeError") return keys;
    throw e;
  }
}

const BREAKS = "\n\x85\u2028\u2029";
const WS_OR_END = "\0 \t\r\n\x85\u2028\u2029";
const ESCAPES: Record<string, string> = {
  "\0": "0",
  "\x07": "a",
  "\x08": "b",
  "\t": "t",
  "\n": "n",
  "\x0b": "v",
  "\x0c": "f",
  "\r": "r",
  "\x1b": "e",
  '"': '"',
  "\\": "\\",
  "\x85": "N",
  "\xa0": "_",
  "\u2028": "L",
  "\u2029": "P",
};

interface Analysis {
  empty: boolean;
  multiline: boolean;
  allowFlowPlain: boolean;
  allowBlockPlain: boolean;
  allowSingle: boolean;
}

// libyaml's IS_PRINTABLE beyond ASCII: NEL and astral characters are not printable there.
function isUnicodePrintable(cp: number): boolean {
  return (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff);
}

function analyze(chars: string[], allowUnicode: boolean): Analysis {
  if (chars.length === 0)
    return { empty: true, multiline: false, allowFlowPlain: false, allowBlockPlain: true, allowSingle: true };
  const text = chars.join("");
  let blockInd = false;
  let flowInd = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  if (text.startsWith("---") || text.startsWith("...")) blockInd = flowInd = true;
  let precededByWs = true;
  let followedByWs = chars.length === 1 || WS_OR_END.includes(chars[1]!);
  let prevSpace = false;
  let prevBreak = false;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (i === 0) {
      if ("#,[]{}&*!|>'\"%@`".includes(ch)) flowInd = blockInd = true;
      if ("?:".includes(ch)) {
        flowInd = true;
        if (followedByWs) blockInd = true;
      }
      if (ch === "-" && followedByWs) flowInd = blockInd = true;
    } else {
      if (",?[]{}".includes(ch)) flowInd = true;
      if (ch === ":") {
        flowInd = true;
        if (followedByWs) blockInd = true;
      }
      if (ch === "#" && precededByWs) flowInd = blockInd = true;
    }
    if (BREAKS.includes(ch)) lineBreaks = true;
    const cp = ch.codePointAt(0)!;
    if (!(ch === "\n" || (cp >= 0x20 && cp <= 0x7e))) {
      if (!isUnicodePrintable(cp) || !allowUnicode) special = true;
    }
    if (ch === " ") {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (BREAKS.includes(ch)) {
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevSpace = false;
      prevBreak = true;
    } else {
      prevSpace = prevBreak = false;
    }
    precededByWs = WS_OR_END.includes(ch);
    followedByWs = i + 2 >= chars.length || WS_OR_END.includes(chars[i + 2]!);
  }
  let allowFlowPlain = true;
  let allowBlockPlain = true;
  let allowSingle = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak)
    allowFlowPlain = allowBlockPlain = false;
  if (breakSpace) allowFlowPlain = allowBlockPlain = allowSingle = false;
  if (spaceBreak || special) allowFlowPlain = allowBlockPlain = allowSingle = false;
  if (lineBreaks) allowFlowPlain = allowBlockPlain = false;
  if (flowInd) allowFlowPlain = false;
  if (blockInd) allowBlockPlain = false;
  return { empty: false, multiline: lineBreaks, allowFlowPlain, allowBlockPlain, allowSingle };
}

class Emitter {
  out = "";
  column = 0;
  whitespace = true;
  indention = true;
  indent: number | null = null;
  private readonly indents: (number | null)[] = [];
  readonly bestWidth = 80;

  /** Anchors of the objects written more than once (see anchorsOf), and which were written already. */
  private readonly anchors: ReadonlyMap<object, string>;
  private readonly anchored = new Set<object>();

  constructor(
    readonly bestIndent: number,
    readonly allowUnicode: boolean,
    anchors: ReadonlyMap<object, string> = new Map(),
  ) {
    this.anchors = anchors;
  }

  write(data: string): void {
    this.column += [...data].length;
    this.out += data;
  }

  lineBreak(data = "\n"): void {
    this.whitespace = true;
    this.indention = true;
    this.column = 0;
    this.out += data;
  }

  writeIndent(): void {
    const indent = this.indent ?? 0;
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace))
      this.lineBreak();
    if (this.column < indent) {
      this.whitespace = true;
      this.out += " ".repeat(indent - this.column);
      this.column = indent;
    }
  }

  indicator(ind: string, needWhitespace: boolean, whitespace = false, indention = false): void {
    const data = this.whitespace || !needWhitespace ? ind : ` ${ind}`;
    this.whitespace = whitespace;
    this.indention = this.indention && indention;
    this.write(data);
  }

  increaseIndent(flow: boolean, indentless = false): void {
    this.indents.push(this.indent);
    if (this.indent === null) this.indent = flow ? this.bestIndent : 0;
    else if (!indentless) this.indent += this.bestIndent;
  }

  popIndent(): void {
    this.indent = this.indents.pop() ?? null;
  }

  node(v: PyValue, ctx: { mapping: boolean; simpleKey: boolean }): void {
    const items = Array.isArray(v) ? v : v instanceof PyTuple ? v.items : null;
    if (items) {
      if (items.length === 0) this.emptyFlow("[", "]");
      else this.blockSequence(items, ctx.mapping);
      return;
    }
    if (isDict(v)) {
      const keys = sortedKeys(dictKeys(v).map((text) => ({ text, key: originalKey(v, text) })));
      if (keys.length === 0) this.emptyFlow("{", "}");
      else this.blockMapping(v, keys);
      return;
    }
    if (v instanceof PySet) throw new PyError("RepresenterError", "cannot represent an object");
    const anchor = typeof v === "object" && v !== null ? this.anchors.get(v) : undefined;
    if (anchor !== undefined) {
      if (this.anchored.has(v as object)) {
        this.indicator(`*${anchor}`, true);
        return;
      }
      this.anchored.add(v as object);
      this.indicator(`&${anchor}`, true);
    }
    this.increaseIndent(true);
    if (v instanceof PyBytes) this.binary(encodeBase64Lines(v.data), ctx.simpleKey);
    else {
      const [text, implicit] = scalarText(v);
      this.scalar(text, implicit, ctx.simpleKey);
    }
    this.popIndent();
  }

  /** represent_binary: the base64 lines (encodebytes) tagged !!binary, in literal style where libyaml allows it. */
  binary(text: string, simpleKey: boolean): void {
    this.indicator("!!binary", true);
    if (text === "" || simpleKey) this.doubleQuoted([...text], !simpleKey);
    else this.literal(text);
  }

  /** libyaml's literal block writer, for text that starts with no space and ends in one line break (no hints). */
  literal(text: string): void {
    this.indicator("|", true);
    this.lineBreak();
    let breaks = true;
    for (const ch of text) {
      if (ch === "\n") {
        this.lineBreak();
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.write(ch);
        this.indention = false;
        breaks = false;
      }
    }
  }

  emptyFlow(open: string, close: string): void {
    this.indicator(open, true, true);
    this.indicator(close, false);
  }

  blockSequence(items: readonly PyValue[], mappingContext: boolean): void {
    this.increaseIndent(false, mappingContext && !this.indention);
    for (const item of items) {
      this.writeIndent();
      this.indicator("-", true, false, true);
      this.node(item, { mapping: false, simpleKey: false });
    }
    this.popIndent();
  }

  blockMapping(d: PyDict, keys: readonly MappingKey[]): void {
    this.increaseIndent(false);
    for (const { text, key } of keys) {
      this.writeIndent();
      const chars = [...text];
      if (chars.length < 128 && !chars.some((c) => BREAKS.includes(c))) {
        this.node(key, { mapping: true, simpleKey: true });
        this.indicator(":", false);
      } else {
        this.indicator("?", true, false, true);
        this.node(key, { mapping: true, simpleKey: false });
        this.writeIndent();
        this.indicator(":", true, false, true);
      }
      this.node(d[text]!, { mapping: true, simpleKey: false });
    }
    this.popIndent();
  }

  scalar(text: string, implicit: boolean, simpleKey: boolean): void {
    const chars = [...text];
    const a = analyze(chars, this.allowUnicode);
    const split = !simpleKey;
    if (implicit && !(simpleKey && (a.empty || a.multiline)) && a.allowBlockPlain) this.plain(chars, split);
    else if (a.allowSingle && !(simpleKey && a.multiline)) this.singleQuoted(chars, split);
    else this.doubleQuoted(chars, split);
  }

  plain(chars: string[], split: boolean): void {
    if (chars.length === 0) return;
    if (!this.whitespace) this.write(" ");
    this.whitespace = false;
    this.indention = false;
    let spaces = false;
    let start = 0;
    for (let end = 0; end <= chars.length; end++) {
      const ch = end < chars.length ? chars[end] : undefined;
      if (spaces) {
        if (ch !== " ") {
          if (start + 1 === end && this.column > this.bestWidth && split) {
            this.writeIndent();
            this.whitespace = false;
            this.indention = false;
          } else this.write(chars.slice(start, end).join(""));
          start = end;
        }
      } else if (ch === undefined || ` ${BREAKS}`.includes(ch)) {
        this.write(chars.slice(start, end).join(""));
        start = end;
      }
      if (ch !== undefined) spaces = ch === " ";
    }
  }

  singleQuoted(chars: string[], split: boolean): void {
    this.indicator("'", true);
    let spaces = false;
    let breaks = false;
    let start = 0;
    for (let end = 0; end <= chars.length; end++) {
      const ch = end < chars.length ? chars[end] : undefined;
      if (spaces) {
        if (ch !== " ") {
          if (
            start + 1 === end &&
            this.column > this.bestWidth &&
            split &&
            start !== 0 &&
            end !== chars.length
          )
            this.writeIndent();
          else this.write(chars.slice(start, end).join(""));
          start = end;
        }
      } else if (breaks) {
        if (ch === undefined || !BREAKS.includes(ch)) {
          if (chars[start] === "\n") this.lineBreak();
          for (const br of chars.slice(start, end)) this.lineBreak(br === "\n" ? "\n" : br);
          this.writeIndent();
          start = end;
        }
      } else if (ch === undefined || ` ${BREAKS}'`.includes(ch)) {
        if (start < end) {
          this.write(chars.slice(start, end).join(""));
          start = end;
        }
      }
      if (ch === "'") {
        this.write("''");
        start = end + 1;
      }
      if (ch !== undefined) {
        spaces = ch === " ";
        breaks = BREAKS.includes(ch);
      }
    }
    this.indicator("'", false);
  }

  // libyaml's double-quoted writer: escapes, and folds only at a space past the width.
  doubleQuoted(chars: string[], split: boolean): void {
    this.indicator('"', true);
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i]!;
      const cp = ch.codePointAt(0)!;
      const printable =
        cp === 0x0a || (cp >= 0x20 && cp <= 0x7e) || (this.allowUnicode && isUnicodePrintable(cp));
      if (!printable || BREAKS.includes(ch) || ch === "\r" || ch === '"' || ch === "\\") {
        const hex = cp.toString(16).toUpperCase();
        this.write(
          ch in ESCAPES
            ? `\\${ESCAPES[ch]}`
            : cp <= 0xff
              ? `\\x${hex.padStart(2, "0")}`
              : cp <= 0xffff
                ? `\\u${hex.padStart(4, "0")}`
                : `\\U${hex.padStart(8, "0")}`,
        );
        spaces = false;
      } else if (ch === " ") {
        if (split && !spaces && this.column > this.bestWidth && i !== 0 && i !== chars.length - 1) {
          this.writeIndent();
          if (chars[i + 1] === " ") this.write("\\");
        } else this.write(" ");
        spaces = true;
      } else {
        this.write(ch);
        spaces = false;
      }
    }
    this.indicator('"', false);
  }
}

/** The scalar text PyYAML's SafeRepresenter gives a value, and whether it may be written plain. */
function scalarText(v: PyValue): [string, boolean] {
  if (v === null) return ["null", true];
  if (v === true) return ["true", true];
  if (v === false) return ["false", true];
  if (typeof v === "bigint") return [intDecimal(v), true];
  if (typeof v === "number" && Number.isInteger(v)) return [String(v), true];
  if (typeof v === "number" || v instanceof PyFloat) {
    const n = typeof v === "number" ? v : v.v;
    if (Number.isNaN(n)) return [".nan", true];
    if (n === Number.POSITIVE_INFINITY) return [".inf", true];
    if (n === Number.NEGATIVE_INFINITY) return ["-.inf", true];
    let text = floatRepr(n).toLowerCase();
    if (!text.includes(".") && text.includes("e")) text = text.replace("e", ".0e");
    return [text, true];
  }
  if (typeof v === "string") return [v, plainReadsAsStr(v)];
  // represent_date / represent_datetime: isoformat (with a space), a plain timestamp.
  if (v instanceof PyDate) return [v.isoformat(), true];
  if (v instanceof PyDateTime) return [v.isoformat(" "), true];
  throw new PyError("RepresenterError", `cannot represent an object: ${pyTypeName(v)}`);
}

/**
 * PyYAML's serializer anchors a node met twice: `&id001` where it is first
 * written, `*id001` after. StackStorm's to_yaml_string rebuilds every dict and
 * list first (mongodb_to_python_types), so only the objects it keeps can be met
 * twice: dates and datetimes (a YAML alias, a variable used twice). Anchors are
 * numbered in the order of the second meetings, in the order nodes are written.
 */
function anchorsOf(value: PyValue): Map<object, string> {
  const seen = new Set<object>();
  const anchors = new Map<object, string>();
  const visit = (v: PyValue): void => {
    const items = Array.isArray(v) ? v : v instanceof PyTuple ? v.items : null;
    if (items) for (const item of items) visit(item);
    else if (isDict(v)) {
      for (const { text } of sortedKeys(dictKeys(v).map((text) => ({ text, key: originalKey(v, text) }))))
        visit(v[text]!);
    } else if (v instanceof PyDate || v instanceof PyDateTime) {
      if (!seen.has(v)) seen.add(v);
      else if (!anchors.has(v)) anchors.set(v, `id${String(anchors.size + 1).padStart(3, "0")}`);
    }
  };
  visit(value);
  return anchors;
}

/** yaml.safe_dump(value, default_flow_style=False, ...). */
export function pyYamlSafeDump(value: PyValue, options: YamlDumpOptions = {}): string {
  const indent = options.indent ?? 2;
  const emitter = new Emitter(
    indent > 1 && indent < 10 ? indent : 2,
    options.allowUnicode ?? false,
    anchorsOf(value),
  );
  emitter.node(value, { mapping: false, simpleKey: false });
  emitter.writeIndent();
  return emitter.out;
}
