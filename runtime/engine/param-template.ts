// StackStorm parameter Jinja: a template rendered with the other parameters,
// `st2kv.system.*` / `st2kv.user.*` (missing keys render as ""),
// `action_context` and `config_context` as variables, handed to the project's
// Jinja as the render's variables (so the template's parse is cached);
// `decrypt_kv` returns its value unchanged (the datastore holds plain text
// here). A template that fails is StackStorm's ParamException, reported by
// the caller as "Failed to render parameter".

import { ExpressionError } from "../../compiler/expr/errors";
import { parseJinjaTemplateOnce, renderJinjaTemplateText } from "../../compiler/expr/jinja/index";
import { undeclaredNames } from "../../compiler/expr/jinja/names";
import { pyJsonDumps } from "../stdlib/functions/py-json";
import { dictSet } from "../stdlib/py/dict";
import { isDict, type PyDict, type PyValue } from "../stdlib/py/index";

/** What StackStorm puts beside the parameters in a template's context. */
export const TEMPLATE_CONTEXT_NAMES = ["st2kv", "action_context", "config_context"] as const;

/** A parameter template StackStorm's Jinja cannot render: Jinja's own message. */
export class ParamTemplateError extends Error {}

export function renderParamTemplate(template: string, vars: PyDict): PyValue {
  // st2's filters beyond Orquesta's functions: decrypt_kv (plain text here), to_complex (json.dumps).
  const text = template
    .replace(/\|\s*decrypt_kv\b/g, "| string")
    .replace(/\|\s*to_complex\b/g, "| to_json_string(separators=(', ', ': '))");
  try {
    return renderJinjaTemplateText(text, { ctx: {} }, withMissingKvKeys(template, vars));
  } catch (e) {
    // StackStorm reports Jinja's own message ("'y' is undefined"), not Orquesta's wording around it.
    const reason = e instanceof ExpressionError && e.reason !== undefined ? e.reason : undefined;
    throw new ParamTemplateError(reason ?? (e instanceof Error ? e.message : String(e)));
  }
}

/** A string StackStorm renders as a template: it holds `{{` or `{%`. */
export function isTemplate(v: PyValue): v is string {
  return typeof v === "string" && (v.includes("{{") || v.includes("{%"));
}

/**
 * The names a parameter template reads (jinja2.meta.find_undeclared_variables),
 * or null when it does not parse: StackStorm then keeps it as plain text.
 */
export function templateDependencies(template: string): ReadonlySet<string> | null {
  const ast = parseJinjaTemplateOnce(template).ast;
  if (!ast) return null;
  let names = namesOf.get(ast);
  if (!names) namesOf.set(ast, (names = undeclaredNames(ast)));
  return names;
}

/** The names each parsed template reads: an action's defaults are analysed once, not at every execution. */
const namesOf = new WeakMap<object, ReadonlySet<string>>();

/**
 * A list or dict holding Jinja, as StackStorm renders it: its JSON as one
 * template, where a whole string `"{{name}}"` becomes `{{name | to_complex}}`
 * (so the value keeps its type), the result read back as JSON.
 */
export function complexTemplate(v: PyValue): string | null {
  if (!Array.isArray(v) && !isDict(v)) return null;
  const json = pyJsonDumps(v);
  if (!json.includes("{{") && !json.includes("{%")) return null;
  return json.replace(/"\{\{([A-z0-9_-]+)\}\}"/g, "{{$1 | to_complex}}");
}

/** Adds "" for every `st2kv.system.x` / `st2kv.user.x` the template names but the datastore lacks. */
function withMissingKvKeys(template: string, vars: PyDict): PyDict {
  const st2kv = isDict(vars.st2kv) ? vars.st2kv : null;
  if (!st2kv) return vars;
  for (const m of template.matchAll(/\bst2kv\.(system|user)\.([\w.]+)/g)) {
    const scope = st2kv[m[1]!];
    if (!isDict(scope)) continue;
    let node: PyDict = scope;
    const parts = m[2]!.split(".");
    parts.forEach((p, i) => {
      if (!Object.hasOwn(node, p)) dictSet(node, p, i === parts.length - 1 ? "" : {});
      const next = node[p];
      if (isDict(next)) node = next;
    });
  }
  return vars;
}
