// The one factory every diagnostic is built by: code + typed arguments from the
// catalog, plus where it points.

import type { Diagnostic, Range, RelatedInfo } from "./diagnostic";
import { type DiagnosticCode, MESSAGES, type MessageArgs } from "./messages";
import type { SourceFile } from "./source-file";

export interface Location {
  readonly file?: SourceFile;
  readonly range?: Range;
}

export function diagnostic<C extends DiagnosticCode>(
  code: C,
  args: MessageArgs<C>,
  at: Location = {},
  related?: readonly RelatedInfo[],
): Diagnostic {
  const entry = MESSAGES[code];
  const text = entry.text as (a: MessageArgs<C>) => string;
  return {
    code,
    severity: entry.severity,
    message: text(args),
    ...(at.file ? { file: at.file } : {}),
    ...(at.range ? { range: at.range } : {}),
    ...(related && related.length > 0 ? { related } : {}),
  };
}

/** Orders diagnostics by file path, then position, then code, for stable output. */
export function sortDiagnostics(diags: readonly Diagnostic[]): Diagnostic[] {
  return [...diags].sort((a, b) => {
    const pa = a.file?.path ?? "";
    const pb = b.file?.path ?? "";
    if (pa !== pb) return pa < pb ? -1 : 1;
    const sa = a.range?.start ?? -1;
    const sb = b.range?.start ?? -1;
    if (sa !== sb) return sa - sb;
    return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
  });
}
