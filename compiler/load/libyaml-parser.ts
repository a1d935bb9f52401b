// libyaml's parser (0.2.5) over libyaml-scanner.ts's tokens, and the checks
// of PyYAML's C composer (aliases, anchors, one document), run the way
// yaml.load(text, CSafeLoader) pulls events: the first error PyYAML raises
// for a text, with its words and marks. The values themselves come from the
// yaml package (parse-yaml.ts); this only decides where and why libyaml stops.

import { LibyamlError, type Mark } from "./libyaml-reader";
import { LibyamlScanner, type TextInsert, type Token, type TokenType } from "./libyaml-scanner";

type EventType =
  | "stream-start"
  | "stream-end"
  | "document-start"
  | "document-end"
  | "alias"
  | "scalar"
  | "sequence-start"
  | "sequence-end"
  | "mapping-start"
  | "mapping-end";

interface YamlEvent {
  readonly type: EventType;
  readonly start: Mark;
  /** An alias's name, or the anchor of a node. */
  readonly anchor?: string;
}

type State =
  | "stream-start"
  | "implicit-document-start"
  | "document-start"
  | "document-content"
  | "document-end"
  | "block-node"
  | "block-sequence-first-entry"
  | "block-sequence-entry"
  | "indentless-sequence-entry"
  | "block-mapping-first-key"
  | "block-mapping-key"
  | "block-mapping-value"
  | "flow-sequence-first-entry"
  | "flow-sequence-entry"
  | "flow-sequence-entry-mapping-key"
  | "flow-sequence-entry-mapping-value"
  | "flow-sequence-entry-mapping-end"
  | "flow-mapping-first-key"
  | "flow-mapping-key"
  | "flow-mapping-value"
  | "flow-mapping-empty-value"
  | "end";

/** Nesting past this is left to the yaml package's own limits (PyYAML's composer recurses too). */
const MAX_DEPTH = 900;

class NoVerdict extends Error {}

function parserError(
  context: string | null,
  contextMark: Mark | null,
  problem: string,
  at: Mark,
): LibyamlError {
  return new LibyamlError("ParserError", context, contextMark, problem, at);
}

class LibyamlParser {
  private readonly scanner: LibyamlScanner;
  private state: State = "stream-start";
  private readonly states: State[] = [];
  private readonly marks: Mark[] = [];
  /** The tag handles of the current document (its %TAG directives and the two defaults). */
  private handles = new Set<string>();

  constructor(text: string, values = false) {
    this.scanner = new LibyamlScanner(text, values);
  }

  /** See LibyamlScanner.inserts. */
  get inserts(): readonly TextInsert[] {
    return this.scanner.inserts;
  }

  /** See LibyamlScanner.scalarValues. */
  get scalarValues(): ReadonlyMap<number, string> {
    return this.scanner.scalarValues;
  }

  private peek(): Token {
    return this.scanner.peek();
  }

  private skip(): void {
    this.scanner.skipToken();
  }

  private pop(): State {
    return this.states.pop() ?? "end";
  }

  /** The next event (libyaml's yaml_parser_parse). */
  next(): YamlEvent {
    switch (this.state) {
      case "stream-start": {
        const token = this.peek();
        this.state = "implicit-document-start";
        this.skip();
        return { type: "stream-start", start: token.start };
      }
      case "implicit-document-start":
        return this.documentStart(true);
      case "document-start":
        return this.documentStart(false);
      case "document-content": {
        const token = this.peek();
        if (DOCUMENT_BOUNDARY.has(token.type)) {
          this.state = this.pop();
          return empty(token.start);
        }
        return this.node(true, false);
      }
      case "document-end": {
        const token = this.peek();
        if (token.type === "document-end") this.skip();
        this.handles = new Set();
        this.state = "document-start";
        return { type: "document-end", start: token.start };
      }
      case "block-node":
        return this.node(true, false);
      case "block-sequence-first-entry":
        return this.blockSequenceEntry(true);
      case "block-sequence-entry":
        return this.blockSequenceEntry(false);
      case "indentless-sequence-entry":
        return this.indentlessSequenceEntry();
      case "block-mapping-first-key":
        return this.blockMappingKey(true);
      case "block-mapping-key":
        return this.blockMappingKey(false);
      case "block-mapping-value":
        return this.blockMappingValue();
      case "flow-sequence-first-entry":
        return this.flowSequenceEntry(true);
      case "flow-sequence-entry":
        return this.flowSequenceEntry(false);
      case "flow-sequence-entry-mapping-key":
        return this.flowSequenceEntryMappingKey();
      case "flow-sequence-entry-mapping-value":
        return this.flowSequenceEntryMappingValue();
      case "flow-sequence-entry-mapping-end": {
        const token = this.peek();
        this.state = "flow-sequence-entry";
        return { type: "mapping-end", start: token.start };
      }
      case "flow-mapping-first-key":
        return this.flowMappingKey(true);
      case "flow-mapping-key":
        return this.flowMappingKey(false);
      case "flow-mapping-value":
        return this.flowMappingValue(false);
      case "flow-mapping-empty-value":
        return this.flowMappingValue(true);
      case "end":
        throw new NoVerdict("the stream has ended");
    }
  }

  private documentStart(implicit: boolean): YamlEvent {
    let token = this.peek();
    if (!implicit)
      while (token.type === "document-end") {
        this.skip();
        token = this.peek();
      }
    if (implicit && !DOCUMENT_HEAD.has(token.type)) {
      this.directives();
      this.states.push("document-end");
      this.state = "block-node";
      return { type: "document-start", start: token.start };
    }
    if (token.type !== "stream-end") {
      const start = token.start;
      this.directives();
      token = this.peek();
      if (token.type !== "document-start")
        throw parserError(null, null, "did not find expected <document start>", token.start);
      this.states.push("document-end");
      this.state = "document-content";
      this.skip();
      return { type: "document-start", start };
    }
    this.state = "end";
    this.skip();
    return { type: "stream-end", start: token.start };
  }

  private directives(): void {
    let version = false;
    let token = this.peek();
    while (token.type === "version-directive" || token.type === "tag-directive") {
      if (token.type === "version-directive") {
        if (version) throw parserError(null, null, "found duplicate %YAML directive", token.start);
        if (token.major !== 1 || (token.minor !== 1 && token.minor !== 2))
          throw parserError(null, null, "found incompatible YAML document", token.start);
        version = true;
      } else {
        if (this.handles.has(token.value!))
          throw parserError(null, null, "found duplicate %TAG directive", token.start);
        this.handles.add(token.value!);
      }
      this.skip();
      token = this.peek();
    }
    this.handles.add("!");
    this.handles.add("!!");
  }

  private node(block: boolean, indentlessSequence: boolean): YamlEvent {
    let token = this.peek();
    if (token.type === "alias") {
      this.state = this.pop();
      this.skip();
      return { type: "alias", start: token.start, anchor: token.value! };
    }
    const start = token.start;
    let anchor: string | undefined;
    let tag: Token | undefined;
    if (token.type === "anchor") {
      anchor = token.value!;
      this.skip();
      token = this.peek();
      if (token.type === "tag") {
        tag = token;
        this.skip();
        token = this.peek();
      }
    } else if (token.type === "tag") {
      tag = token;
      this.skip();
      token = this.peek();
      if (token.type === "anchor") {
        anchor = token.value!;
        this.skip();
        token = this.peek();
      }
    }
    if (tag?.value && !this.handles.has(tag.value))
      throw parserError("while parsing a node", start, "found undefined tag handle", tag.start);
    const withAnchor = (type: EventType): YamlEvent => ({
      type,
      start,
      ...(anchor !== undefined ? { anchor } : {}),
    });
    if (indentlessSequence && token.type === "block-entry") {
      this.state = "indentless-sequence-entry";
      return withAnchor("sequence-start");
    }
    switch (token.type) {
      case "scalar":
        this.state = this.pop();
        this.skip();
        return withAnchor("scalar");
      case "flow-sequence-start":
        this.state = "flow-sequence-first-entry";
        return withAnchor("sequence-start");
      case "flow-mapping-start":
        this.state = "flow-mapping-first-key";
        return withAnchor("mapping-start");
      case "block-sequence-start":
        if (!block) break;
        this.state = "block-sequence-first-entry";
        return withAnchor("sequence-start");
      case "block-mapping-start":
        if (!block) break;
        this.state = "block-mapping-first-key";
        return withAnchor("mapping-start");
      default:
        break;
    }
    if (anchor !== undefined || tag) {
      this.state = this.pop();
      return withAnchor("scalar");
    }
    throw parserError(
      block ? "while parsing a block node" : "while parsing a flow node",
      start,
      "did not find expected node content",
      token.start,
    );
  }

  /** The token ending a collection: the collection's end event. */
  private closing(type: "sequence-end" | "mapping-end"): YamlEvent {
    const token = this.peek();
    this.state = this.pop();
    this.marks.pop();
    this.skip();
    return { type, start: token.start };
  }

  /** Entries of a flow collection after its first are separated by `,`: the token after it. */
  private afterSeparator(first: boolean, token: Token, context: string, problem: string): Token {
    if (first) return token;
    if (token.type !== "flow-entry") throw parserError(context, this.marks.pop()!, problem, token.start);
    this.skip();
    return this.peek();
  }

  /** The first token of a collection: its mark is kept for the collection's errors. */
  private opening(first: boolean): void {
    if (!first) return;
    this.marks.push(this.peek().start);
    this.skip();
  }

  /** An entry after an indicator: a node, or an empty scalar when `ends` says what follows ends it. */
  private entry(
    ends: ReadonlySet<TokenType>,
    after: State,
    mark: Mark,
    block: boolean,
    indentless = false,
  ): YamlEvent {
    const token = this.peek();
    if (!ends.has(token.type)) {
      this.states.push(after);
      return this.node(block, indentless);
    }
    this.state = after;
    return empty(mark);
  }

  private blockSequenceEntry(first: boolean): YamlEvent {
    this.opening(first);
    const token = this.peek();
    if (token.type === "block-entry") {
      this.skip();
      return this.entry(BLOCK_ENTRY_ENDS, "block-sequence-entry", token.start, true);
    }
    if (token.type === "block-end") return this.closing("sequence-end");
    throw parserError(
      "while parsing a block collection",
      this.marks.pop()!,
      "did not find expected '-' indicator",
      token.start,
    );
  }

  private indentlessSequenceEntry(): YamlEvent {
    const token = this.peek();
    if (token.type === "block-entry") {
      this.skip();
      return this.entry(INDENTLESS_ENTRY_ENDS, "indentless-sequence-entry", token.start, true);
    }
    this.state = this.pop();
    return { type: "sequence-end", start: token.start };
  }

  private blockMappingKey(first: boolean): YamlEvent {
    this.opening(first);
    const token = this.peek();
    if (token.type === "key") {
      this.skip();
      return this.entry(MAPPING_PART_ENDS, "block-mapping-value", token.start, true, true);
    }
    if (token.type === "block-end") return this.closing("mapping-end");
    throw parserError(
      "while parsing a block mapping",
      this.marks.pop()!,
      "did not find expected key",
      token.start,
    );
  }

  private blockMappingValue(): YamlEvent {
    const token = this.peek();
    if (token.type === "value") {
      this.skip();
      return this.entry(MAPPING_PART_ENDS, "block-mapping-key", token.start, true, true);
    }
    this.state = "block-mapping-key";
    return empty(token.start);
  }

  private flowSequenceEntry(first: boolean): YamlEvent {
    this.opening(first);
    let token = this.peek();
    if (token.type !== "flow-sequence-end") {
      token = this.afterSeparator(
        first,
        token,
        "while parsing a flow sequence",
        "did not find expected ',' or ']'",
      );
      if (token.type === "key") {
        this.state = "flow-sequence-entry-mapping-key";
        this.skip();
        return { type: "mapping-start", start: token.start };
      }
      if (token.type !== "flow-sequence-end") {
        this.states.push("flow-sequence-entry");
        return this.node(false, false);
      }
    }
    return this.closing("sequence-end");
  }

  private flowSequenceEntryMappingKey(): YamlEvent {
    const token = this.peek();
    if (!FLOW_PAIR_KEY_ENDS.has(token.type)) {
      this.states.push("flow-sequence-entry-mapping-value");
      return this.node(false, false);
    }
    this.skip();
    this.state = "flow-sequence-entry-mapping-value";
    return empty(token.start);
  }

  private flowSequenceEntryMappingValue(): YamlEvent {
    let token = this.peek();
    if (token.type === "value") {
      this.skip();
      token = this.peek();
      if (token.type !== "flow-entry" && token.type !== "flow-sequence-end") {
        this.states.push("flow-sequence-entry-mapping-end");
        return this.node(false, false);
      }
    }
    this.state = "flow-sequence-entry-mapping-end";
    return empty(token.start);
  }

  private flowMappingKey(first: boolean): YamlEvent {
    this.opening(first);
    let token = this.peek();
    if (token.type !== "flow-mapping-end") {
      token = this.afterSeparator(
        first,
        token,
        "while parsing a flow mapping",
        "did not find expected ',' or '}'",
      );
      if (token.type === "key") {
        this.skip();
        token = this.peek();
        if (!FLOW_MAPPING_KEY_ENDS.has(token.type)) {
          this.states.push("flow-mapping-value");
          return this.node(false, false);
        }
        this.state = "flow-mapping-value";
        return empty(token.start);
      }
      if (token.type !== "flow-mapping-end") {
        this.states.push("flow-mapping-empty-value");
        return this.node(false, false);
      }
    }
    return this.closing("mapping-end");
  }

  private flowMappingValue(emptyValue: boolean): YamlEvent {
    let token = this.peek();
    if (emptyValue) {
      this.state = "flow-mapping-key";
      return empty(token.start);
    }
    if (token.type === "value") {
      this.skip();
      token = this.peek();
      if (token.type !== "flow-entry" && token.type !== "flow-mapping-end") {
        this.states.push("flow-mapping-key");
        return this.node(false, false);
      }
    }
    this.state = "flow-mapping-key";
    return empty(token.start);
  }
}

const DOCUMENT_HEAD = new Set<TokenType>([
  "version-directive",
  "tag-directive",
  "document-start",
  "stream-end",
]);
const DOCUMENT_BOUNDARY = new Set<TokenType>([...DOCUMENT_HEAD, "document-end"]);
const BLOCK_ENTRY_ENDS = new Set<TokenType>(["block-entry", "block-end"]);
const INDENTLESS_ENTRY_ENDS = new Set<TokenType>(["block-entry", "key", "value", "block-end"]);
const MAPPING_PART_ENDS = new Set<TokenType>(["key", "value", "block-end"]);
const FLOW_PAIR_KEY_ENDS = new Set<TokenType>(["value", "flow-entry", "flow-sequence-end"]);
const FLOW_MAPPING_KEY_ENDS = new Set<TokenType>(["value", "flow-entry", "flow-mapping-end"]);

function empty(mark: Mark): YamlEvent {
  return { type: "scalar", start: mark };
}

/** PyYAML's composer over the events: aliases to earlier anchors, no anchor twice, one document. */
class Composer {
  private readonly anchors = new Map<string, Mark>();
  private depth = 0;

  constructor(private readonly parser: LibyamlParser) {}

  singleDocument(): void {
    this.parser.next();
    let event = this.parser.next();
    let root: Mark | undefined;
    if (event.type !== "stream-end") {
      root = this.node(this.parser.next());
      this.parser.next();
      this.anchors.clear();
      event = this.parser.next();
    }
    if (event.type !== "stream-end")
      throw new LibyamlError(
        "ComposerError",
        "expected a single document in the stream",
        root ?? null,
        "but found another document",
        event.start,
      );
  }

  /** Composes the node `event` starts; returns its start mark. */
  private node(event: YamlEvent): Mark {
    if (event.type === "alias") {
      if (!this.anchors.has(event.anchor!))
        throw new LibyamlError("ComposerError", null, null, "found undefined alias", event.start);
      return event.start;
    }
    const anchor = event.anchor;
    if (anchor !== undefined) {
      const first = this.anchors.get(anchor);
      if (first)
        throw new LibyamlError(
          "ComposerError",
          "found duplicate anchor; first occurrence",
          first,
          "second occurrence",
          event.start,
        );
      this.anchors.set(anchor, event.start);
    }
    if (event.type === "scalar") return event.start;
    if (++this.depth > MAX_DEPTH) throw new NoVerdict("too deep");
    const end = event.type === "sequence-start" ? "sequence-end" : "mapping-end";
    for (let child = this.parser.next(); child.type !== end; child = this.parser.next()) this.node(child);
    this.depth--;
    return event.start;
  }
}

/** What libyaml's reading of a text tells the loader: the error PyYAML raises, or what to correct in the yaml package's values. */
export interface LibyamlReading {
  readonly error?: LibyamlError;
  /** Text the yaml package needs put in to read libyaml's tokens (LibyamlScanner.inserts). */
  readonly inserts: readonly TextInsert[];
  /**
   * libyaml's value of the scalars whose value the yaml package gets wrong,
   * by start offset: a block scalar ending the text with no line break, and
   * every scalar when the text holds an LS or PS (U+2028, U+2029; libyaml
   * reads them as line breaks and keeps them in values, so the loader gives
   * the yaml package LFs and takes the values from here).
   */
  readonly scalarValues?: ReadonlyMap<number, string>;
}

/**
 * yaml.load(text, Loader=CSafeLoader) up to composing (before constructing
 * values): the error it raises, if any (none where this cannot tell: nesting
 * deeper than PyYAML's recursion allows).
 */
export function libyamlRead(text: string, values = LINE_SEPARATORS.test(text)): LibyamlReading {
  const parser = new LibyamlParser(text, values);
  let complete = true;
  try {
    new Composer(parser).singleDocument();
  } catch (e) {
    if (e instanceof LibyamlError) return { error: e, inserts: [] };
    if (!(e instanceof NoVerdict)) throw e;
    complete = false;
  }
  const scalarValues = parser.scalarValues;
  return { inserts: parser.inserts, ...(complete && scalarValues.size > 0 ? { scalarValues } : {}) };
}

/** LS and PS: line breaks for libyaml, text for the yaml package. */
export const LINE_SEPARATORS = /[\u2028\u2029]/;

/** The error yaml.load(text, Loader=CSafeLoader) raises while reading and composing text, or undefined. */
export function libyamlLoadError(text: string): LibyamlError | undefined {
  return libyamlRead(text).error;
}

/** PyYAML's str() of the error: context, its mark unless it is the problem's, problem, its mark. */
export function pyYamlErrorText(e: LibyamlError, name = "<unicode string>"): string {
  const mark = (m: Mark): string => `  in "${name}", line ${m.line + 1}, column ${m.column + 1}`;
  const lines: string[] = [];
  if (e.context !== null) lines.push(e.context);
  if (
    e.contextMark &&
    (e.contextMark.line !== e.problemMark.line || e.contextMark.column !== e.problemMark.column)
  )
    lines.push(mark(e.contextMark));
  lines.push(e.problem, mark(e.problemMark));
  return lines.join("\n");
}

/** The error in one line, for a diagnostic placed at the problem's mark. */
export function libyamlErrorDetail(e: LibyamlError): string {
  const m = e.contextMark;
  const where =
    m && (m.line !== e.problemMark.line || m.column !== e.problemMark.column)
      ? ` (line ${m.line + 1}, column ${m.column + 1})`
      : "";
  return e.context === null ? e.problem : `${e.context}${where}: ${e.problem}`;
}
