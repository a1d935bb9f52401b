// The entries Orquesta's inspector produces, plus (for orqc's own diagnostics)
// the YAML path each one is about.

import type { NodePath } from "../load/yaml-node";
import type { SchemaIssue } from "../schema/validate";

export type InspectionCategory = "syntax" | "semantics" | "expressions" | "context";

export interface RawEntry {
  readonly category: InspectionCategory;
  readonly message: string;
  readonly spec_path: string | null;
  readonly schema_path: string | null;
  /** Expression and context entries: the expression language (null for mixed). */
  readonly language?: "yaql" | "jinja" | null;
  readonly expression?: string;
  /** Where in the YAML the entry points (orqc only; not part of Orquesta's output). */
  readonly path: NodePath;
  /** Offset of the problem inside `expression`, when known (orqc only). */
  readonly exprOffset?: number;
  /** The variable name of a context entry (orqc only). */
  readonly variable?: string;
  /** The task name of a semantic entry (orqc only). */
  readonly task?: string;
  /** Which check produced a semantic entry (orqc only). */
  readonly check?: "reserved" | "start" | "undefined" | "join" | "with-items";
  /** The schema problem behind a syntax entry (orqc only). */
  readonly issue?: SchemaIssue;
}

const TASK_SCHEMA = "properties.tasks.patternProperties.^\\w+$";
export const taskSchemaPath = TASK_SCHEMA;

/** Python's sort by (schema_path, spec_path); None sorts only against equal prefixes. */
export function sortEntries<T extends { schema_path: string | null; spec_path: string | null }>(
  entries: T[],
): T[] {
  const cmp = (a: string | null, b: string | null): number => {
    const x = a ?? "";
    const y = b ?? "";
    return x < y ? -1 : x > y ? 1 : 0;
  };
  return entries
    .map((e, i) => ({ e, i }))
    .sort((p, q) => cmp(p.e.schema_path, q.e.schema_path) || cmp(p.e.spec_path, q.e.spec_path) || p.i - q.i)
    .map((p) => p.e);
}
