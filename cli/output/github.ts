// Diagnostics as GitHub Actions workflow commands (`--format github`): each
// becomes an annotation on the file and line of the pull request, e.g.
//   ::error file=actions/workflows/x.yaml,line=12,col=9,title=ORQ2003::task "notify" is not defined

import type { JsonDiagnostic } from "./diagnostics";

/** Escapes a command's message (GitHub's rules: %, CR and LF). */
const escapeData = (s: string): string => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");

/** Escapes a property value: the data escapes plus the separators : and ,. */
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

const COMMAND: Record<string, string> = { error: "error", warning: "warning" };

export function githubAnnotation(d: JsonDiagnostic): string {
  const props: string[] = [];
  if (d.file !== null) props.push(`file=${escapeProperty(d.file)}`);
  if (d.line !== null) props.push(`line=${d.line}`);
  if (d.column !== null) props.push(`col=${d.column}`);
  if (d.endLine !== null) props.push(`endLine=${d.endLine}`);
  if (d.endColumn !== null && d.endLine === d.line) props.push(`endColumn=${d.endColumn}`);
  props.push(`title=${escapeProperty(`${d.code} ${d.title}`.trim())}`);
  return `::${COMMAND[d.severity] ?? "notice"} ${props.join(",")}::${escapeData(d.message)}`;
}
