// Runs `orqc eval --cases` on the golden expression cases and compares each
// result with the README's rules: errors by category; values by deep
// equality (object key order ignored), type and float_paths.

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { isDeepStrictEqual } from "node:util";

export const REPO = resolve(__dirname, "../..");
export const EXPRESSION_CASES = resolve(REPO, "../shared/golden/expressions/cases.json");
export const BUILT_CLI = resolve(REPO, "dist/orqc.js");

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface Expected {
  readonly value?: Json;
  readonly type?: string;
  readonly float_paths?: string[];
  readonly error_type?: string;
}

interface GoldenCase {
  readonly id: string;
  readonly expected: Expected;
}

interface CliResult {
  readonly id: string;
  readonly value?: Json;
  readonly type?: string;
  readonly float_paths?: string[];
  readonly error_type?: string;
  readonly message?: string;
}

export interface CaseOutcome {
  readonly id: string;
  /** Why the case fails, or undefined when it passes. */
  readonly diff?: string;
}

const clip = (s: string, n = 160): string => (s.length > n ? `${s.slice(0, n - 3)}...` : s);
const show = (r: CliResult | Expected): string =>
  r.error_type !== undefined
    ? `error ${r.error_type}${"message" in r && r.message ? ` (${r.message})` : ""}`
    : `${JSON.stringify(r.value)} (${r.type}${r.float_paths?.length ? ` floats ${r.float_paths.join(",")}` : ""})`;

export function compareCase(expected: Expected, got: CliResult | undefined): string | undefined {
  if (!got) return "no result from the CLI";
  if (expected.error_type !== undefined) {
    if (got.error_type === expected.error_type) return undefined;
    return clip(`expected error ${expected.error_type}, got ${show(got)}`);
  }
  const sameFloats = isDeepStrictEqual(
    [...(expected.float_paths ?? [])].sort(),
    [...(got.float_paths ?? [])].sort(),
  );
  if (
    got.error_type === undefined &&
    got.type === expected.type &&
    isDeepStrictEqual(got.value, expected.value) &&
    sameFloats
  )
    return undefined;
  return clip(`expected ${show(expected)}, got ${show(got)}`);
}

export function runExpressionConformance(): CaseOutcome[] {
  const golden = JSON.parse(readFileSync(EXPRESSION_CASES, "utf8")) as { cases: GoldenCase[] };
  const stdout = execFileSync(
    process.execPath,
    [BUILT_CLI, "eval", "--cases", EXPRESSION_CASES, "--format", "json"],
    {
      cwd: REPO,
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  const results = new Map((JSON.parse(stdout) as CliResult[]).map((r) => [r.id, r]));
  return golden.cases.map((c) => ({ id: c.id, diff: compareCase(c.expected, results.get(c.id)) }));
}
