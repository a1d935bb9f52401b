// Prints diagnostics like tsc (`path:line:col - error ORQ2003: message`), with a
// code frame when asked (on a TTY), or as JSON for `--format json`.

import { relative } from "node:path";
import type { Diagnostic } from "../../compiler/source/diagnostic";
import { type DiagnosticCode, MESSAGES } from "../../compiler/source/messages";
import { lineColOf } from "../../compiler/source/source-file";
import { codeFrame } from "./code-frame";
import type { Palette } from "./color";

export interface PrintOptions {
  readonly palette: Palette;
  readonly frames: boolean;
  /** Paths are printed relative to this folder. */
  readonly cwd: string;
}

function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel.startsWith("..") && rel.split("/").filter((s) => s === "..").length > 3 ? path : rel || path;
}

export function formatDiagnostic(d: Diagnostic, o: PrintOptions): string {
  const p = o.palette;
  const sev =
    d.severity === "error" ? p.red("error") : d.severity === "warning" ? p.yellow("warning") : p.cyan("info");
  const head = `${sev} ${p.gray(`${d.code}:`)} ${d.message}`;
  if (!d.file) return `orqc: ${head}`;
  const path = displayPath(d.file.path, o.cwd);
  if (!d.range) return `${p.cyan(path)} - ${head}`;
  const { line, col } = lineColOf(d.file, d.range.start);
  const loc = `${p.cyan(path)}:${p.yellow(String(line))}:${p.yellow(String(col))}`;
  const text = `${loc} - ${head}`;
  return o.frames ? `${text}\n\n${codeFrame(d.file, d.range, p)}\n` : text;
}

export interface JsonDiagnostic {
  code: string;
  severity: string;
  message: string;
  title: string;
  file: string | null;
  line: number | null;
  column: number | null;
  endLine: number | null;
  endColumn: number | null;
  start: number | null;
  end: number | null;
}

export function toJson(d: Diagnostic, cwd: string): JsonDiagnostic {
  const start = d.file && d.range ? lineColOf(d.file, d.range.start) : undefined;
  const end = d.file && d.range ? lineColOf(d.file, d.range.end) : undefined;
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    title: MESSAGES[d.code as DiagnosticCode]?.title ?? "",
    file: d.file ? displayPath(d.file.path, cwd) : null,
    line: start?.line ?? null,
    column: start?.col ?? null,
    endLine: end?.line ?? null,
    endColumn: end?.col ?? null,
    start: d.range?.start ?? null,
    end: d.range?.end ?? null,
  };
}

export function summary(diags: readonly Diagnostic[], files: number, p: Palette): string {
  const errors = diags.filter((d) => d.severity === "error").length;
  const warnings = diags.filter((d) => d.severity === "warning").length;
  const filesWithErrors = new Set(diags.filter((d) => d.severity === "error").map((d) => d.file?.path)).size;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;
  const head = errors > 0 ? p.red(plural(errors, "error")) : "no errors";
  return `${head}, ${plural(warnings, "warning")} in ${plural(files, "workflow")} (${plural(filesWithErrors, "file")} with errors)`;
}
