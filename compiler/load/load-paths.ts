// The loader: reads every YAML file under the given paths once, sorts them into
// pack metadata, action metadata and Orquesta workflows (by content, so loose
// files and unusual layouts work), and links orquesta actions to their files.

import { readFileSync } from "node:fs";
import { basename, dirname, relative, resolve } from "node:path";
import type { Diagnostic } from "../source/diagnostic";
import { diagnostic } from "../source/make-diagnostic";
import type { SourceFile } from "../source/source-file";
import { readActionMeta } from "./action-meta";
import { builtinAction, effectiveParameters } from "./action-registry";
import type { ActionMeta, LoadedWorkflow, LoadResult, PackInfo } from "./action-types";
import { discover, type FoundFile, packDirOf } from "./discover";
import { asWorkflowFile, metadataMergeKeys } from "./orquesta-load";
import { type ParsedYaml, parseYaml, refusedFile } from "./parse-yaml";
import { decodeUtf8, utf8Error } from "./utf8-error";
import { mapGet, type YMap, type YNode } from "./yaml-node";

type Kind = "pack" | "config" | "action" | "workflow" | "other";

function classify(found: FoundFile, root: YNode | null): Kind {
  const name = basename(found.path);
  const atPackRoot = found.packDir !== undefined && resolve(found.packDir, name) === found.path;
  if (name === "pack.yaml" && atPackRoot) return "pack";
  if (name === "config.schema.yaml" && atPackRoot) return "config";
  if (root === null || root.kind !== "map") return found.explicit ? "workflow" : "other";
  if (mapGet(root, "runner_type") !== undefined) return "action";
  if (mapGet(root, "chain") !== undefined) return "other";
  if (mapGet(root, "tasks") !== undefined) return "workflow";
  const v1 = mapGet(root, "version");
  const isV1 = v1?.kind === "scalar" && (v1.value === "1.0" || v1.value === 1);
  // A version 1.0 file with workflow keys but no tasks is a broken workflow, not something else.
  if (isV1 && ["input", "vars", "output", "description"].some((k) => mapGet(root, k) !== undefined)) {
    return "workflow";
  }
  // Mistral v2 files (`version: '2.0'`, workflows nested by name) are not Orquesta.
  const version = mapGet(root, "version");
  const v = version?.kind === "scalar" ? String(version.value) : "";
  if (v === "2" || v === "2.0") return "other";
  return found.explicit ? "workflow" : "other";
}

const str = (n: YNode | undefined): string =>
  n?.kind === "scalar" && typeof n.value === "string" ? n.value : "";

function packName(dir: string, meta: YMap | undefined): string {
  return (meta && (str(mapGet(meta, "ref")) || str(mapGet(meta, "name")))) || basename(dir);
}

interface Read {
  readonly found: FoundFile;
  readonly parsed: ParsedYaml;
}

function readAll(files: readonly FoundFile[], diagnostics: Diagnostic[]): Read[] {
  const out: Read[] = [];
  for (const found of files) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(found.path);
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      diagnostics.push(diagnostic("ORQ1003", { path: found.path, detail }));
      continue;
    }
    const text = decodeUtf8(bytes);
    if (text !== null) {
      out.push({ found, parsed: parseYaml({ path: found.path, text }) });
      continue;
    }
    // Not UTF-8: the file is shown with U+FFFD in place of the bad bytes, and refused at the first one.
    const file: SourceFile = { path: found.path, text: bytes.toString("utf8") };
    const bad = utf8Error(bytes)!;
    const at = bytes.subarray(0, bad.offset).toString("utf8").length;
    const reason = diagnostic(
      "ORQ1001",
      { detail: bad.message },
      { file, range: { start: at, end: at + 1 } },
    );
    out.push({ found, parsed: refusedFile(file, reason) });
  }
  return out;
}

/** Loads packs, action metadata and workflows under the given files and folders. */
export function loadPaths(paths: readonly string[]): LoadResult {
  const diagnostics: Diagnostic[] = [];
  const { files, missing } = discover(paths);
  for (const p of missing)
    diagnostics.push(diagnostic("ORQ1003", { path: p, detail: "no such file or directory" }));
  const read = readAll(files, diagnostics);

  const packs = new Map<string, PackInfo>();
  const configs = new Map<string, YNode>();
  for (const { found, parsed } of read) {
    const kind = classify(found, parsed.root);
    if (kind === "config" && parsed.root) configs.set(found.packDir!, parsed.root);
    if (kind !== "pack") continue;
    const root = parsed.root?.kind === "map" ? parsed.root : undefined;
    packs.set(found.packDir!, {
      name: packName(found.packDir!, root),
      dir: found.packDir!,
      file: parsed.file,
    });
  }
  for (const [dir, schema] of configs) {
    const pack = packs.get(dir) ?? { name: basename(dir), dir };
    packs.set(dir, { ...pack, configSchema: schema });
  }
  const packOf = (found: FoundFile): string | undefined => {
    if (!found.packDir) return undefined;
    let pack = packs.get(found.packDir);
    if (!pack) {
      pack = { name: basename(found.packDir), dir: found.packDir };
      packs.set(found.packDir, pack);
    }
    return pack.name;
  };

  const actions = new Map<string, ActionMeta>();
  const candidates = new Map<string, ActionMeta[]>();
  const packDirOfAction = new Map<ActionMeta, string | undefined>();
  const workflowFiles: Read[] = [];
  for (const r of read) {
    const kind = classify(r.found, r.parsed.root);
    if (kind === "workflow") {
      const parsed = asWorkflowFile(r.parsed);
      workflowFiles.push({ ...r, parsed });
      diagnostics.push(...parsed.diagnostics);
      continue;
    }
    if (kind !== "action" || r.parsed.root?.kind !== "map") {
      // A YAML file that does not even parse is worth reporting, whatever it was meant to be.
      if (r.found.explicit || r.parsed.root === null || kind === "pack" || kind === "config") {
        diagnostics.push(...r.parsed.diagnostics);
      }
      if (kind === "pack" || kind === "config") diagnostics.push(...metadataMergeKeys(r.parsed));
      continue;
    }
    diagnostics.push(...r.parsed.diagnostics, ...metadataMergeKeys(r.parsed));
    const meta = readActionMeta(r.parsed.file, r.parsed.root, packOf(r.found));
    diagnostics.push(...meta.diagnostics);
    if (!meta.action) continue;
    const list = candidates.get(meta.action.ref) ?? [];
    const twin = list.find((a) => packDirOfAction.get(a) === r.found.packDir);
    if (twin) {
      const at = { file: r.parsed.file, range: r.parsed.root.range };
      const other = twin.file ? relative(r.found.packDir ?? dirname(r.found.path), twin.file.path) : "core";
      diagnostics.push(diagnostic("ORQ1032", { ref: meta.action.ref, other }, at));
      continue;
    }
    list.push(meta.action);
    candidates.set(meta.action.ref, list);
    packDirOfAction.set(meta.action, r.found.packDir);
    if (!actions.has(meta.action.ref)) actions.set(meta.action.ref, meta.action);
  }

  const byPath = new Map<string, string[]>();
  for (const a of [...candidates.values()].flat()) {
    if (!a.workflowPath) continue;
    byPath.set(a.workflowPath, [...(byPath.get(a.workflowPath) ?? []), a.ref]);
  }
  // The entry point of an orquesta action is its workflow whatever it holds: one that does not parse,
  // or does not look like a workflow (a list, `foo: bar`), is reported and fails to compile.
  const listed = new Set(workflowFiles.map((r) => r.found.path));
  for (const r of read) {
    if (!byPath.has(r.found.path) || listed.has(r.found.path)) continue;
    if (r.parsed.root === null) workflowFiles.push(r);
    else if (classify(r.found, r.parsed.root) === "other") {
      const parsed = asWorkflowFile(r.parsed);
      workflowFiles.push({ ...r, parsed });
      diagnostics.push(...parsed.diagnostics);
    }
  }
  const workflows: LoadedWorkflow[] = workflowFiles.map(({ found, parsed }) => {
    const pack = packOf(found);
    return {
      path: found.path,
      file: parsed.file,
      root: parsed.root,
      actionRefs: byPath.get(found.path) ?? [],
      ...(pack ? { pack } : {}),
    };
  });
  const loadedPaths = new Set(read.map((r) => r.found.path));
  for (const a of [...candidates.values()].flat()) {
    if (a.workflowPath && !loadedPaths.has(a.workflowPath) && a.node) {
      const entry = mapGet(a.node, "entry_point");
      const at = { ...(a.file ? { file: a.file } : {}), range: (entry ?? a.node).range };
      diagnostics.push(diagnostic("ORQ1031", { ref: a.ref, path: a.entryPoint }, at));
    }
  }

  return {
    packs: [...packs.values()],
    actions,
    workflows,
    diagnostics,
    resolveAction: (ref, from) => {
      const list = candidates.get(ref);
      if (!list) return builtinAction(ref);
      const fromDir = from ? packDirOf(from) : undefined;
      return list.find((a) => packDirOfAction.get(a) === fromDir) ?? list[0];
    },
    parametersOf: effectiveParameters,
  };
}
