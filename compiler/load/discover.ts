// Finds the YAML files under the paths given on the command line, and the pack
// each lies in (the nearest ancestor folder with pack.yaml or an actions/ folder).

import { existsSync, readdirSync, statSync } from "node:fs";
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

const SKIP_DIRS = new Set(["node_modules", ".git", "dist", "out", ".orqc-cache"]);
const isYaml = (name: string): boolean => /\.ya?ml$/i.test(name);

/** The pack root containing `path`: a pack.yaml folder, or the parent of an actions/ folder. */
export function packDirOf(path: string): string | undefined {
  let dir = dirname(resolve(path));
  for (let depth = 0; depth < 64; depth++) {
    if (existsSync(join(dir, "pack.yaml"))) return dir;
    if (basename(dir) === "actions") return dirname(dir);
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}

function walk(dir: string, out: string[]): void {
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
    if (st.isDirectory()) walk(full, out);
    else if (st.isFile() && isYaml(name)) out.push(full);
  }
}

export function discover(paths: readonly string[]): Discovery {
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
