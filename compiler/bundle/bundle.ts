// esbuild step: the emitted TypeScript module becomes one self-contained JS
// file (the runtime API arrives as an argument, so nothing is imported) with a
// source map back to the generated TypeScript, whose comments point at YAML.

import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { build } from "esbuild";

export interface BundleFiles {
  readonly js: string;
  readonly ts: string;
}

/** Only the runtime API may be imported, and only for types (erased). */
const IMPORT_ALLOWLIST = new Set(["orqc:runtime"]);

export async function bundleModule(source: string, outDir: string, name: string): Promise<BundleFiles> {
  const tsPath = join(outDir, "src", `${name}.ts`);
  const jsPath = join(outDir, `${name}.js`);
  mkdirSync(dirname(tsPath), { recursive: true });
  writeFileSync(tsPath, source);
  await build({
    stdin: { contents: source, loader: "ts", sourcefile: `${name}.ts`, resolveDir: dirname(tsPath) },
    outfile: jsPath,
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
            if (IMPORT_ALLOWLIST.has(args.path)) return { path: args.path, external: true };
            return { errors: [{ text: `generated code may not import "${args.path}"` }] };
          });
        },
      },
    ],
  });
  return { js: jsPath, ts: tsPath };
}

export function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}
