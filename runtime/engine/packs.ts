// Sub-workflow resolution from pack folders (`orqc simulate --packs DIR`): every
// action metadata file whose runner is `orquesta` maps `<pack>.<name>` to its
// workflow file and parameters.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { isDict, type PyValue } from "../stdlib/py/value";
import { loadDefinition } from "./load-definition";
import type { SubworkflowEntry } from "./scenario";

export function loadPackWorkflows(dirs: readonly string[]): Map<string, SubworkflowEntry> {
  const out = new Map<string, SubworkflowEntry>();
  for (const dir of dirs) {
    const actionsDir = join(dir, "actions");
    if (!existsSync(actionsDir)) continue;
    const pack = packName(dir);
    for (const file of readdirSync(actionsDir)) {
      if (!/\.ya?ml$/.test(file)) continue;
      const path = join(actionsDir, file);
      const meta = loadDefinition(path, readFileSync(path, "utf8")).definition;
      if (!isDict(meta) || meta.runner_type !== "orquesta" || typeof meta.entry_point !== "string") continue;
      const name = typeof meta.name === "string" ? meta.name : file.replace(/\.ya?ml$/, "");
      const ref = `${typeof meta.pack === "string" ? meta.pack : pack}.${name}`;
      const parameters = isDict(meta.parameters) ? (meta.parameters as Record<string, PyValue>) : undefined;
      out.set(ref, {
        workflow: resolve(actionsDir, meta.entry_point),
        ...(parameters ? { parameters } : {}),
      });
    }
  }
  return out;
}

function packName(dir: string): string {
  const packYaml = join(dir, "pack.yaml");
  if (existsSync(packYaml)) {
    const meta = loadDefinition(packYaml, readFileSync(packYaml, "utf8")).definition;
    if (isDict(meta)) {
      if (typeof meta.ref === "string") return meta.ref;
      if (typeof meta.name === "string") return meta.name;
    }
  }
  return basename(resolve(dir));
}
