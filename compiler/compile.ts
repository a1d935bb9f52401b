// The one compile driver: load packs, check, build a program per top-level
// workflow, run the passes, emit TypeScript, bundle with esbuild, and write
// manifest.json, report.json and report.txt. Unchanged inputs are not rebuilt.

import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { VERSION } from "../cli/version";
import { bundleModules, type EmittedModule, writeJson } from "./bundle/bundle";
import { emitBundle, type TaskLocation, type Translate } from "./emit/emit-bundle";
import { checkWorkflow } from "./inspect/check";
import { inspectOrquestaNode, ST2_CONTEXT_KEYS } from "./inspect/orquesta";
import { recursionDiagnostics } from "./inspect/recursion";
import { canonicalRunner, type LoadedWorkflow, type LoadResult, loadPaths } from "./load/index";
import { keyText, mapGet, type YNode } from "./load/yaml-node";
import { runPasses } from "./passes/index";
import { packCallees } from "./passes/pack-callees";
import { buildUnit, displayPath } from "./program/build-unit";
import type { ProgramIR } from "./program/types";
import { measureProgram } from "./report/measure";
import { type BundleReport, beforeAfter, formatReport } from "./report/report";
import type { Diagnostic } from "./source/diagnostic";
import { diagnostic, sortDiagnostics } from "./source/make-diagnostic";
import { lineColOf } from "./source/source-file";

export interface CompileOptions {
  readonly paths: readonly string[];
  readonly outDir: string;
  /** Compile every workflow, not only the top-level ones. */
  readonly all?: boolean;
  /** Rebuild even when nothing changed. */
  readonly force?: boolean;
  readonly translate: Translate;
  readonly onProgress?: (done: number, total: number, name: string) => void;
}

export interface ManifestEntry {
  readonly ref: string;
  readonly name: string;
  readonly pack: string | null;
  readonly runner_type: "orqc-bundle";
  readonly entry_point: string;
  readonly description: string | null;
  readonly parameters: unknown;
  /** The workflow action's output_schema, when it has one (masking and validation at run time). */
  readonly output_schema?: unknown;
  readonly source: { readonly path: string; readonly sha256: string };
  readonly input_sha256: string;
}

export interface CompileResult {
  readonly diagnostics: readonly Diagnostic[];
  readonly reports: readonly BundleReport[];
  readonly manifest: readonly ManifestEntry[];
  /** False when nothing was written to the output folder (a path given does not exist). */
  readonly written: boolean;
}

/** Refs that some loaded workflow calls with a static action ref. */
function calledRefs(load: LoadResult): Set<string> {
  const called = new Set<string>();
  for (const wf of load.workflows) {
    const tasks = wf.root?.kind === "map" ? mapGet(wf.root, "tasks") : undefined;
    if (tasks?.kind !== "map") continue;
    for (const pair of tasks.pairs) {
      const action = pair.value.kind === "map" ? mapGet(pair.value, "action") : undefined;
      if (action?.kind !== "scalar" || typeof action.value !== "string") continue;
      const ref = action.value.trim().split(/\s+/)[0]!;
      const meta = load.resolveAction(ref, wf.path);
      if (meta && canonicalRunner(meta.runnerType) === "orquesta") called.add(meta.ref);
    }
  }
  return called;
}

function taskLocations(wf: LoadedWorkflow): Map<string, TaskLocation> {
  const out = new Map<string, TaskLocation>();
  const tasks = wf.root?.kind === "map" ? mapGet(wf.root, "tasks") : undefined;
  if (tasks?.kind !== "map") return out;
  for (const pair of tasks.pairs) {
    out.set(keyText(pair.key), {
      path: displayPath(wf.path),
      line: lineColOf(wf.file, pair.key.range.start).line,
    });
  }
  return out;
}

function orquestaRejects(root: YNode): boolean {
  const r = inspectOrquestaNode(root, ST2_CONTEXT_KEYS);
  return r.syntax.length + r.semantics.length + r.expressions.length + r.context.length > 0;
}

function bundleName(wf: LoadedWorkflow): string {
  const ref = wf.actionRefs[0];
  if (ref) return ref.replace(/[^A-Za-z0-9_.-]/g, "_");
  const hash = createHash("sha256").update(resolve(wf.path)).digest("hex").slice(0, 8);
  return `${basename(wf.path)
    .replace(/\.ya?ml$/, "")
    .replace(/[^A-Za-z0-9_.-]/g, "_")}-${hash}`;
}

function inputHash(program: ProgramIR): string {
  const h = createHash("sha256").update(VERSION);
  for (const unit of Object.values(program.units)) {
    h.update(unit.id)
      .update(unit.sourceHash)
      .update(JSON.stringify(unit.parameters ?? null));
  }
  return h.digest("hex");
}

interface Cache {
  [name: string]: string;
}

function readCache(path: string): Cache {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as Cache;
  } catch {
    return {};
  }
}

export async function compile(options: CompileOptions): Promise<CompileResult> {
  const load = loadPaths(options.paths);
  // A path that is not there (a typo, a folder moved away under --watch) leaves the output folder as it
  // is: building from the rest would write a manifest without the missing packs' actions.
  if (load.diagnostics.some((d) => d.code === "ORQ1003"))
    return { diagnostics: sortDiagnostics([...load.diagnostics]), reports: [], manifest: [], written: false };
  const diagnostics: Diagnostic[] = [...load.diagnostics, ...recursionDiagnostics(load)];
  for (const wf of load.workflows) diagnostics.push(...checkWorkflow(wf, load));
  // Only what Orquesta itself (or YAML) refuses blocks a bundle; orqc's own
  // extra checks are reported, and the exit code says so, but do not block.
  const rejected = new Set(
    load.workflows
      .filter((wf) => wf.root === null || wf.root.kind !== "map" || orquestaRejects(wf.root))
      .map((wf) => wf.path),
  );
  const called = calledRefs(load);
  const roots = load.workflows.filter((wf) => options.all || !wf.actionRefs.some((r) => called.has(r)));
  const workflowsByPath = new Map(load.workflows.map((wf) => [wf.path, wf]));
  const outDir = resolve(options.outDir);
  const cachePath = join(outDir, ".orqc-cache.json");
  const cache = options.force ? {} : readCache(cachePath);
  const reports: BundleReport[] = [];
  const manifest: ManifestEntry[] = [];

  const modules: EmittedModule[] = [];
  /** The workflow each emitted module comes from. */
  const sources = new Map<string, LoadedWorkflow>();
  /** Bundles a fault in orqc failed (ORQ4001): while compiling, or generated code esbuild refused. */
  const failed = new Set<string>();
  const fault = (wf: LoadedWorkflow, name: string, detail: string): void => {
    diagnostics.push(diagnostic("ORQ4001", { detail }, { file: wf.file, range: { start: 0, end: 0 } }));
    failed.add(name);
  };
  let done = 0;
  const names = new Set<string>();
  for (const wf of roots) {
    let name = bundleName(wf);
    if (names.has(name))
      name = `${name}-${createHash("sha256").update(resolve(wf.path)).digest("hex").slice(0, 8)}`;
    names.add(name);
    options.onProgress?.(done++, roots.length, name);
    if (rejected.has(wf.path) || wf.root === null) {
      reports.push({ name, ref: wf.actionRefs[0] ?? null, source: displayPath(wf.path), status: "failed" });
      continue;
    }
    let outcome: BuiltWorkflow;
    try {
      outcome = buildWorkflow(wf, name, { load, rejected, workflowsByPath, cache, outDir, options });
    } catch (err) {
      fault(wf, name, err instanceof Error ? err.message : String(err));
      reports.push({ name, ref: wf.actionRefs[0] ?? null, source: displayPath(wf.path), status: "failed" });
      continue;
    }
    manifest.push(outcome.entry);
    reports.push(outcome.report);
    if (outcome.module) {
      modules.push(outcome.module);
      cache[name] = outcome.hash;
      sources.set(name, wf);
    }
  }
  options.onProgress?.(done, roots.length, "");
  for (const failure of await bundleModules(modules, outDir)) {
    fault(sources.get(failure.name)!, failure.name, `bundling: ${failure.message}`);
    delete cache[failure.name];
  }
  const finalReports = reports.map((r) =>
    failed.has(r.name) && r.status !== "failed" ? { ...r, status: "failed" as const } : r,
  );
  const actions = manifest.filter((m) => !failed.has(m.entry_point.replace(/\.js$/, "")));
  writeJson(join(outDir, "manifest.json"), { compiler: VERSION, actions });
  writeJson(join(outDir, "report.json"), { compiler: VERSION, bundles: finalReports });
  writeFileSync(join(outDir, "report.txt"), formatReport(finalReports));
  writeJson(cachePath, cache);
  return {
    diagnostics: sortDiagnostics(diagnostics),
    reports: finalReports,
    manifest: actions,
    written: true,
  };
}

interface BuildContext {
  readonly load: LoadResult;
  readonly rejected: ReadonlySet<string>;
  readonly workflowsByPath: ReadonlyMap<string, LoadedWorkflow>;
  readonly cache: Cache;
  readonly outDir: string;
  readonly options: CompileOptions;
}

interface BuiltWorkflow {
  readonly entry: ManifestEntry;
  readonly report: BundleReport;
  readonly hash: string;
  /** Absent when the bundle on disk is up to date. */
  readonly module?: EmittedModule;
}

/** Passes and emission for one top-level workflow that Orquesta accepts. */
function buildWorkflow(wf: LoadedWorkflow, name: string, bx: BuildContext): BuiltWorkflow {
  const { load, rejected, workflowsByPath, cache, outDir, options } = bx;
  const action = wf.actionRefs[0] ? load.resolveAction(wf.actionRefs[0], wf.path) : undefined;
  const rootUnit = buildUnit("root", wf, action);
  const cx = packCallees(load, wf.path, rejected);
  const start: ProgramIR = { root: "root", units: { root: rootUnit } };
  const { program, notes } = runPasses(start, cx);
  const hash = inputHash(program);
  const counts = measureProgram(program);
  const base = { name, ref: rootUnit.ref, source: rootUnit.path, ...beforeAfter(counts), passes: notes };
  const entry: ManifestEntry = {
    ref: rootUnit.ref ?? name,
    name: rootUnit.ref?.split(".").slice(1).join(".") ?? name,
    pack: rootUnit.pack,
    runner_type: "orqc-bundle",
    entry_point: `${name}.js`,
    description: rootUnit.workflow.description,
    parameters: rootUnit.parameters ?? {},
    ...(rootUnit.outputSchema !== null ? { output_schema: rootUnit.outputSchema } : {}),
    source: { path: rootUnit.path, sha256: rootUnit.sourceHash },
    input_sha256: hash,
  };
  if (cache[name] === hash && existsSync(join(outDir, `${name}.js`))) {
    return { entry, hash, report: { ...base, status: "unchanged" } };
  }
  const locations = new Map<string, Map<string, TaskLocation>>();
  for (const [id, path] of cx.unitFiles) {
    const loaded = workflowsByPath.get(path);
    if (loaded) locations.set(id, taskLocations(loaded));
  }
  const emitted = emitBundle({
    program,
    compilerVersion: VERSION,
    inputHash: hash,
    translate: options.translate,
    locations,
  });
  const expressions = {
    total: emitted.expressions,
    translated: emitted.expressions - emitted.fallbacks.length,
    interpreted: emitted.fallbacks.length,
  };
  return {
    entry,
    hash,
    report: { ...base, status: "built", expressions },
    module: { name, source: emitted.source },
  };
}
