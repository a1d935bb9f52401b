// Turns "this expression inside the value at this YAML path" into a source range:
// exact inside plain and quoted single-line scalars, the whole scalar otherwise.

import { type NodePath, nodeAt, type YNode, type YScalar } from "../load/yaml-node";
import type { Range } from "../source/diagnostic";
import type { SourceFile } from "../source/source-file";

function scalars(node: YNode, out: YScalar[]): YScalar[] {
  if (node.kind === "scalar") out.push(node);
  else if (node.kind === "seq") for (const item of node.items) scalars(item, out);
  else {
    for (const pair of node.pairs) {
      scalars(pair.key, out);
      scalars(pair.value, out);
    }
  }
  return out;
}

/** Source offset of character `i` of a scalar's value, when the text maps one to one. */
function valueOffset(file: SourceFile, s: YScalar, i: number): number | undefined {
  if (typeof s.value !== "string") return undefined;
  const quote = s.style === "single" || s.style === "double" ? 1 : s.style === "plain" ? 0 : -1;
  if (quote < 0) return undefined;
  const start = s.range.start + quote;
  return file.text.slice(start, start + s.value.length) === s.value ? start + i : undefined;
}

export interface LocateOptions {
  /** The expression text (or whole string) the problem is in. */
  readonly expression?: string;
  /** Offset of the problem inside `expression`. */
  readonly offset?: number;
  /** A word to point at inside `expression` (e.g. a variable name). */
  readonly needle?: string;
  /** Length of the range to mark from the problem offset. */
  readonly length?: number;
  /** Point at the mapping key of the node rather than its value. */
  readonly key?: boolean;
}

/** The range a diagnostic about the node at `path` should point at. */
export function locate(file: SourceFile, root: YNode, path: NodePath, opts: LocateOptions = {}): Range {
  const found = nodeAt(root, path);
  const node = found.node;
  if (!opts.expression) return (opts.key && found.complete ? found.key : undefined)?.range ?? node.range;
  const expr = opts.expression;
  const holder = scalars(node, []).find((s) => typeof s.value === "string" && s.value.includes(expr));
  if (!holder) return node.range;
  const base = (holder.value as string).indexOf(expr);
  let at = opts.offset ?? 0;
  let length = opts.length ?? 1;
  if (opts.needle) {
    const n = escapeRegExp(opts.needle);
    const m = new RegExp(
      `ctx\\(\\)\\.(?:get\\(\\s*['"]?)?${n}\\b|ctx\\(\\s*['"]?${n}['"]?\\s*\\)|ctx\\(\\)\\s*\\[\\s*['"]${n}['"]`,
    ).exec(expr);
    if (m) {
      at = m.index + m[0].lastIndexOf(opts.needle);
      length = opts.needle.length;
    } else {
      at = 0;
      length = expr.length;
    }
  }
  const start = valueOffset(file, holder, base + at);
  const end = valueOffset(file, holder, base + at + length);
  if (start === undefined || end === undefined) return holder.range;
  return { start, end: Math.max(end, start + 1) };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&");
}
