// Case files recorded from PyYAML or Orquesta's loader next to the tests that
// replay them: `{recorded_with, cases: [...]}`.

import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The `cases` of a recorded case file in this folder. */
export function recordedCases<T>(file: string): T[] {
  return (JSON.parse(readFileSync(join(__dirname, file), "utf8")) as { cases: T[] }).cases;
}
