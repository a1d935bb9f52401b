// StackStorm's parameter rules for a workflow action's input: unknown and
// immutable names refused, every declared parameter filled (given, default or
// null), `{{ }}`/`{% %}` strings rendered with parameter Jinja, values cast by
// type, required parameters enforced. The runner's `notify` is dropped.

import { parsePythonJson } from "../../compiler/ir/inline-params";
import { pyJsonLoads } from "../stdlib/functions/py-json";
import { dictSet } from "../stdlib/py/dict";
import { isDict, mkFloat, type PyDict, type PyValue } from "../stdlib/py/value";
import { complexTemplate, isTemplate, templateDependencies } from "./param-template";

export interface ParamSpec {
  readonly type?: string;
  readonly default?: PyValue;
  readonly required?: boolean;
  readonly immutable?: boolean;
}

/** Renders a parameter template against `vars` (other params, st2kv, action_context, config_context). */
export type TemplateRenderer = (template: string, vars: PyDict) => PyValue;

export type ParamResult =
  | { readonly ok: true; readonly input: PyDict }
  | { readonly ok: false; readonly error: string };

export function applyParameterRules(
  given: PyDict,
  params: Readonly<Record<string, PyValue>>,
  context: { datastore: Readonly<Record<string, PyValue>>; actionContext: PyDict; config: PyDict },
  renderTemplate: TemplateRenderer,
): ParamResult {
  const specs = new Map<string, ParamSpec>();
  for (const [name, spec] of Object.entries(params)) specs.set(name, (isDict(spec) ? spec : {}) as ParamSpec);
  const unknown = Object.keys(given).filter((k) => !specs.has(k));
  if (unknown.length > 0) return { ok: false, error: `Unknown parameter(s): ${unknown.join(", ")}` };
  const immutable = Object.keys(given).filter((k) => specs.get(k)?.immutable && given[k] !== null);
  if (immutable.length > 0) {
    return { ok: false, error: `Override of immutable parameter(s) ${immutable.join(", ")} is unsupported.` };
  }
  const raw: PyDict = {};
  for (const [name, spec] of specs) {
    const v = Object.hasOwn(given, name) ? given[name]! : null;
    dictSet(raw, name, v === null ? (spec.default ?? null) : v);
  }
  const result = renderAll(raw, context, renderTemplate);
  if (!result.ok) return result;
  const rendered = result.input;
  const out: PyDict = {};
  for (const [name, spec] of specs) {
    if (name === "notify") continue;
    const cast = castParam(rendered[name] ?? null, spec.type);
    if (!cast.ok) return cast;
    if (spec.required && cast.value === null) return { ok: false, error: `'${name}' is a required property` };
    dictSet(out, name, cast.value);
  }
  return { ok: true, input: out };
}

/**
 * StackStorm's render_live_params: a graph of the parameters and the
 * context (`st2kv`, `action_context`, `config_context`) with an edge from
 * every name a template reads; a name nobody defines, or a cycle, is a
 * ParamException before anything renders; then each template renders in
 * dependency order with what is known so far. A template that does not parse
 * stays its text.
 */
function renderAll(
  raw: PyDict,
  context: { datastore: Readonly<Record<string, PyValue>>; actionContext: PyDict; config: PyDict },
  renderTemplate: TemplateRenderer,
): ParamResult {
  const st2kv = { system: {} as PyDict, user: {} as PyDict };
  for (const [key, value] of Object.entries(context.datastore)) {
    if (key.startsWith("system.")) setPath(st2kv.system, key.slice(7), value);
    else setPath(st2kv.user, key, value);
  }
  const values = new Map<string, PyValue>([
    ["st2kv", st2kv],
    ["action_context", context.actionContext],
    ["config_context", context.config],
  ]);
  const templates = new Map<string, ReadonlySet<string>>();
  /** The template text of each list or dict that holds Jinja. */
  const complex = new Map<string, string>();
  // The graph's nodes in the order networkx adds them: a dependency when first named.
  const nodes = new Set<string>(values.keys());
  for (const name of Object.keys(raw)) {
    nodes.add(name);
    const value = raw[name]!;
    const text = isTemplate(value) ? value : complexTemplate(value);
    const deps = text === null ? null : templateDependencies(text);
    if (deps === null) {
      values.set(name, value);
      continue;
    }
    templates.set(name, deps);
    if (text !== value) complex.set(name, text!);
    for (const d of deps) nodes.add(d);
  }
  for (const name of nodes)
    if (!values.has(name) && !templates.has(name))
      return { ok: false, error: `Dependency unsatisfied in variable "${name}"` };
  const order = dependencyOrder(templates);
  if ("cycle" in order)
    return {
      ok: false,
      error: `Cyclic dependency found in the following variables: ${order.cycle.join(", ")}. Likely the variable is referencing itself`,
    };
  const known: PyDict = {};
  for (const [name, value] of values) dictSet(known, name, value);
  for (const name of order.names) {
    try {
      const text = complex.get(name);
      const rendered = renderTemplate(text ?? (raw[name] as string), known);
      dictSet(
        known,
        name,
        text === undefined ? rendered : pyJsonLoads(String(rendered), { recursionLimit: true }),
      );
    } catch (e) {
      // StackStorm's ParamException.
      const reason = e instanceof Error ? e.message : String(e);
      return { ok: false, error: `Failed to render parameter "${name}": ${reason}` };
    }
  }
  const done: PyDict = {};
  for (const name of Object.keys(raw)) dictSet(done, name, known[name] ?? null);
  return { ok: true, input: done };
}

/** The templates in an order that renders each after the templates it reads, or the variables on cycles. */
function dependencyOrder(
  templates: ReadonlyMap<string, ReadonlySet<string>>,
): { names: string[] } | { cycle: string[] } {
  const names: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const onCycle = new Set<string>();
  const visit = (name: string): void => {
    const s = state.get(name);
    if (s === "done") return;
    if (s === "visiting") {
      // The variable the cycle was entered by (networkx lists one per cycle, and st2 sorts them).
      onCycle.add(name);
      return;
    }
    state.set(name, "visiting");
    for (const d of templates.get(name) ?? []) if (templates.has(d)) visit(d);
    state.set(name, "done");
    names.push(name);
  };
  for (const name of templates.keys()) visit(name);
  return onCycle.size > 0 ? { cycle: [...onCycle].sort() } : { names };
}

function setPath(root: PyDict, dotted: string, value: PyValue): void {
  // A key like "arista.hosts" is reachable both as one name and as a path.
  dictSet(root, dotted, value);
  const parts = dotted.split(".");
  if (parts.length < 2) return;
  let node = root;
  for (const p of parts.slice(0, -1)) {
    const next = node[p];
    if (!isDict(next)) dictSet(node, p, {});
    node = node[p] as PyDict;
  }
  if (!Object.hasOwn(node, parts[parts.length - 1]!)) dictSet(node, parts[parts.length - 1]!, value);
}

type Cast = { ok: true; value: PyValue } | { ok: false; error: string };

/** Python's int(text): exact, so a bigint beyond 2^53. */
function exactInt(text: string): number | bigint {
  const big = BigInt(text.trim());
  const n = Number(big);
  return Number.isSafeInteger(n) ? n : big;
}

export function castParam(v: PyValue, type: string | undefined): Cast {
  if (v === null || type === undefined) return { ok: true, value: v };
  switch (type) {
    case "string":
      return typeof v === "string"
        ? { ok: true, value: v }
        : { ok: false, error: `Value "${String(v)}" must either be a string or None. Got "${typeof v}".` };
    case "integer": {
      if (typeof v === "number") return { ok: true, value: Math.trunc(v) };
      if (typeof v === "string" && /^\s*[-+]?\d+\s*$/.test(v)) return { ok: true, value: exactInt(v) };
      if (typeof v === "boolean") return { ok: true, value: v ? 1 : 0 };
      return { ok: true, value: v };
    }
    case "number": {
      if (typeof v === "number") return { ok: true, value: mkFloat(v) };
      if (typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v)))
        return { ok: true, value: mkFloat(Number(v)) };
      return { ok: true, value: v };
    }
    case "boolean": {
      if (typeof v === "string") {
        const t = v.trim().toLowerCase();
        if (["true", "1", "yes", "y", "on"].includes(t)) return { ok: true, value: true };
        if (["false", "0", "no", "n", "off", ""].includes(t)) return { ok: true, value: false };
      }
      return { ok: true, value: v };
    }
    case "array":
    case "object": {
      if (typeof v !== "string") return { ok: true, value: v };
      const parsed = parsePythonJson(v) ?? parsePythonLiteral(v);
      return { ok: true, value: parsed === undefined ? v : parsed };
    }
    default:
      return { ok: true, value: v };
  }
}

/** ast.literal_eval for the simple JSON-like Python literals parameter text uses. */
function parsePythonLiteral(text: string): PyValue | undefined {
  const json = text
    .replace(/\bNone\b/g, "null")
    .replace(/\bTrue\b/g, "true")
    .replace(/\bFalse\b/g, "false")
    .replace(/'((?:[^'\\]|\\.)*)'/g, (_, s: string) => JSON.stringify(s.replace(/\\'/g, "'")));
  return parsePythonJson(json);
}
