// StackStorm parameter Jinja: a template rendered with the other parameters,
// `st2kv.system.*` / `st2kv.user.*` (missing keys render as ""),
// `action_context` and `config_context` as variables, handed to the project's
// Jinja as the render's variables (so the template's parse is cached);
// `decrypt_kv` returns its value unchanged (the datastore holds plain text
// here). If that fails, a small path-only renderer is tried.

import { renderJinjaTemplateText } from "../../compiler/expr/jinja/index";
import { dictSet } from "../stdlib/py/dict";
import { isDict, type PyDict, type PyValue, pyStr } from "../stdlib/py/index";

export function renderParamTemplate(template: string, vars: PyDict): PyValue {
  const text = template.replace(/\|\s*decrypt_kv\b/g, "| string");
  try {
    return renderJinjaTemplateText(text, { ctx: {} }, withMissingKvKeys(template, vars));
  } catch {
    return renderPaths(template, vars);
  }
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

const EXPR = /\{\{(.*?)\}\}/g;

function renderPaths(template: string, vars: PyDict): PyValue {
  if (template.includes("{%")) return template;
  let failed = false;
  const out = template.replace(EXPR, (whole, body: string) => {
    const v = lookup(body.trim(), vars);
    if (v === undefined) {
      failed = true;
      return whole;
    }
    return pyStr(v);
  });
  return failed ? template : out;
}

function lookup(path: string, vars: PyDict): PyValue | undefined {
  if (!/^[A-Za-z_][\w.]*$/.test(path)) return undefined;
  let node: PyValue | undefined = vars;
  for (const p of path.split(".")) {
    if (!isDict(node) || !Object.hasOwn(node, p)) return "";
    node = node[p];
  }
  return node;
}
