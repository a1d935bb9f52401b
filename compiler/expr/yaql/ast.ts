// YAQL syntax tree: the shapes yaql 3.2's grammar builds, with source offsets
// (relative to the text inside `<% %>`, after stripping) for diagnostics.

import type { PyValue } from "../../../runtime/stdlib/py/value";

export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A quoted string, number, true/false/null. */
export interface ConstNode extends Span {
  readonly kind: "const";
  readonly value: PyValue;
}

/** An unquoted word used as a value: `ctx(foo)` passes the string 'foo'. */
export interface KeywordNode extends Span {
  readonly kind: "keyword";
  readonly name: string;
}

/** `$`, `$name`, `$1`: a context variable (`$` is `$1`). */
export interface DollarNode extends Span {
  readonly kind: "dollar";
  readonly name: string;
}

/** `( expr )` */
export interface WrapNode extends Span {
  readonly kind: "wrap";
  readonly expr: YaqlNode;
}

/** `f(args)`; as the right side of `.` it is a method call on the left side. */
export interface CallNode extends Span {
  readonly kind: "call";
  readonly name: string;
  readonly args: readonly YaqlArg[];
}

export interface BinaryNode extends Span {
  readonly kind: "binary";
  readonly op: string;
  readonly left: YaqlNode;
  readonly right: YaqlNode;
}

export interface UnaryNode extends Span {
  readonly kind: "unary";
  readonly op: string;
  readonly operand: YaqlNode;
}

/** `target[args]` */
export interface IndexNode extends Span {
  readonly kind: "index";
  readonly target: YaqlNode;
  readonly args: readonly YaqlArg[];
}

/** `[args]` */
export interface ListNode extends Span {
  readonly kind: "list";
  readonly args: readonly YaqlArg[];
}

/** `{args}`, each arg normally `key => value` */
export interface MapNode extends Span {
  readonly kind: "map";
  readonly args: readonly YaqlArg[];
}

export type YaqlNode =
  | ConstNode
  | KeywordNode
  | DollarNode
  | WrapNode
  | CallNode
  | BinaryNode
  | UnaryNode
  | IndexNode
  | ListNode
  | MapNode;

/** `key => value` in an argument list. */
export interface MappingArg extends Span {
  readonly kind: "mapping";
  readonly key: YaqlNode;
  readonly value: YaqlNode;
}

/** A skipped positional argument: `f(1,,2)`. */
export interface NoValueArg extends Span {
  readonly kind: "novalue";
}

export type YaqlArg = YaqlNode | MappingArg | NoValueArg;

/** Nodes that yaql marks `uses_receiver`: only these can be the right side of `.` for a method call. */
export function usesReceiver(node: YaqlNode): boolean {
  return node.kind === "call";
}

/** A node that evaluates to an already computed value (for calls made from code). */
export function constNode(value: PyValue): YaqlNode {
  return { kind: "const", value, start: 0, end: 0 };
}
