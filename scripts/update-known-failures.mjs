// Regenerates test/conformance/expressions-known-failures.json from the
// current build: builds the CLI, then runs the expression conformance test
// with ORQC_UPDATE_KNOWN_FAILURES=1 (the test writes the list). Reads the
// golden cases in ../shared; writes only inside this repository.
import { execFileSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..");
execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: repo, stdio: "inherit" });
execFileSync("npx", ["vitest", "run", "test/conformance/expressions.test.ts"], {
  cwd: repo,
  stdio: "inherit",
  env: { ...process.env, ORQC_UPDATE_KNOWN_FAILURES: "1" },
});
