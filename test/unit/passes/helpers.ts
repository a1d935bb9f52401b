import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { loadPaths } from "../../../compiler/load/index";
import type { PassContext } from "../../../compiler/passes/context";
import { packCallees } from "../../../compiler/passes/pack-callees";
import { buildUnit } from "../../../compiler/program/build-unit";
import type { ProgramIR } from "../../../compiler/program/types";

/** Writes files (path -> text) under a fresh temp folder and returns it. */
export function writeTree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "orqc-test-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** Action metadata for an orquesta workflow action. */
export function workflowAction(name: string, params = ""): string {
  return `name: ${name}\nrunner_type: orquesta\nentry_point: workflows/${name}.yaml\nparameters:\n${params || "  {}"}\n`;
}

/** A program holding only the root unit of pack `p`'s workflow `rootName`, and the pass context. */
export function programOf(root: string, rootName: string): { program: ProgramIR; cx: PassContext } {
  const load = loadPaths([root]);
  const wf = load.workflows.find((w) => w.path.endsWith(`/${rootName}.yaml`));
  if (!wf) throw new Error(`no workflow ${rootName}`);
  const action = wf.actionRefs[0] ? load.resolveAction(wf.actionRefs[0], wf.path) : undefined;
  const program: ProgramIR = { root: "root", units: { root: buildUnit("root", wf, action) } };
  const cx: PassContext = packCallees(load, wf.path, new Set());
  return { program, cx };
}
