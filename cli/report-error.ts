// Failures the CLI reports outside source diagnostics (those print as
// file:line:col - error ORQnnnn: ...). One line each, with a stable code per
// kind of failure (docs/diagnostics.md):
//   orqc <command>: error ORQ00nn: <message>

export const CLI_ERROR_CODES = {
  /** Arguments or flags the command cannot use (exit 2). */
  usage: "ORQ0001",
  /** An input file or JSON argument that cannot be read or parsed, or has the wrong shape (exit 2). */
  input: "ORQ0002",
  /** Redis or another service the command needs cannot be reached (exit 1). */
  service: "ORQ0003",
  /** What was asked for failed or does not exist: an expression, a run, a key, an execution (exit 1). */
  failed: "ORQ0004",
} as const;

export type CliErrorKind = keyof typeof CLI_ERROR_CODES;

export function reportError(command: string, kind: CliErrorKind, message: string): void {
  process.stderr.write(`orqc ${command}: error ${CLI_ERROR_CODES[kind]}: ${message}\n`);
}
