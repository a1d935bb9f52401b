// orqc's own flow checks, stricter than Orquesta's approximations but reported
// as warnings (Orquesta accepts these workflows): tasks no start task reaches,
// and ctx() variables that no path from the start assigns before their use.

import type { PyValue } from "../../runtime/stdlib/py/index";
import type { NodePath, YNode } from "../load/yaml-node";
import type { Diagnostic } from "../source/diagnostic";
import { diagnostic } from "../source/make-diagnostic";
import type { SourceFile } from "../source/source-file";
import { findJinja, findJinjaBlocks, findYaql } from "./expr-scan";
import { locate } from "./locate";
import { extractVars } from "./orquesta-context";
import type { RawEntry } from "./orquesta-entry";
import type { TaskView, WorkflowView } from "./orquesta-spec";
import type { TaskGraph } from "./task-graph";

function names(value: PyValue): string[] {
  if (!Array.isArray(value)) return [];
  const out: string[] = [];
  for (const item of value) {
    if (typeof item === "string") out.push(item);
    else if (item && typeof item === "object" && !Array.isArray(item)) out.push(...Object.keys(item));
  }
  return out;
}

const EXTRA_FORMS = [
  /\bctx\(\)\s*\[\s*['"]([A-Za-z0-9_-]+)['"]\s*\]/g,
  /\bctx\(\)\.get\(\s*['"]?([A-Za-z0-9_-]+)['"]?/g,
];
const BLOCK_FORMS = [/\bctx\(\)\.([A-Za-z0-9_-]+)\b(?!\()/g, /\bctx\(\s*['"]?([A-Za-z0-9_-]+)['"]?\s*\)/g];

/** References Orquesta does not look at: `ctx()['x']`, `ctx().get('x')`, and any inside `{% %}`. */
function extraRefs(value: PyValue): Array<{ name: string; statement: string }> {
  const out: Array<{ name: string; statement: string }> = [];
  const scan = (s: string): void => {
    for (const m of [...findYaql(s), ...findJinja(s)]) {
      for (const re of EXTRA_FORMS)
        for (const r of m.text.matchAll(re)) out.push({ name: r[1]!, statement: s });
    }
    for (const m of findJinjaBlocks(s)) {
      for (const re of [...EXTRA_FORMS, ...BLOCK_FORMS])
        for (const r of m.text.matchAll(re)) out.push({ name: r[1]!, statement: s });
    }
  };
  const walk = (v: PyValue): void => {
    if (typeof v === "string") scan(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object" && v.constructor === Object) {
      for (const [k, item] of Object.entries(v)) {
        scan(k);
        walk(item as PyValue);
      }
    }
  };
  walk(value);
  return out;
}

export function unreachableTasks(file: SourceFile, root: YNode, g: TaskGraph): Diagnostic[] {
  if (g.starts().length === 0) return [];
  const reached = g.reachable();
  return g.names
    .filter((n) => !reached.has(n))
    .map((name) =>
      diagnostic("ORQ2006", { name }, { file, range: locate(file, root, ["tasks", name], { key: true }) }),
    );
}

/** Variables that may be assigned on entry to each task (union over all paths). */
function assignedOnEntry(view: WorkflowView, g: TaskGraph, init: Set<string>): Map<string, Set<string>> {
  const entry = new Map<string, Set<string>>();
  for (const s of g.starts()) entry.set(s, new Set(init));
  let changed = true;
  for (let round = 0; changed && round < 1000; round++) {
    changed = false;
    for (const [name, task] of view.tasks ?? []) {
      const inSet = entry.get(name);
      if (!inSet) continue;
      for (const t of task.next) {
        const out = new Set([...inSet, ...names(t.publish)]);
        for (const target of t.targets) {
          if (!view.tasks?.has(target)) continue;
          const cur = entry.get(target) ?? new Set<string>();
          const before = cur.size;
          for (const n of out) cur.add(n);
          entry.set(target, cur);
          if (cur.size !== before) changed = true;
        }
      }
    }
  }
  return entry;
}

interface Use {
  readonly value: PyValue;
  readonly path: NodePath;
  readonly known: Set<string>;
}

function usesOf(task: TaskView, known: Set<string>): Use[] {
  const p = (k: string): NodePath => [...task.path, k];
  const uses: Use[] = [
    { value: task.delay, path: p("delay"), known },
    { value: task.with, path: p("with"), known },
    { value: task.action, path: p("action"), known },
    { value: task.input, path: p("input"), known },
  ];
  for (const t of task.next) {
    uses.push({ value: t.when, path: [...t.path, "when"], known });
    const rolling = new Set(known);
    const items = Array.isArray(t.publish) ? t.publish : [t.publish];
    items.forEach((item, i) => {
      uses.push({ value: item, path: [...t.path, "publish", i], known: new Set(rolling) });
      for (const n of names([item])) rolling.add(n);
    });
  }
  return uses;
}

/** ORQ3006 for references that no path assigns, skipping those Orquesta already reported. */
export function undefinedOnAllPaths(
  file: SourceFile,
  root: YNode,
  view: WorkflowView,
  g: TaskGraph,
  appCtxKeys: readonly string[],
  reported: readonly RawEntry[],
): Diagnostic[] {
  const init = new Set([...appCtxKeys, ...names(view.input), ...names(view.vars)]);
  const entry = assignedOnEntry(view, g, init);
  const already = new Set(reported.map((e) => `${e.variable}|${e.path.slice(0, 4).join(".")}`));
  const out: Diagnostic[] = [];
  const emitted = new Set<string>();
  for (const [name, task] of view.tasks ?? []) {
    const known = entry.get(name);
    if (!known) continue;
    for (const use of usesOf(task, known)) {
      const refs = [...extractVars(use.value), ...extraRefs(use.value)];
      for (const ref of refs) {
        if (use.known.has(ref.name) || ref.name.startsWith("__")) continue;
        if (already.has(`${ref.name}|${use.path.slice(0, 4).join(".")}`)) continue;
        const range = locate(file, root, use.path, { expression: ref.statement, needle: ref.name });
        const id = `${ref.name}|${range.start}`;
        if (emitted.has(id)) continue;
        emitted.add(id);
        out.push(diagnostic("ORQ3006", { name: ref.name }, { file, range }));
      }
    }
  }
  return out;
}
