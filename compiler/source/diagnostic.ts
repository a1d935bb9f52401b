// Diagnostics: every user-facing problem is one of these, built through
// `diagnostic()` from the message catalog. Collected and returned, never thrown.

import type { SourceFile } from "./source-file";

export type Severity = "error" | "warning" | "info";

export interface Range {
  /** Offset of the first character. */
  readonly start: number;
  /** Offset one past the last character. */
  readonly end: number;
}

export interface RelatedInfo {
  readonly message: string;
  readonly file?: SourceFile;
  readonly range?: Range;
}

export interface Diagnostic {
  /** Stable code, e.g. "ORQ2003": 1xxx YAML/schema, 2xxx graph, 3xxx expressions, 4xxx passes, 5xxx emit/bundle, 6xxx runtime. */
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly file?: SourceFile;
  readonly range?: Range;
  readonly related?: readonly RelatedInfo[];
}

export function hasErrors(diags: readonly Diagnostic[]): boolean {
  return diags.some((d) => d.severity === "error");
}
