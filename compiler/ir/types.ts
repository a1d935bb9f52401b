// The workflow IR: a checked Orquesta definition as plain readonly data.
// Built once from the parsed YAML (build.ts); the graph (graph.ts) and the
// reference interpreter read it, compiler passes rewrite it.

import type { PyValue } from "../../runtime/stdlib/py/value";

/** A span of the source text (offsets), when the loader kept positions. */
export interface SourceSpan {
  readonly start: number;
  readonly end: number;
}

/** One `input` item: `name` or `{name: default}`. */
export interface InputParamIR {
  readonly kind: "input";
  readonly name: string;
  /** The declared default (null for a bare name). */
  readonly default: PyValue;
}

/** One `vars`, `output` or `publish` item: `{name: value}` (value may hold expressions). */
export interface NamedValueIR {
  readonly kind: "named-value";
  readonly name: string;
  readonly value: PyValue;
}

export interface TransitionIR {
  readonly kind: "transition";
  /** Index of the entry in the task's `next` list (Orquesta's `ref`). */
  readonly index: number;
  /** The `when` expression, or null (always true). */
  readonly condition: string | null;
  readonly publish: readonly NamedValueIR[];
  /** Targets of `do`, in written order; `["continue"]` when `do` is omitted. */
  readonly targets: readonly string[];
  readonly span?: SourceSpan;
}

export interface WithItemsIR {
  readonly kind: "with-items";
  /** The raw `items` text, e.g. `host in <% ctx(hosts) %>`. */
  readonly items: string;
  /** The expression part after ` in ` (or the whole text, trimmed). */
  readonly itemsExpression: string;
  /** Item names before ` in `, or null for the shorthand form. */
  readonly names: readonly string[] | null;
  /** Integer, expression string, or null. */
  readonly concurrency: PyValue;
}

export interface RetryIR {
  readonly kind: "retry";
  readonly when: string | null;
  /** Integer or expression string. */
  readonly count: PyValue;
  /** Integer, expression string, or null. */
  readonly delay: PyValue;
}

export type JoinIR = { readonly kind: "join-all" } | { readonly kind: "join-count"; readonly count: number };

export interface TaskIR {
  readonly kind: "task";
  readonly name: string;
  /** Action ref (may be an expression), or null for an actionless task. */
  readonly action: string | null;
  /** The task input (mapping or expression string); null when absent. */
  readonly input: PyValue;
  readonly join: JoinIR | null;
  readonly withItems: WithItemsIR | null;
  readonly retry: RetryIR | null;
  /** Integer, expression string, or null. */
  readonly delay: PyValue;
  readonly next: readonly TransitionIR[];
  readonly span?: SourceSpan;
}

export interface WorkflowIR {
  readonly kind: "workflow";
  readonly version: PyValue;
  readonly description: string | null;
  readonly input: readonly InputParamIR[];
  readonly vars: readonly NamedValueIR[];
  readonly output: readonly NamedValueIR[];
  /** Tasks in definition order. */
  readonly tasks: readonly TaskIR[];
}

/** Orquesta's engine commands: usable in `do`, reserved as task names. */
export const ENGINE_COMMANDS: readonly string[] = ["continue", "fail", "noop", "retry"];
