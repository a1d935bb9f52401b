// Orquesta's context inspection: which ctx() variables are used before they are
// assigned. Deliberately approximate in exactly Orquesta's ways (breadth-first
// from the start tasks, a non-join task inspected from the first branch(es)
// that reach it, joins see the union of their branches, output sees everything),
// so that it accepts and rejects the same workflows.

import { isDict, type PyValue } from "../../runtime/stdlib/py/index";
import { parseInlineParams } from "../ir/inline-params";
import type { NodePath } from "../load/yaml-node";
import { type CtxVarRef, extractCtxVarsOfString } from "./expr-scan";
import { type RawEntry, taskSchemaPath } from "./orquesta-entry";
import { getTask, hasTask, isTruthy, type TaskView, type WorkflowView } from "./orquesta-spec";

/** Orquesta's extract_vars: every ctx() reference in a value, deduplicated, sorted by name. */
export function extractVars(value: PyValue): CtxVarRef[] {
  const all: CtxVarRef[] = [];
  const walk = (v: PyValue): void => {
    if (typeof v === "string") all.push(...extractCtxVarsOfString(v));
    else if (Array.isArray(v)) v.forEach(walk);
    else if (isDict(v)) {
      for (const k of Object.keys(v)) {
        all.push(...extractCtxVarsOfString(k));
        walk(v[k]!);
      }
    }
  };
  walk(value);
  const seen = new Set<string>();
  const unique = all.filter((r) => {
    const id = `${r.language}\u0000${r.statement}\u0000${r.name}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  return unique
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (a.r.name < b.r.name ? -1 : a.r.name > b.r.name ? 1 : a.i - b.i))
    .map((x) => x.r);
}

function contextInputs(value: PyValue): string[] {
  if (isDict(value)) return Object.keys(value);
  if (Array.isArray(value)) {
    const out: string[] = [];
    for (const item of value) {
      if (typeof item === "string") out.push(item);
      else if (isDict(item) && Object.keys(item).length === 1) out.push(...Object.keys(item));
    }
    return out;
  }
  return typeof value === "string" ? [value] : [];
}

interface Prop {
  readonly name: string;
  readonly value: PyValue;
  readonly isInput: boolean;
}

/** One spec's inspect_context over its evaluation sequence; returns errors and the grown context. */
function inspectProps(
  props: Prop[],
  ctx: Set<string>,
  spec: string,
  schema: string,
  path: NodePath,
): RawEntry[] {
  const errors: RawEntry[] = [];
  const check = (name: string, value: PyValue, specPath: string, nodePath: NodePath): void => {
    for (const ref of extractVars(value)) {
      const base = {
        category: "context" as const,
        language: ref.language,
        expression: ref.statement,
        spec_path: specPath,
        schema_path: `${schema}.properties.${name}`.replace(/^\./, ""),
        path: nodePath,
        variable: ref.name,
      };
      if (ref.name.startsWith("__")) {
        const message = `Variable "${ref.name}" that is prefixed with double underscores is considered a private variable and cannot be referenced.`;
        errors.push({ ...base, message });
      }
      if (!ctx.has(ref.name))
        errors.push({ ...base, message: `Variable "${ref.name}" is referenced before assignment.` });
    }
  };
  for (const prop of props) {
    let value = prop.value;
    if (!isTruthy(value)) continue;
    const specPath = spec ? `${spec}.${prop.name}` : prop.name;
    const nodePath = [...path, prop.name];
    if (typeof value === "string") {
      const inline = parseInlineParams(value);
      if (inline.length > 0) value = inline.map(([k, v]) => ({ [k]: v }));
    }
    const items = Array.isArray(value) ? value : null;
    if (items) {
      items.forEach((item, i) => {
        check(prop.name, item, `${specPath}[${i}]`, [...nodePath, i]);
        if (prop.isInput) for (const n of contextInputs(item)) ctx.add(n);
      });
      continue;
    }
    check(prop.name, value, specPath, nodePath);
    if (prop.isInput) for (const n of contextInputs(value)) ctx.add(n);
  }
  return sortBySpecPath(errors);
}

function sortBySpecPath(errors: RawEntry[]): RawEntry[] {
  return errors
    .map((e, i) => ({ e, i }))
    .sort((a, b) => {
      const x = a.e.spec_path ?? "";
      const y = b.e.spec_path ?? "";
      return x < y ? -1 : x > y ? 1 : a.i - b.i;
    })
    .map((p) => p.e);
}

function inspectTask(task: TaskView, ctx: Set<string>): RawEntry[] {
  const spec = `tasks.${task.name}`;
  const errors: RawEntry[] = [];
  const plain = (name: string, value: PyValue): Prop => ({ name, value, isInput: false });
  errors.push(...inspectProps([plain("delay", task.delay)], ctx, spec, taskSchemaPath, task.path));
  if (task.with) {
    const withProps = [
      plain("items", task.with.items ?? null),
      plain("concurrency", task.with.concurrency ?? null),
    ];
    errors.push(
      ...inspectProps(withProps, ctx, `${spec}.with`, `${taskSchemaPath}.properties.with`, [
        ...task.path,
        "with",
      ]),
    );
  }
  errors.push(
    ...inspectProps(
      [plain("action", task.action), plain("input", task.input)],
      ctx,
      spec,
      taskSchemaPath,
      task.path,
    ),
  );
  return sortBySpecPath(errors);
}

/** Queue pops after which inspectTasks stops queueing a task again with the same context. */
const DEDUPE_AFTER = 20_000;

function inspectTasks(
  view: WorkflowView,
  start: Set<string>,
  starts: string[],
): { errors: RawEntry[]; all: Set<string> } {
  const errors: RawEntry[] = [];
  const rolling = new Set(start);
  const joinCtx = new Map<string, Set<string>>();
  const lastCtx = new Map<string, Set<string>>();
  const traversed = new Set<string>();
  const queue: Array<[string, Set<string> | null]> = starts.map((s) => [s, new Set(start)]);
  let pops = 0;
  // A read index instead of shift(): shifting a long queue copies it every time.
  for (let head = 0; head < queue.length; head++) {
    pops++;
    const [name, given] = queue[head]!;
    traversed.add(name);
    const taskCtx = new Set(given && given.size > 0 ? given : (joinCtx.get(name) ?? []));
    const task = getTask(view, name);
    if (!task) continue;
    errors.push(...inspectTask(task, taskCtx));
    for (const n of taskCtx) rolling.add(n);
    for (const t of task.next) {
      // Orquesta inspects a transition once per target, with the same result
      // each time: computed once here (a `do` of thousands of targets would
      // otherwise cost thousands of times its own length).
      const props: Prop[] = [
        { name: "when", value: t.when, isInput: false },
        { name: "publish", value: t.publish, isInput: true },
        { name: "do", value: t.do, isInput: false },
      ];
      const tSchema = `${taskSchemaPath}.properties.next.items`;
      const published = new Set(taskCtx);
      const transitionErrors = inspectProps(
        props,
        published,
        `tasks.${name}.next[${t.index}]`,
        tSchema,
        t.path,
      );
      for (const target of t.targets) {
        const branch = new Set(published);
        for (const e of transitionErrors) errors.push({ ...e });
        if (!target || traversed.has(target) || !hasTask(view, target)) continue;
        const next = getTask(view, target)!;
        if (!isTruthy(next.join)) {
          // Like Orquesta, a task reached by several branches before it is
          // traversed is inspected once per branch, so its errors repeat.
          // Only past a safety limit (the walk grows exponentially on chains
          // of diamonds) is a branch with an already queued context dropped.
          const seen = lastCtx.get(target);
          if (pops < DEDUPE_AFTER || !seen || !sameSet(seen, branch)) {
            queue.push([target, branch]);
            lastCtx.set(target, branch);
          }
        } else {
          const merged = joinCtx.get(target) ?? new Set<string>();
          for (const n of branch) merged.add(n);
          joinCtx.set(target, merged);
          queue.push([target, null]);
        }
      }
    }
  }
  return { errors, all: rolling };
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

/** Orquesta's inspect_context for a workflow, given the host's context keys (st2, parent). */
export function inspectContext(
  view: WorkflowView,
  appCtxKeys: readonly string[],
  starts: string[],
): RawEntry[] {
  const ctx = new Set(appCtxKeys);
  const input = (name: string, value: PyValue): Prop => ({ name, value, isInput: true });
  const errors = inspectProps([input("input", view.input), input("vars", view.vars)], ctx, "", "", []);
  if (view.tasks && view.tasks.size > 0) {
    const tasks = inspectTasks(view, ctx, starts);
    errors.push(...tasks.errors);
    for (const n of tasks.all) ctx.add(n);
  }
  errors.push(...inspectProps([input("output", view.output)], ctx, "", "", []));
  return sortBySpecPath(errors);
}
