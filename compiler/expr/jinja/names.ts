// The names a template reads from its context, as jinja2.meta's
// find_undeclared_variables gives them (StackStorm orders and checks
// parameter templates by them): every name read, less the ones the template
// sets itself (set, for, with, macro and call parameters), Jinja's globals and
// the names Jinja makes for loops and macros.

import type { JinjaTemplate } from "./ast";
import { JINJA_GLOBALS } from "./globals";

/** Names Jinja defines inside loops, macros and call blocks. */
const IMPLICIT = new Set(["loop", "caller", "varargs", "kwargs", "self"]);

export function undeclaredNames(template: JinjaTemplate): Set<string> {
  const read = new Set<string>();
  const stored = new Set<string>();
  const targets = (node: unknown): void => {
    if (Array.isArray(node)) for (const x of node) targets(x);
    else if (isNode(node)) {
      if (node.kind === "name") stored.add(String(node.name));
      else if (node.kind === "nsref") read.add(String(node.name));
      else if (node.kind === "tuple") targets(node.items);
    }
  };
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const x of node) walk(x);
      return;
    }
    if (!isNode(node)) return;
    if (node.kind === "name") {
      read.add(String(node.name));
      return;
    }
    if (node.kind === "macro") stored.add(String(node.name));
    if (node.kind === "macro" || node.kind === "callblock")
      for (const p of node.params as string[]) stored.add(p);
    for (const [key, value] of Object.entries(node)) {
      if (key === "target" || key === "targets") targets(value);
      else if (typeof value === "object") walk(value);
    }
  };
  walk(template.body);
  const out = new Set<string>();
  for (const name of read)
    if (!stored.has(name) && !IMPLICIT.has(name) && !Object.hasOwn(JINJA_GLOBALS, name)) out.add(name);
  return out;
}

function isNode(v: unknown): v is { readonly kind: string; readonly [key: string]: unknown } {
  return v !== null && typeof v === "object" && typeof (v as { kind?: unknown }).kind === "string";
}
