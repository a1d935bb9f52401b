#!/usr/bin/env node
// Runs a TypeScript file with Node: bundles it with esbuild (packages kept
// external) into node_modules/.cache/run-ts/ and imports the result, passing
// the remaining command-line arguments through.
// Usage: node scripts/run-ts.mjs bench/expressions.ts [args...]

import { mkdirSync, rmSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

const entry = process.argv[2];
if (!entry) {
  console.error("usage: node scripts/run-ts.mjs <file.ts> [args...]");
  process.exit(2);
}
const root = resolve(import.meta.dirname, "..");
const outDir = join(root, "node_modules", ".cache", "run-ts");
mkdirSync(outDir, { recursive: true });
const outfile = join(outDir, `${basename(entry).replace(/\.ts$/, "")}-${process.pid}.mjs`);
await build({
  entryPoints: [resolve(entry)],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  outfile,
  sourcemap: "inline",
  logLevel: "warning",
  banner: {
    js: "import { createRequire as __orqcCreateRequire } from 'node:module'; const require = __orqcCreateRequire(import.meta.url); const __dirname = import.meta.dirname; const __filename = import.meta.filename;",
  },
});
process.argv.splice(1, 2, outfile);
try {
  await import(pathToFileURL(outfile).href);
} finally {
  rmSync(outfile, { force: true });
}
