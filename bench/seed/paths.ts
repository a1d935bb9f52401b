// Where the benchmark finds the repository and the example packs: the nearest
// folder above this module (or the working directory, when bundled elsewhere)
// that holds examples/monitoring.

import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

function findRoot(start: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "examples", "monitoring")) && existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

export const repoRoot =
  findRoot(dirname(fileURLToPath(import.meta.url))) ?? findRoot(process.cwd()) ?? resolve(process.cwd());
export const examplesDir = join(repoRoot, "examples");
export const HOST_CHECK = "monitoring.host_check";
