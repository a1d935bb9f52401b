// Translates golden expression values, prints them into one module, transpiles
// it with esbuild, writes it to a temp dir and imports it: the functions come
// back in input order (null where a value was not translated).

import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { transformSync } from "esbuild";
import { ts } from "ts-morph";
import type { ExpressionCase } from "../../../../compiler/expr/cases";
import { translateValue } from "../../../../compiler/expr/translate/index";
import { printFunctionsModule, RT } from "../../../../compiler/expr/translate/module";
import type { ExprEnv } from "../../../../runtime/stdlib/functions/env";
import { pyJsonLoads } from "../../../../runtime/stdlib/functions/py-json";
import * as ops from "../../../../runtime/stdlib/ops/index";
import type { PyValue } from "../../../../runtime/stdlib/py/value";

/** The repository root: the nearest directory above the working directory holding orqc's package.json. */
function findRepo(): string {
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && /"name": "orqc"/.test(readFileSync(pkg, "utf8"))) return dir;
    if (dirname(dir) === dir) throw new Error("run from inside the orqc repository");
  }
}

export const REPO = findRepo();
export const CASES_FILE = resolve(REPO, "../shared/golden/expressions/cases.json");
export const OPS_MODULE = resolve(REPO, "runtime/stdlib/ops/index");

export type Translated = (env: ExprEnv) => PyValue;

export interface GoldenCase extends ExpressionCase {
  readonly expected: {
    readonly value?: unknown;
    readonly type?: string;
    readonly float_paths?: string[];
    readonly error_type?: string;
  };
}

/**
 * The golden cases parsed as Python would (1.0 stays a float), as `orqc eval
 * --cases` reads them. Each call returns fresh data: some cases mutate their context.
 */
export function loadCases(): GoldenCase[] {
  const text = readFileSync(CASES_FILE, "utf8");
  const plain = (JSON.parse(text) as { cases: GoldenCase[] }).cases;
  const doc = pyJsonLoads(text) as unknown as { cases: GoldenCase[] };
  return doc.cases.map((c, i) => ({ ...c, expected: plain[i]!.expected }));
}

/** The printed TypeScript module for the values, and which of them were translated. */
export function buildModule(values: readonly PyValue[]): { source: string; translated: boolean[] } {
  const placeholder = ts.factory.createNull();
  const fns = values.map((v) => translateValue(v, RT));
  const source = printFunctionsModule(
    fns.map((fn) => fn ?? placeholder),
    OPS_MODULE,
  );
  return { source, translated: fns.map((fn) => fn !== null) };
}

/** Transpiles and imports a module printed by buildModule. */
export async function loadModule(source: string): Promise<(Translated | null)[]> {
  const js = transformSync(source, { loader: "ts", format: "esm", target: "node20" }).code;
  const dir = mkdtempSync(join(tmpdir(), "orqc-translate-"));
  const file = join(dir, "translated.mjs");
  writeFileSync(file, js);
  const mod = (await import(pathToFileURL(file).href)) as {
    load(rt: typeof ops.ops): (Translated | null)[];
  };
  // The plain object a bundle's runtime API hands over as `$rt.ops` (runtime/api).
  return mod.load(ops.ops);
}

export async function translateAll(values: readonly PyValue[]): Promise<(Translated | null)[]> {
  return loadModule(buildModule(values).source);
}
