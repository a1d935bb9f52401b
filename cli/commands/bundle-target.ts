// `orqc run build/pack.flow.js`: a compiled bundle's file stands for its ref
// in the folder it was compiled to (the entry of manifest.json that names it).

import { existsSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { readBundleManifest } from "../../runtime/host/programs";
import { UsageError } from "../../runtime/worker/cli-support";

/** The bundles folder and ref for a target naming a bundle file; undefined for any other target. */
export function bundleFileTarget(target: string): { bundlesDir: string; ref: string } | undefined {
  if (!target.endsWith(".js") || !existsSync(target)) return undefined;
  const dir = dirname(target);
  let actions: ReturnType<typeof readBundleManifest>;
  try {
    actions = readBundleManifest(dir);
  } catch (err) {
    throw new UsageError(
      `${join(dir, "manifest.json")}: not a manifest written by orqc compile (${(err as Error).message})`,
    );
  }
  if (!actions)
    throw new UsageError(
      `${target}: no manifest.json beside it; run a bundle from the folder orqc compile -o wrote`,
    );
  const entry = actions.find((a) => a.entry_point === basename(target));
  if (!entry || typeof entry.ref !== "string")
    throw new UsageError(
      `${target}: manifest.json has no action for this file; compile it again (orqc compile ... -o ${dir})`,
    );
  return { bundlesDir: dir, ref: entry.ref };
}
