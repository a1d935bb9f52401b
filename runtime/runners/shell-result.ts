// StackStorm's shell result: `{failed, succeeded, return_code, stdout,
// stderr}` (+ `error`), streams stripped of one trailing newline and parsed
// as JSON when they are JSON; status from the exit code (-9 timeout, -15
// abandoned, 0 succeeded, anything else failed).

import type { JsonObject, JsonValue } from "../backend/types";
import { parseValue } from "../backend/value-json";
import type { RunnerStatus } from "./types";

export interface ShellOutcome {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  readonly canceled?: boolean;
  readonly error?: string;
}

export function stripShellChars(text: string): string {
  let out = text.endsWith("\n") ? text.slice(0, -1) : text;
  out = out.endsWith("\r") ? out.slice(0, -1) : out;
  return out;
}

/** JSON when the whole text is JSON (st2's best-effort json_loads, Python's reading), the text otherwise. */
export function tryJson(text: string): JsonValue {
  if (text.length === 0) return text;
  try {
    return parseValue<JsonValue>(text);
  } catch {
    return text;
  }
}

export function shellResult(outcome: ShellOutcome, timeoutSeconds: number): JsonObject {
  const exitCode = outcome.timedOut ? -9 : outcome.exitCode;
  const succeeded = exitCode === 0;
  const error = outcome.timedOut ? `Action failed to complete in ${timeoutSeconds} seconds` : outcome.error;
  return {
    failed: !succeeded,
    succeeded,
    return_code: exitCode,
    stdout: tryJson(stripShellChars(outcome.stdout)),
    stderr: tryJson(stripShellChars(outcome.stderr)),
    ...(error ? { error } : {}),
  };
}

export function shellStatus(outcome: ShellOutcome): RunnerStatus {
  if (outcome.canceled) return "canceled";
  if (outcome.timedOut) return "timeout";
  switch (outcome.exitCode) {
    case 0:
      return "succeeded";
    case -9:
      return "timeout";
    case -15:
      return "abandoned";
    default:
      return "failed";
  }
}
