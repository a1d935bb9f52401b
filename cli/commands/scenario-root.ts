// Where `orqc simulate` resolves the workflow paths of golden scenarios
// ("corpus/pack/actions/workflows/x.yaml"): --root when given; otherwise the
// nearest folder above the cases folder (or the scenario file) under which
// those workflows exist, so that a golden set copied anywhere with its corpus
// beside it runs without --root; otherwise ../shared beside the project.

import { existsSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** How many folders above the cases folder are tried. */
const LEVELS = 6;

export function scenarioRoot(
  explicit: string | undefined,
  start: string | undefined,
  workflows: readonly string[],
): string {
  if (explicit !== undefined) return resolve(explicit);
  const relative = workflows.filter((w) => w !== "" && !isAbsolute(w));
  if (start !== undefined && relative.length > 0) {
    let dir = resolve(start);
    for (let i = 0; i < LEVELS; i++) {
      if (relative.every((w) => existsSync(resolve(dir, w)))) return dir;
      const up = dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  return projectShared();
}

/** ../shared beside the project (dist/orqc.js or cli/commands/*.ts -> project). */
function projectShared(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    if (existsSync(resolve(dir, "package.json"))) return resolve(dir, "..", "shared");
    dir = dirname(dir);
  }
  return resolve(process.cwd(), "..", "shared");
}
