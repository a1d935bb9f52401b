// Finds the YAML files under the paths given on the command line, and the pack
// each lies in (the nearest ancestor folder with pack.yaml or an actions/ folder).

import { existsSync, readdirSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

export interface FoundFile {
  readonly path: string;
  /** Root folder of the pack the file lies in, if any. */
  readonly packDir?: string;
  /** True when the file was named on the command line itself. */
  readonly explicit: boolean;
}

export interface Discovery {
  readonly files: FoundFile[];
  readonly missing: string[];
}

/** Why `path` cannot be read as one workflow file (named `shown` as the user wrote it), or undefined. */
export function workflowFileProblem(path: string, shown: string): string | undefined {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(path);
  } catch {
    return `no such workflow file: ${shown}`;
  }
  if (stat.isDirectory()) return `not a workflow file: ${shown} is a folder`;
  return stat.isFile() ? undefined : `not a workflow file: ${shown} is not a regular file`;
}

const SKIP_DIRS = new Set(["node_modules", ".git", "dist", "out", ".orqc-cache"]);
const isYaml = (name: string): boolean => /\.ya?ml$/i.test(name);

const packDirCache = new Map<string, string | null>();

function packDirFrom(dir: string, depth: number): string | undefined {
  const cached = packDirCache.get(dir);
  if (cached !== undefined) return cached ?? undefined;
  let found: string | undefined;
  if (existsSync(join(dir, "pack.yaml"))) found = dir;
  else if (basename(dir) === "actions") found = dirname(dir);
  else {
    const parent = dirname(dir);
    found = parent === dir || depth > 64 ? undefined : packDirFrom(parent, depth + 1);
  }
  packDirCache.set(dir, found ?? null);
  return found;
}

/** The pack root containing `path`: a pack.yaml folder, or the parent of an actions/ folder. */
export function packDirOf(path: string): string | undefined {
  return packDirFrom(dirname(resolve(path)), 0);
}

function walk(dir: string, out: string[], seen = new Set<string>()): void {
  // Symlinked folders may point back up the tree: visit each real folder once.
  let real: string;
  try {
    real = realpathSync(dir);
  } catch {
    return;
  }
  if (seen.has(real)) return;
  seen.add(real);
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const name of entries) {
    if (SKIP_DIRS.has(name)) continue;
    const full = join(dir, name);
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(full);
    } catch {
      continue;
    }
    if (st.isDirectory()) walk(full, out, seen);
    else if (st.isFile() && isYaml(name)) out.push(full);
  }
}

export function discover(paths: readonly string[]): Discovery {
  // Folders may have changed since the last call (tests write temporary packs).
  packDirCache.clear();
  const files = new Map<string, FoundFile>();
  const missing: string[] = [];
  for (const p of paths) {
    const abs = resolve(p);
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(abs);
    } catch {
      missing.push(p);
      continue;
    }
    if (st.isFile()) {
      const packDir = packDirOf(abs);
      files.set(abs, { path: abs, explicit: true, ...(packDir ? { packDir } : {}) });
      continue;
    }
    const found: string[] = [];
    walk(abs, found);
    for (const f of found) {
      if (files.has(f)) continue;
      const packDir = packDirOf(f);
      files.set(f, { path: f, explicit: false, ...(packDir ? { packDir } : {}) });
    }
  }
  return { files: [...files.values()], missing };
}
