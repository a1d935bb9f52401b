// esbuild step: each emitted TypeScript module becomes one self-contained JS
// file (the runtime API arrives as an argument, so nothing is imported) with a
// source map back to the generated TypeScript, whose comments point at YAML.
// All modules of a compile go through one esbuild run.

import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { build } from "esbuild";

/** Only the runtime API may be imported, and only for types (erased). */
const IMPORT_ALLOWLIST = new Set(["orqc:runtime"]);

export interface EmittedModule {
  readonly name: string;
  readonly source: string;
}

export function tsPathOf(outDir: string, name: string): string {
  return join(outDir, "src", `${name}.ts`);
}

export async function bundleModules(modules: readonly EmittedModule[], outDir: string): Promise<void> {
  if (modules.length === 0) return;
  const entryPoints: Record<string, string> = {};
  for (const m of modules) {
    const tsPath = tsPathOf(outDir, m.name);
    mkdirSync(dirname(tsPath), { recursive: true });
    writeFileSync(tsPath, m.source);
    entryPoints[m.name] = tsPath;
  }
  await build({
    entryPoints,
    outdir: outDir,
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    sourcemap: true,
    legalComments: "none",
    logLevel: "silent",
    plugins: [
      {
        name: "orqc-import-allowlist",
        setup(b) {
          b.onResolve({ filter: /.*/ }, (args) => {
            if (args.kind === "entry-point") return undefined;
            if (IMPORT_ALLOWLIST.has(args.path)) return { path: args.path, external: true };
            return { errors: [{ text: `generated code may not import "${args.path}"` }] };
          });
        },
      },
    ],
  });
}

export function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}
