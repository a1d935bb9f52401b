// StackStorm's parameter rules for a workflow action's input: unknown and
// immutable names refused, every declared parameter filled (given, default or
// null), `{{ }}`/`{% %}` strings rendered with parameter Jinja, values cast by
// type, required parameters enforced. The runner's `notify` is dropped.

import { parsePythonJson } from "../../compiler/ir/inline-params";
import { dictSet } from "../stdlib/py/dict";
import { isDict, mkFloat, type PyDict, type PyValue } from "../stdlib/py/value";

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

function isTemplate(v: PyValue): v is string {
  return typeof v === "string" && (v.includes("{{") || v.includes("{%"));
}

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
  const done: PyDict = {};
  const pending = new Set(Object.keys(raw).filter((k) => isTemplate(raw[k]!)));
  for (const k of Object.keys(raw)) if (!pending.has(k)) dictSet(done, k, raw[k]!);
  // Render templates once their plain dependencies are known; whatever is left renders last.
  for (let round = 0; round <= pending.size && pending.size > 0; round++) {
    for (const name of [...pending]) {
      const deps = [...pending].filter((other) => other !== name && (raw[name] as string).includes(other));
      if (deps.length > 0 && round < pending.size) continue;
      const vars: PyDict = {
        ...done,
        st2kv,
        action_context: context.actionContext,
        config_context: context.config,
      };
      try {
        dictSet(done, name, renderTemplate(raw[name] as string, vars));
      } catch (e) {
        // StackStorm's ParamException.
        const reason = e instanceof Error ? e.message : String(e);
        return { ok: false, error: `Failed to render parameter "${name}": ${reason}` };
      }
      pending.delete(name);
    }
  }
  return { ok: true, input: done };
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
