// Bundles the CLI into dist/orqc.js so that `npx orqc` starts fast after `npm ci`.
import { build } from "esbuild";

await build({
  entryPoints: { orqc: "cli/main.ts" },
  outdir: "dist",
  // Commands load heavy parts (TypeScript, esbuild, Redis clients) on use.
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
});
