// Name resolution for templates: local scopes (set, for, with, macro
// parameters), then what Orquesta puts in the Jinja context (`__vars`,
// `__current_task`, `__current_item`, `__state` and every catalogue function
// by name), then Jinja's globals; anything else is undefined.

import { ArgumentError } from "../../../runtime/stdlib/functions/args";
import type { ExprEnv } from "../../../runtime/stdlib/functions/env";
import { checksTypeFirst, lookupFunction } from "../../../runtime/stdlib/functions/registry";
import { dictSet, newDict } from "../../../runtime/stdlib/py/dict";
import type { PyDict, PyValue } from "../../../runtime/stdlib/py/value";
import { JINJA_GLOBALS } from "./globals";
import { markupSeen, plainDeep, textOf } from "./markup";
import { checkDefined, isUndefined, type JinjaUndefined, undefinedName } from "./undefined";
import { fn, TemplateReference } from "./values";

export class Scope {
  // Made on first set: most scopes (one `{{ }}` expression) never hold a variable.
  private vars: Map<string, PyValue> | undefined;
  /** A template's root scope: makes its `self` on first use (the template renderer sets it). */
  templateRef: (() => TemplateReference) | undefined;
  private self: TemplateReference | undefined;

  constructor(
    readonly env: ExprEnv,
    readonly parent?: Scope,
  ) {}

  child(): Scope {
    return new Scope(this.env, this);
  }

  set(name: string, value: PyValue): void {
    (this.vars ??= new Map()).set(name, value);
  }

  has(name: string): boolean {
    return this.vars?.has(name) || (this.parent?.has(name) ?? false);
  }

  lookup(name: string): PyValue {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      if (s.vars?.has(name)) return s.vars.get(name)!;
    }
    if (name === "self") return this.templateSelf();
    return resolveGlobal(this.env, name);
  }

  /** Jinja's `self`: one per render (`self == self`), with the template's blocks. */
  private templateSelf(): TemplateReference {
    let root: Scope = this;
    while (root.parent) root = root.parent;
    return (root.self ??= root.templateRef?.() ?? new TemplateReference());
  }
}

/**
 * The TypeError Python raises when binding these arguments to catalogue
 * function `name` (its context parameter aside), or undefined when they fit.
 * The function runs to find out: catalogue functions have no side effects.
 */
export function argumentErrorOf(
  env: ExprEnv,
  name: string,
  args: PyValue[],
  kwargs: PyDict,
): ArgumentError | undefined {
  try {
    lookupFunction(name)?.(env, args, kwargs, "jinja");
  } catch (e) {
    if (e instanceof ArgumentError) return e;
  }
  return undefined;
}

/** Catalogue functions that give back the items they are handed, Markups included. */
const PASS_ITEMS = new Set(["zip", "use_none"]);

/** The first strict undefined among the arguments (no allocation: this runs at every call). */
function firstUndefined(args: PyValue[], kwargs: PyDict): JinjaUndefined | undefined {
  for (const a of args) if (isUndefined(a) && a.strict) return a;
  for (const k in kwargs) {
    const v = kwargs[k];
    if (isUndefined(v) && v.strict) return v;
  }
  return undefined;
}

/** Calls a catalogue function; undefined arguments raise as Python would on first use. */
export function callCatalog(env: ExprEnv, name: string, args: PyValue[], kwargs: PyDict): PyValue {
  const f = lookupFunction(name);
  if (!f) throw new Error(`unknown catalogue function ${name}`);
  const undefinedArgument = firstUndefined(args, kwargs);
  if (undefinedArgument !== undefined) {
    // Python binds the arguments before the function touches one: a call that
    // does not fit the signature fails with that TypeError first, and a
    // function that checks the argument's type first with its own TypeError.
    let failure: unknown;
    try {
      f(env, args, kwargs, "jinja");
    } catch (e) {
      failure = e;
    }
    if (failure instanceof ArgumentError) throw failure;
    if (failure !== undefined && checksTypeFirst(name, args.indexOf(undefinedArgument))) throw failure;
    // use_none(x) and zip(x) give their one argument back without using it
    // (`x is None` is no use), so an undefined one stays undefined
    if (args.length === 1 && (name === "zip" || (name === "use_none" && Object.keys(kwargs).length === 0)))
      return args[0]!;
    checkDefined(undefinedArgument);
  }
  if (markupSeen()) {
    // Orquesta's functions see a Markup as the str it is; zip and use_none
    // give back the items they are handed, Markups included
    const plain = PASS_ITEMS.has(name) ? textOf : plainDeep;
    args = args.map(plain);
    const kw: PyDict = {};
    for (const k of Object.keys(kwargs)) dictSet(kw, k, plain(kwargs[k]!));
    kwargs = kw;
  }
  return f(env, args, kwargs, "jinja");
}

function currentTask(env: ExprEnv): PyValue {
  const t = env.currentTask;
  if (!t) return null;
  return newDict([
    ["id", t.id],
    ["route", t.route],
    ["result", t.result],
  ]);
}

export function resolveGlobal(env: ExprEnv, name: string): PyValue {
  switch (name) {
    case "__vars":
      return env.ctx;
    case "__current_task":
      return currentTask(env);
    case "__current_item":
      return env.item ? env.item.value : null;
    case "__state":
      return null;
  }
  if (lookupFunction(name))
    return fn(name, (args, kwargs) => callCatalog(env, name, args, kwargs), "function");
  if (Object.hasOwn(JINJA_GLOBALS, name)) return JINJA_GLOBALS[name]!;
  return undefinedName(name);
}
