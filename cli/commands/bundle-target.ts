// `orqc run build/pack.flow.js`: a compiled bundle's file stands for its ref
// in the folder it was compiled to (the entry of manifest.json that names it).

import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { UsageError } from "../../runtime/worker/cli-support";

interface ManifestEntry {
  readonly ref?: unknown;
  readonly entry_point?: unknown;
}

/** The bundles folder and ref for a target naming a bundle file; undefined for any other target. */
export function bundleFileTarget(target: string): { bundlesDir: string; ref: string } | undefined {
  if (!target.endsWith(".js") || !existsSync(target)) return undefined;
  const dir = dirname(target);
  const manifestPath = join(dir, "manifest.json");
  if (!existsSync(manifestPath))
    throw new UsageError(
      `${target}: no manifest.json beside it; run a bundle from the folder orqc compile -o wrote`,
    );
  let actions: readonly ManifestEntry[] = [];
  try {
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { actions?: ManifestEntry[] };
    actions = Array.isArray(manifest.actions) ? manifest.actions : [];
  } catch (err) {
    throw new UsageError(
      `${manifestPath}: not a manifest written by orqc compile (${(err as Error).message})`,
    );
  }
  const entry = actions.find((a) => a.entry_point === basename(target));
  if (!entry || typeof entry.ref !== "string")
    throw new UsageError(
      `${target}: manifest.json has no action for this file; compile it again (orqc compile ... -o ${dir})`,
    );
  return { bundlesDir: dir, ref: entry.ref };
}
