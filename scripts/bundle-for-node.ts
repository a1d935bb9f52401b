// Bundles a TypeScript entry into one ESM file for Node, packages kept external
// (so the file must sit inside the repository for node_modules to resolve):
// the CLI for end-to-end tests and benchmarks, and their worker processes.

import { build } from "esbuild";

export async function bundleForNode(entry: string, outfile: string): Promise<string> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    logLevel: "warning",
  });
  return outfile;
}
