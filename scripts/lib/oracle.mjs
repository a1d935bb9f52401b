// What the fuzzers that run the real Orquesta 1.6.0 share: the check that its
// sources are there (ORQUESTA_SRC), and running a program that prints JSON.

import { spawnSync } from "node:child_process";

export function requireOrquestaSrc() {
  if (!process.env.ORQUESTA_SRC) {
    console.error("set ORQUESTA_SRC (see scripts/orquesta-inspect/inspect_workflows.py)");
    process.exit(2);
  }
}

/** StackStorm's source and semver's (scripts/expr-diff/st2_source_functions.py), with Orquesta's. */
export function requireSt2Src() {
  requireOrquestaSrc();
  if (!process.env.ST2_SRC || !process.env.SEMVER_SRC) {
    console.error("set ST2_SRC and SEMVER_SRC (see scripts/expr-diff/st2_source_functions.py)");
    process.exit(2);
  }
}

/** The JSON a command prints; its stderr and exit 2 when it fails. */
export function runJson(command, args) {
  const r = spawnSync(command, args, { encoding: "utf8", maxBuffer: 1 << 28 });
  if (r.status !== 0) {
    console.error(`${command} ${args[0]} failed:\n${r.stderr}`);
    process.exit(2);
  }
  return JSON.parse(r.stdout);
}
