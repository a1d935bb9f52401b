// Failures the CLI reports outside source diagnostics (those print as
// file:line:col - error ORQnnnn: ...). One line each, with a stable code per
// kind of failure (docs/diagnostics.md):
//   orqc <command>: error ORQ00nn: <message>
//   orqc <command>: file:line:col - error ORQ00nn: <message>   (a place in an input file)

import { JsonDecodeError } from "../runtime/stdlib/functions/py-json";

export const CLI_ERROR_CODES = {
  /** Arguments or flags the command cannot use (exit 2). */
  usage: "ORQ0001",
  /** An input file or JSON argument that cannot be read or parsed, or has the wrong shape (exit 2). */
  input: "ORQ0002",
  /** Redis or another service the command needs cannot be reached (exit 1). */
  service: "ORQ0003",
  /** What was asked for failed or does not exist: an expression, a run, a key, an execution (exit 1). */
  failed: "ORQ0004",
  /** An inquiry that does not exist or takes no response any more (answered, timed out, canceled) (exit 1). */
  inquiry: "ORQ0005",
  /** An inquiry response its schema refuses (exit 1). */
  response: "ORQ0006",
  /** An inquiry response from a user the inquiry does not list (exit 1). */
  unauthorized: "ORQ0007",
} as const;

export type CliErrorKind = keyof typeof CLI_ERROR_CODES;

/** Where in an input file a failure is (1-based line and column). */
export interface InputPlace {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** One line; with a place, `orqc <command>: file:line:col - error ORQ00nn: <message>` as diagnostics print. */
export function reportError(command: string, kind: CliErrorKind, message: string, at?: InputPlace): void {
  const where = at ? `${at.file}:${at.line}:${at.column} - ` : "";
  process.stderr.write(`orqc ${command}: ${where}error ${CLI_ERROR_CODES[kind]}: ${message}\n`);
}

/** The place of a JSON syntax error in `file`, if `e` is one. */
export function jsonErrorPlace(e: unknown, file: string): InputPlace | undefined {
  return e instanceof JsonDecodeError ? { file, line: e.line, column: e.column } : undefined;
}
