// Parses YAML text into a YNode tree with source ranges, resolving scalars like
// PyYAML's SafeLoader (YAML 1.1) and rejecting duplicate keys as StackStorm does.
// Syntax problems become diagnostics; this never throws on user input.

import { type Document, isAlias, isMap, isScalar, isSeq, type Node, parseDocument, Scalar } from "yaml";
import { isStackOverflow, isStackOverflowMessage } from "../expr/errors";
import type { Diagnostic, Range } from "../source/diagnostic";
import { diagnostic } from "../source/make-diagnostic";
import type { SourceFile } from "../source/source-file";
import { parseSimpleYaml } from "./fast-yaml";
import { type LibyamlReading, libyamlErrorDetail, libyamlRead, pyYamlErrorText } from "./libyaml-parser";
import type { LibyamlError } from "./libyaml-reader";
import { type TextInsert as Insert, looseLines } from "./libyaml-scanner";
import {
  type ConstructionError,
  collectionTagError,
  pythonDollarHead,
  resolvePlainScalar,
  resolveTaggedScalar,
} from "./pyyaml-scalar";
import { keyText, type ScalarStyle, type YMap, type YNode, type YPair, type YScalar } from "./yaml-node";

export interface ParsedYaml {
  readonly file: SourceFile;
  /** null when the document is empty or could not be parsed. */
  readonly root: YNode | null;
  readonly diagnostics: readonly Diagnostic[];
  /**
   * The `<<` merge keys, merged into their mappings as PyYAML's safe_load does.
   * Orquesta's own loader does not merge: a workflow holding one does not load.
   */
  readonly mergeKeys: readonly Range[];
  /**
   * Keys written twice in one mapping (ORQ1002), with the text PyYAML's node
   * holds: Orquesta's loader refuses the whole workflow file at the first one.
   */
  readonly duplicateKeys: readonly DuplicateKey[];
  /** What PyYAML raised when libyaml refused the file (its words and marks, for Orquesta's load error). */
  readonly libyamlError?: LibyamlError;
}

export interface DuplicateKey {
  readonly range: Range;
  readonly text: string;
}

const STYLE: Record<string, ScalarStyle> = {
  [Scalar.PLAIN]: "plain",
  [Scalar.QUOTE_SINGLE]: "single",
  [Scalar.QUOTE_DOUBLE]: "double",
  [Scalar.BLOCK_LITERAL]: "literal",
  [Scalar.BLOCK_FOLDED]: "folded",
};

const MAX_ALIAS_DEPTH = 64;
/**
 * Aliases build their anchor's node again, so a few lines can stand for
 * billions of nodes (the "billion laughs" document). PyYAML shares the node
 * instead, but everything that walks the data afterwards (rendering, storing
 * an execution) expands it, so orqc refuses such a file past this many nodes
 * (or one per character of a larger file, which no file reaches without aliases).
 */
export const MAX_YAML_NODES = 100_000;

/**
 * How deep Orquesta can load nested data: its loader recurses once per list
 * and twice per mapping level, and Python's recursion limit (1,000) ends it
 * near this weight ("maximum recursion depth exceeded", measured on 1.6.0).
 */
export const MAX_NESTING_WEIGHT = 980;

const SET_TAG = "tag:yaml.org,2002:set";
const MERGE_TAG = "tag:yaml.org,2002:merge";
/** The tags of lists of one-pair mappings, with PyYAML's name for what it constructs. */
const PAIRS_TAGS = new Map([
  ["tag:yaml.org,2002:omap", "an ordered map"],
  ["tag:yaml.org,2002:pairs", "pairs"],
]);

/** A tag as libyaml hands it to PyYAML: a C string, which ends at a NUL (`!!null%00x` is `!!null`). */
function cTag(tag: string | undefined): string | undefined {
  return tag === undefined ? undefined : tag.split("\u0000")[0];
}

/**
 * Whether PyYAML resolves a scalar from its text (int, bool, null ...): a
 * plain one, and one tagged `!` in any style (libyaml marks it
 * plain-implicit: `! '12'` is 12, and `! |` over `12` is 12 too, Python's
 * `$` matching before the final line break). `!` before no scalar is an
 * empty str.
 */
function resolvedImplicitly(tag: string | undefined, style: ScalarStyle, value: string): boolean {
  if (tag !== "!") return style === "plain";
  return style !== "plain" || value !== "";
}

/**
 * Whether a mapping key is a merge key, as PyYAML's flatten_mapping tells:
 * its tag is the merge tag, written (`!!merge`) or resolved from a plain
 * `<<`, or from any `<<` tagged `!` (libyaml makes those plain-implicit).
 */
function isMergeKey(node: Node | null, key: YNode): boolean {
  if (key.kind !== "scalar" || !node || !isScalar(node)) return false;
  const tag = cTag(node.tag);
  if (tag === MERGE_TAG) return true;
  const text = typeof key.value === "string" ? key.value : "";
  return (
    (tag === undefined || tag === "!") &&
    resolvedImplicitly(tag, key.style, text) &&
    pythonDollarHead(text) === "<<"
  );
}

/** Thrown out of the builder when the data nests deeper than Orquesta can load. */
class TooDeep extends Error {
  constructor(readonly range: Range) {
    super("too deep");
  }
}

/** The source node each built scalar came from: the same one for an anchor and its aliases. */
const SCALAR_ORIGIN = new WeakMap<YScalar, object>();

/**
 * The source node a scalar was built from (parseYamlData's trees): an anchored
 * scalar and its aliases share it, as they share one object in PyYAML.
 */
export function scalarOrigin(scalar: YScalar): object | undefined {
  return SCALAR_ORIGIN.get(scalar);
}

/** Thrown out of the builder when aliases expand past the budget. */
class AliasExpansion extends Error {
  constructor(readonly range: Range) {
    super("alias expansion");
  }
}

/** How a mapping's repeated key is taken: refused as StackStorm does, or the last value kept as yaml.safe_load does. */
type DuplicateKeys = "refuse" | "last";

class Builder {
  readonly diagnostics: Diagnostic[] = [];
  readonly mergeKeys: Range[] = [];
  readonly repeated: DuplicateKey[] = [];
  /** Set once a value PyYAML cannot construct is found: the whole file does not load. */
  unloadable = false;
  /** The exception PyYAML raises for the first such value, in PyYAML's construction order. */
  firstError: ConstructionError | undefined;
  /** Where firstError is in that order (see constructionOrder). */
  private firstErrorAt: number[] = [];
  /** The child positions leading to the collection being built (keys and values count apart). */
  private readonly path: number[] = [];
  /** The position, in that collection, of the node being built. */
  private slot = 0;
  /** Nodes built so far, against the budget (MAX_YAML_NODES). */
  private built = 0;
  private readonly budget: number;
  /** The weight of the collections open around the node being built (see MAX_NESTING_WEIGHT). */
  private nesting = 0;
  /** The alias being expanded at the top level, where an expansion past the budget is reported. */
  private outerAlias: Range | undefined;
  /** The collections being built, outermost first (an alias to one of them is recursive). */
  private readonly open: Node[] = [];
  constructor(
    private readonly file: SourceFile,
    private readonly doc: Document,
    private readonly shift: OffsetShift,
    private readonly duplicateKeys: DuplicateKeys = "refuse",
    /** libyaml's values where the yaml package's are wrong (LibyamlReading.scalarValues). */
    private readonly libyaml: Pick<LibyamlReading, "scalarValues"> = {},
  ) {
    this.budget = Math.max(MAX_YAML_NODES, file.text.length);
  }

  private rangeOf(node: Node): Range {
    const r = node.range;
    if (!r) return { start: 0, end: 0 };
    const max = this.file.text.length;
    const start = Math.min(max, this.shift.back(r[0]));
    return { start, end: Math.min(max, Math.max(start, this.shift.back(r[1]))) };
  }

  /** Plain scalars never end in blanks, whatever the range the parser gives. */
  private trimEnd(r: Range): Range {
    let end = r.end;
    const text = this.file.text;
    while (end > r.start && (text[end - 1] === " " || text[end - 1] === "\t")) end--;
    return { start: r.start, end };
  }

  build(node: Node | null | undefined, at: Range, depth = 0): YNode {
    if (++this.built > this.budget) throw new AliasExpansion(this.outerAlias ?? at);
    if (node === null || node === undefined) {
      return { kind: "scalar", pyType: "null", value: null, style: "plain", range: at };
    }
    if (isAlias(node)) {
      const target = depth < MAX_ALIAS_DEPTH ? node.resolve(this.doc) : undefined;
      const range = this.rangeOf(node);
      if (!target) return { kind: "scalar", pyType: "null", value: null, style: "plain", range };
      if (this.open.includes(target)) return this.recursiveAlias(target, range);
      if (depth === 0) this.outerAlias = range;
      const built = this.build(target, range, depth + 1);
      if (depth === 0) this.outerAlias = undefined;
      const copy = { ...built, range };
      const origin = built.kind === "scalar" ? SCALAR_ORIGIN.get(built) : undefined;
      if (origin && copy.kind === "scalar") SCALAR_ORIGIN.set(copy, origin);
      return copy;
    }
    if (isScalar(node)) {
      const scalar = this.scalar(node);
      SCALAR_ORIGIN.set(scalar, node);
      return scalar;
    }
    if (isSeq(node)) {
      const range = this.rangeOf(node);
      const pairs = PAIRS_TAGS.get(cTag(node.tag) ?? "");
      const items = this.inside(node, "sequence", range, () =>
        node.items.map((it, i) => {
          this.slot = i;
          return pairs
            ? this.pairItem(it as Node, range, depth, pairs)
            : this.build(it as Node, range, depth);
        }),
      );
      return pairs ? { kind: "seq", items, range, pairs: true } : { kind: "seq", items, range };
    }
    if (isMap(node)) {
      const range = this.rangeOf(node);
      const map = this.inside(node, "mapping", range, () => this.map(node.items, range, depth));
      return cTag(node.tag) === SET_TAG ? { ...map, set: true } : map;
    }
    return { kind: "scalar", pyType: "null", value: null, style: "plain", range: at };
  }

  /**
   * Builds a collection's content: its tag checked, its nesting counted
   * (a mapping weighs two levels, as Orquesta's loader recurses), its place
   * in PyYAML's construction order and in the chain of open collections kept.
   */
  private inside<T>(node: Node, kind: "mapping" | "sequence", range: Range, build: () => T): T {
    this.checkCollectionTag(cTag(node.tag), kind, range);
    const weight = kind === "mapping" ? 2 : 1;
    this.enter(weight, range);
    this.path.push(this.slot);
    this.open.push(node);
    const built = build();
    this.open.pop();
    this.path.pop();
    this.nesting -= weight;
    return built;
  }

  /**
   * An alias inside the collection it names. Orquesta's loader constructs a
   * mapping in one go, so one reached again through mappings only is
   * "unconstructable"; through a sequence (filled in later) PyYAML makes a
   * structure that contains itself, which nothing after it can walk, as
   * yaml.safe_load does for mappings too: both count as nesting without end.
   */
  private recursiveAlias(target: Node, range: Range): YNode {
    const chain = this.open.slice(this.open.indexOf(target));
    if (this.duplicateKeys === "refuse" && chain.every((n) => isMap(n))) {
      this.refuse("found unconstructable recursive node", this.rangeOf(target));
      return { kind: "scalar", pyType: "null", value: null, style: "plain", range };
    }
    throw new TooDeep(range);
  }

  /**
   * An item of a `!!omap` or `!!pairs` list: PyYAML's constructor takes the
   * one pair of a mapping node as it is written (no duplicate or hashability
   * check, no merge), and refuses any other node.
   */
  private pairItem(node: Node, range: Range, depth: number, what: string): YNode {
    const target = isAlias(node) ? node.resolve(this.doc) : node;
    if (!isMap(target) || target.items.length !== 1) {
      const found = isMap(target)
        ? `a single mapping item, but found ${target.items.length} items`
        : `a mapping of length 1, but found ${isSeq(target) ? "sequence" : "scalar"}`;
      this.refuse(`while constructing ${what}: expected ${found}`, this.rangeOf(node));
      return this.build(node, range, depth);
    }
    if (target !== node) return this.build(node, range, depth);
    const at = this.rangeOf(node);
    const pair = node.items[0] as { key: Node | null; value: Node | null };
    const pairs = this.inside(node, "mapping", at, () => {
      this.slot = 0;
      const key = pair.key && isScalar(pair.key) ? this.scalar(pair.key) : this.build(pair.key, at, depth);
      this.slot = 1;
      return [{ key, value: this.build(pair.value, key.range, depth) }];
    });
    return { kind: "map", pairs, range: at };
  }

  /** An explicit tag on a collection that PyYAML cannot construct it with. */
  private checkCollectionTag(tag: string | undefined, found: "mapping" | "sequence", range: Range): void {
    if (!tag || tag === "!") return;
    const error = collectionTagError(tag, found);
    if (error) this.refuse(error, range);
  }

  private enter(weight: number, range: Range): void {
    this.nesting += weight;
    if (this.nesting > MAX_NESTING_WEIGHT) throw new TooDeep(range);
  }

  /** A value PyYAML's safe loader refuses: reported, and the file counts as not loadable. */
  private refuse(detail: string, range: Range, type: ConstructionError["type"] = "ConstructorError"): void {
    this.unloadable = true;
    const at = orderOf(this.path, this.slot);
    if (this.firstError === undefined || compareOrder(at, this.firstErrorAt) < 0) {
      this.firstError = { error: detail, type };
      this.firstErrorAt = at;
    }
    this.diagnostics.push(diagnostic("ORQ1005", { detail }, { file: this.file, range }));
  }

  private scalar(node: Scalar, asKey = false): YScalar {
    const written = this.rangeOf(node);
    // A quoted "" the loader put in for an anchored empty key (fillEmptyKey) is the empty plain scalar it stands for.
    const inserted = written.start === written.end && node.value === "";
    const style = inserted ? "plain" : (STYLE[node.type ?? Scalar.PLAIN] ?? "plain");
    const range = style === "plain" ? this.trimEnd(written) : written;
    const tag = cTag(node.tag);
    // An empty plain scalar (a missing value) is the parser's, not a token of libyaml's scanner.
    const value =
      (node.source === "" ? undefined : this.libyaml.scalarValues?.get(range.start)) ??
      (typeof node.value === "string" ? node.value : (node.source ?? ""));
    if (tag && tag !== "!") {
      // A key tagged !!merge is a merge key (the mapping merges it), not a value to construct.
      if (asKey && tag === MERGE_TAG) return { kind: "scalar", pyType: "str", value, style, range };
      const resolved = resolveTaggedScalar(tag, value);
      if ("error" in resolved) {
        this.refuse(resolved.error, range, resolved.type);
        return { kind: "scalar", pyType: "str", value, style, range };
      }
      return { kind: "scalar", style, range, ...resolved };
    }
    if (resolvedImplicitly(tag, style, value)) {
      // YAML 1.1 gives a plain `=` the value tag and a plain `<<` the merge tag; PyYAML
      // constructs neither (a `<<` key is merged by the mapping instead).
      const head = pythonDollarHead(value);
      if (head === "=" || (head === "<<" && !asKey)) {
        const name = head === "=" ? "value" : "merge";
        this.refuse(`could not determine a constructor for the tag 'tag:yaml.org,2002:${name}'`, range);
      }
      const resolved = resolvePlainScalar(value);
      if ("error" in resolved) {
        this.refuse(resolved.error, range, resolved.type);
        return { kind: "scalar", pyType: "str", value, style, range };
      }
      return { kind: "scalar", style, range, ...resolved };
    }
    return { kind: "scalar", pyType: "str", value, style, range };
  }

  private map(items: readonly unknown[], range: Range, depth: number): YMap {
    const pairs: YPair[] = [];
    const seen = new Map<string, number>();
    // A key set again keeps its place; safe_load keeps the key first written too (True
    // stays True after a later `1:`), the workflow loader the one nearest the mapping.
    const put = (pair: YPair): void => {
      const k = pairKey(pair.key);
      const at = seen.get(k);
      if (at === undefined) {
        seen.set(k, pairs.length);
        pairs.push(pair);
      } else pairs[at] = this.duplicateKeys === "last" ? { key: pairs[at]!.key, value: pair.value } : pair;
    };
    const merged: YPair[] = [];
    const own: YPair[] = [];
    for (const [i, item] of items.entries()) {
      const it = item as { key: Node | null; value: Node | null };
      this.slot = 2 * i;
      const key = it.key && isScalar(it.key) ? this.scalar(it.key, true) : this.build(it.key, range, depth);
      this.slot = 2 * i + 1;
      const value = this.build(it.value, key.range, depth);
      if (isMergeKey(it.key, key)) {
        this.mergeKeys.push(key.range);
        // flatten_mapping reads the merges before the mapping constructs any of its own nodes.
        this.slot = -1;
        this.collectMerge(value, merged);
        continue;
      }
      this.slot = 2 * i;
      if (key.kind !== "scalar") {
        const type = key.kind === "map" ? "dict" : "list";
        this.refuse(
          `while constructing a mapping: found unacceptable key (unhashable type: '${type}')`,
          key.range,
        );
        continue;
      }
      const k = pairKey(key);
      if (this.duplicateKeys === "refuse" && own.some((p) => pairKey(p.key) === k)) {
        const node = it.key as Scalar | null;
        const text = typeof node?.value === "string" ? node.value : (node?.source ?? "");
        this.repeated.push({ range: key.range, text });
        this.diagnostics.push(
          diagnostic("ORQ1002", { key: keyText(key) }, { file: this.file, range: key.range }),
        );
        continue;
      }
      own.push({ key, value });
    }
    for (const pair of merged) put(pair);
    for (const pair of own) put(pair);
    return { kind: "map", pairs, range };
  }

  /**
   * PyYAML's flatten_mapping: the pairs a `<<` brings in, a list of mappings
   * taken last to first (so that, the last value of a key winning, the first
   * mapping wins).
   */
  private collectMerge(value: YNode, out: YPair[]): void {
    if (value.kind === "map") {
      out.push(...value.pairs);
      return;
    }
    if (value.kind !== "seq") {
      this.refuse("expected a mapping or list of mappings for merging, but found scalar", value.range);
      return;
    }
    const groups: (readonly YPair[])[] = [];
    for (const item of value.items) {
      if (item.kind !== "map") {
        this.refuse(
          `expected a mapping for merging, but found ${item.kind === "seq" ? "sequence" : "scalar"}`,
          item.range,
        );
        return;
      }
      groups.push(item.pairs);
    }
    for (const pairs of groups.reverse()) out.push(...pairs);
  }
}

/**
 * PyYAML builds a collection empty and fills it later, a whole level at a
 * time (construct_document's state generators): the scalars of the top
 * collection, then those of each collection it holds, in order, and so on. So
 * a node's place in that order is its collection's depth, then the path to
 * that collection, then its own position in it.
 */
function orderOf(path: readonly number[], slot: number): number[] {
  return [path.length, ...path, slot];
}

function compareOrder(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** Keys equal in Python are the same key: True == 1 == 1.0, False == 0 == 0.0. */
function pairKey(node: YNode): string {
  if (node.kind !== "scalar") return `${node.kind}@${node.range.start}`;
  const v = node.value;
  if (typeof v === "boolean") return `number:${v ? 1 : 0}`;
  if (typeof v === "bigint") return `number:${v.toString()}`;
  return `${typeof v}:${String(v)}`;
}

function clampRange(file: SourceFile, start: number, end: number): Range {
  const s = Math.max(0, Math.min(start, file.text.length));
  return { start: s, end: Math.max(s, Math.min(end, file.text.length)) };
}

function yamlErrorText(code: string, message: string): string {
  if (code === "MULTIPLE_DOCS") return "expected a single document in the stream, found several";
  return firstLine(message);
}

function firstLine(message: string): string {
  const line = message.split("\n")[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, "");
}

/** Maps offsets of a text with inserted text back to the original text. */
class OffsetShift {
  /** Sorted [offset in the patched text, number of characters inserted there]. */
  readonly inserts: Array<[number, number]> = [];
  back(offset: number): number {
    let out = offset;
    for (const [at, n] of this.inserts) {
      if (offset >= at + n) out -= n;
      else if (offset >= at) out -= offset - at;
    }
    return out;
  }
}

/** text with strings put in at offsets in order, and the shift back to text's offsets. */
function withInserts(text: string, inserts: readonly Insert[]): { text: string; shift: OffsetShift } {
  const shift = new OffsetShift();
  let out = "";
  let from = 0;
  for (const [offset, piece] of inserts) {
    out += text.slice(from, offset) + piece;
    shift.inserts.push([out.length - piece.length, piece.length]);
    from = offset;
  }
  return { text: out + text.slice(from), shift };
}

function parse(text: string): Document {
  return parseDocument(text, {
    version: "1.1",
    schema: "failsafe",
    uniqueKeys: false,
    merge: false,
    prettyErrors: false,
    strict: false,
  });
}

/**
 * libyaml reads the lines of a flow collection (`[`, `{` over several lines)
 * and the continuation lines of a quoted scalar at any indentation; the yaml
 * package wants them indented past the block around them. The spaces that
 * indent every such line that far (spaces between flow tokens, or before a
 * folded line of a scalar, change no value).
 */
function reindentation(text: string): Insert[] {
  const inserts: Insert[] = [];
  for (const { offset, blockIndent } of looseLines(text) ?? []) {
    let spaces = 0;
    while (text[offset + spaces] === " ") spaces++;
    const need = blockIndent + 1 - spaces;
    if (need > 0) inserts.push([offset, " ".repeat(need)]);
  }
  return inserts;
}

/**
 * libyaml takes a lone CR, NEL (U+0085), LS and PS (U+2028, U+2029) as line
 * breaks, like LF; the yaml package does not. It reads them as LF (one
 * character for one, so offsets stay those of the file). libyaml keeps a CR
 * or NEL in a value as "\n" (its READ_LINE) but an LS or PS as it is: the
 * values of a text holding one come from libyamlRead's scalarValues.
 */
const LIBYAML_NEWLINES = /\r(?!\n)|[\u0085\u2028\u2029]/g;

/** text with inserts, line breaks as the yaml package reads them, parsed. */
function parsePatched(text: string, inserts: readonly Insert[]): { doc: Document; shift: OffsetShift } {
  const patched = withInserts(text, inserts);
  return { doc: parse(patched.text.replace(LIBYAML_NEWLINES, "\n")), shift: patched.shift };
}

/**
 * The document as the yaml package reads it, given libyaml's reading: text
 * put in where libyaml's tokens need it (`inserts`, from libyamlRead), and
 * read again re-indented where only the yaml package's indentation rules
 * stop it. Callers ask libyaml first, so an error left is one of the yaml
 * package's own, most often about indentation libyaml does not require.
 */
function readDocument(text: string, inserts: readonly Insert[]): { doc: Document; shift: OffsetShift } {
  const first = parsePatched(text, inserts);
  if (first.doc.errors.length === 0) return first;
  const reindent = reindentation(text);
  if (reindent.length === 0) return first;
  // A line's indentation goes before a quote put in at its start (the sort is stable).
  const both = [...reindent, ...inserts].sort((a, b) => a[0] - b[0]);
  const second = parsePatched(text, both);
  return second.doc.errors.length === 0 ? second : first;
}

/** A file that does not load, for one reason. */
export function refusedFile(file: SourceFile, reason: Diagnostic): ParsedYaml {
  return { file, root: null, diagnostics: [reason], mergeKeys: [], duplicateKeys: [] };
}

/** Parses one YAML document the way StackStorm would read it. */
export function parseYaml(file: SourceFile): ParsedYaml {
  const bad = unreadable(file.text);
  if (bad) {
    const range = { start: bad.at, end: bad.at + bad.char.length };
    return refusedFile(file, diagnostic("ORQ1001", { detail: bad.message }, { file, range }));
  }
  const simple = parseSimpleYaml(file.text);
  if (simple) return { file, root: simple, diagnostics: [], mergeKeys: [], duplicateKeys: [] };
  return parseYamlFull(file);
}

/** libyaml's refusal as a diagnostic at its problem's mark. */
function libyamlDiagnostic(file: SourceFile, e: LibyamlError): Diagnostic {
  const at = e.problemMark.offset;
  const range = { start: at, end: Math.min(file.text.length, at + 1) };
  const hint = e.tab ? " (a tab: StackStorm's YAML loader refuses one here; use spaces)" : "";
  return diagnostic("ORQ1001", { detail: `${libyamlErrorDetail(e)}${hint}` }, { file, range });
}

/** The full parser, without the fast path for simple files (exported for differential tests). */
export function parseYamlFull(file: SourceFile): ParsedYaml {
  const refused = (d: Diagnostic): ParsedYaml => refusedFile(file, d);
  const libyaml = libyamlRead(file.text);
  if (libyaml.error)
    return { ...refused(libyamlDiagnostic(file, libyaml.error)), libyamlError: libyaml.error };
  let doc: Document;
  let shift: OffsetShift;
  try {
    ({ doc, shift } = readDocument(file.text, libyaml.inserts));
  } catch (err) {
    // The yaml package recurses per level too, and runs out of stack far deeper than Orquesta can load.
    if (isStackOverflow(err))
      return refused(diagnostic("ORQ1008", {}, { file, range: { start: 0, end: 0 } }));
    const detail = err instanceof Error ? err.message : String(err);
    return refused(diagnostic("ORQ1001", { detail }, { file, range: { start: 0, end: 0 } }));
  }
  const errors = doc.errors.map((e) => {
    const at = { file, range: clampRange(file, e.pos[0], e.pos[1]) };
    return isStackOverflowMessage(e.message)
      ? diagnostic("ORQ1008", {}, at)
      : diagnostic("ORQ1001", { detail: yamlErrorText(e.code, e.message) }, at);
  });
  if (errors.length > 0) return refused(errors[0]!);
  const builder = new Builder(file, doc, shift, "refuse", libyaml);
  const contents = doc.contents as Node | null;
  let root: YNode | null;
  try {
    root = contents === null ? null : builder.build(contents, { start: 0, end: 0 });
  } catch (err) {
    if (err instanceof AliasExpansion)
      return refused(diagnostic("ORQ1007", { limit: MAX_YAML_NODES }, { file, range: err.range }));
    if (err instanceof TooDeep) return refused(diagnostic("ORQ1008", {}, { file, range: err.range }));
    throw err;
  }
  const { diagnostics, mergeKeys, repeated: duplicateKeys } = builder;
  if (builder.unloadable || (root && root.kind === "scalar" && root.value === null))
    return { file, root: null, diagnostics, mergeKeys, duplicateKeys };
  return { file, root, diagnostics, mergeKeys, duplicateKeys };
}

/** Characters PyYAML's reader refuses (its NON_PRINTABLE), lone surrogates included. */
const NON_PRINTABLE = /[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;

/** The first character PyYAML's reader refuses, with its ReaderError message. */
function unreadable(text: string): { at: number; char: string; message: string } | undefined {
  const bad = NON_PRINTABLE.exec(text);
  if (!bad) return undefined;
  const code = bad[0].codePointAt(0)!.toString(16).padStart(4, "0");
  return {
    at: bad.index,
    char: bad[0],
    message: `unacceptable character #x${code}: control characters are not allowed`,
  };
}

/** What `yaml.safe_load(text)` gives, as a tree, or the exception it raises. */
export type YamlData = { readonly root: YNode | null } | { readonly error: string; readonly type: string };

/**
 * yaml.safe_load of a string (StackStorm's from_yaml_string): the workflow
 * loader's reading, but a repeated key keeps its last value and nothing is
 * reported, only the first exception PyYAML would raise.
 */
export function parseYamlData(text: string): YamlData {
  const bad = unreadable(text);
  if (bad) return { type: "ReaderError", error: bad.message };
  const simple = parseSimpleYaml(text);
  return simple ? { root: simple } : parseYamlDataFull(text);
}

/**
 * parseYamlData without the fast path for simple texts, for a text PyYAML's
 * reader takes (as parseYamlFull; exported for differential tests).
 */
export function parseYamlDataFull(text: string): YamlData {
  const libyaml = libyamlRead(text);
  if (libyaml.error) return { type: libyaml.error.type, error: pyYamlErrorText(libyaml.error) };
  const file = { path: "<unicode string>", text };
  let doc: Document;
  let shift: OffsetShift;
  try {
    ({ doc, shift } = readDocument(text, libyaml.inserts));
  } catch (err) {
    if (isStackOverflow(err)) return { type: "RecursionError", error: "maximum recursion depth exceeded" };
    return { type: "ScannerError", error: err instanceof Error ? err.message : String(err) };
  }
  const first = doc.errors[0];
  if (first)
    return {
      type: first.code === "MULTIPLE_DOCS" ? "ComposerError" : "ScannerError",
      error: yamlErrorText(first.code, first.message),
    };
  const builder = new Builder(file, doc, shift, "last", libyaml);
  const contents = doc.contents as Node | null;
  try {
    const root = contents === null ? null : builder.build(contents, { start: 0, end: 0 });
    if (builder.firstError) return builder.firstError;
    return { root };
  } catch (err) {
    if (err instanceof AliasExpansion)
      return { type: "MemoryError", error: `the aliases expand past ${MAX_YAML_NODES} values` };
    if (err instanceof TooDeep) return { type: "RecursionError", error: "maximum recursion depth exceeded" };
    throw err;
  }
}
