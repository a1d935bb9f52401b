// The folder a command writes into (`orqc compile -o DIR`): created folder by
// folder, so a path that cannot be a folder is one clear message before any
// work starts. (fs.mkdirSync's recursive mode loops forever on some paths,
// /proc/x for one.)

import { accessSync, constants, mkdirSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";

/** Creates `dir` if needed; returns why it cannot be used as an output folder, or null. */
export function prepareOutputDir(dir: string): string | null {
  const target = resolve(dir);
  const missing: string[] = [];
  let existing = target;
  for (;;) {
    const st = statOrNull(existing);
    if (st) {
      if (!st.isDirectory())
        return existing === target ? "it is a file, not a folder" : `${existing} is a file, not a folder`;
      break;
    }
    missing.unshift(existing);
    const up = dirname(existing);
    if (up === existing) return "no folder above it exists";
    existing = up;
  }
  for (const folder of missing) {
    try {
      mkdirSync(folder);
    } catch (e) {
      return `cannot create ${folder}: ${reason(e)}`;
    }
  }
  try {
    accessSync(target, constants.W_OK);
  } catch (e) {
    return `cannot write into it: ${reason(e)}`;
  }
  return null;
}

function statOrNull(path: string): ReturnType<typeof statSync> | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const known: Record<string, string> = {
    EACCES: "permission denied",
    EPERM: "operation not permitted",
    EROFS: "read-only file system",
    ENOENT: "the file system does not allow it here",
    ENOSPC: "no space left on the device",
    ENOTDIR: "a part of the path is a file",
  };
  return (err.code && known[err.code]) ?? err.message ?? String(e);
}
