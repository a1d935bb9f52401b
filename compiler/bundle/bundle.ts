// esbuild step: each emitted TypeScript module becomes one self-contained JS
// file (the runtime API arrives as an argument, so nothing is imported) with a
// source map back to the generated TypeScript, whose comments point at YAML.
// All modules of a compile go through one esbuild run (one at a time only
// when that run fails, to find the module at fault).

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

/** A module esbuild could not bundle, with esbuild's first error. */
export interface BundleFailure {
  readonly name: string;
  readonly message: string;
}

/**
 * Bundles every module in one esbuild run. Should that run fail (a fault in
 * the generated code), each module is bundled on its own, so that one bad
 * module fails alone; the failures come back, the rest are written.
 */
export async function bundleModules(
  modules: readonly EmittedModule[],
  outDir: string,
): Promise<BundleFailure[]> {
  if (modules.length === 0) return [];
  const entryPoints: Record<string, string> = {};
  for (const m of modules) {
    const tsPath = tsPathOf(outDir, m.name);
    mkdirSync(dirname(tsPath), { recursive: true });
    writeFileSync(tsPath, m.source);
    entryPoints[m.name] = tsPath;
  }
  try {
    await buildEntries(entryPoints, outDir);
    return [];
  } catch {
    const failures: BundleFailure[] = [];
    for (const [name, tsPath] of Object.entries(entryPoints)) {
      try {
        await buildEntries({ [name]: tsPath }, outDir);
      } catch (err) {
        failures.push({ name, message: firstError(err) });
      }
    }
    return failures;
  }
}

function firstError(err: unknown): string {
  const errors = (err as { errors?: Array<{ text?: string }> }).errors;
  return errors?.[0]?.text ?? (err instanceof Error ? err.message : String(err));
}

async function buildEntries(entryPoints: Record<string, string>, outDir: string): Promise<void> {
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
