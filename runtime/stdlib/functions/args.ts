// Binding of positional and keyword arguments to a Python-style signature,
// with CPython's TypeError wording for mistakes.

import { dictGet } from "../py/dict";
import { isInt, type PyDict, PyError, PyTuple, type PyValue, pyTypeName } from "../py/value";

export interface Param {
  readonly name: string;
  /** Absent means required. */
  readonly default?: PyValue;
  /**
   * The type of the Python default when it is not None: yaql accepts only
   * that type (or None) there, so `ignorecase => 'yes'` matches no function.
   */
  readonly yaqlType?: "bool" | "int" | "tuple";
}

function hasYaqlType(v: PyValue, type: "bool" | "int" | "tuple"): boolean {
  if (v === null) return true;
  if (type === "bool") return typeof v === "boolean";
  if (type === "int") return typeof v === "boolean" || isInt(v);
  return v instanceof PyTuple;
}

/**
 * A call whose arguments do not fit the signature (CPython's TypeError). The
 * catalogue reports it per language: YAQL finds no matching overload, and a
 * Jinja call of a context-taking function counts the context argument.
 */
export class ArgumentError extends PyError {
  constructor(
    message: string,
    /** The message with `offset` more positional parameters and arguments. */
    readonly withOffset: (offset: number) => string = () => message,
  ) {
    super("TypeError", message);
  }
}

const keywordsFromYaql = new WeakSet<PyDict>();

/**
 * Marks keyword arguments written in a YAQL call. yaql names a Python
 * function's parameters by its convention, so `sort_keys` is `sortKeys` there
 * and the Python name matches nothing.
 */
export function fromYaqlCall(kwargs: PyDict): PyDict {
  // Most calls have none: one shared marked dict spares a WeakSet entry per call (and its GC work).
  for (const _ in kwargs) {
    keywordsFromYaql.add(kwargs);
    return kwargs;
  }
  return NO_YAQL_KEYWORDS;
}

const NO_YAQL_KEYWORDS: PyDict = Object.freeze({});
keywordsFromYaql.add(NO_YAQL_KEYWORDS);

/** yaql's name for a Python parameter: trailing underscores dropped, then camelCase. */
export function yaqlParameterName(name: string): string {
  return name.replace(/_+$/, "").replace(/(?!^)_(\w)/g, (_m, c: string) => c.toUpperCase());
}

function takesMessage(fnName: string, required: number, total: number, given: number): string {
  const takes = required === total ? `${total}` : `from ${required} to ${total}`;
  return `${fnName}() takes ${takes} positional argument${total === 1 ? "" : "s"} but ${given} ${given === 1 ? "was" : "were"} given`;
}

/** Binds args/kwargs to params; returns values in parameter order. */
export function bindArgs(
  fnName: string,
  params: readonly Param[],
  args: PyValue[],
  kwargs: PyDict,
): PyValue[] {
  if (args.length > params.length) {
    const required = params.filter((p) => !("default" in p)).length;
    throw new ArgumentError(takesMessage(fnName, required, params.length, args.length), (offset) =>
      takesMessage(fnName, required + offset, params.length + offset, args.length + offset),
    );
  }
  // One pass and one array: every catalogue call binds its arguments here.
  const out: (PyValue | undefined)[] = new Array(params.length);
  for (let i = 0; i < params.length; i++) out[i] = args[i];
  const fromYaql = keywordsFromYaql.has(kwargs);
  for (const key in kwargs) {
    if (!Object.hasOwn(kwargs, key)) continue;
    const idx = fromYaql
      ? params.findIndex((p) => yaqlParameterName(p.name) === key)
      : params.findIndex((p) => p.name === key);
    if (idx < 0) throw new ArgumentError(`${fnName}() got an unexpected keyword argument '${key}'`);
    if (out[idx] !== undefined)
      throw new ArgumentError(`${fnName}() got multiple values for argument '${key}'`);
    out[idx] = dictGet(kwargs, key);
  }
  if (fromYaql)
    for (let i = 0; i < params.length; i++) {
      const type = params[i]!.yaqlType;
      if (type && out[i] !== undefined && !hasYaqlType(out[i]!, type))
        throw new ArgumentError(`${fnName}() argument '${params[i]!.name}' is not of type ${type}`);
    }
  let missing: string[] | undefined;
  for (let i = 0; i < params.length; i++) {
    if (out[i] !== undefined) continue;
    const p = params[i]!;
    if ("default" in p) out[i] = p.default ?? null;
    else (missing ??= []).push(`'${p.name}'`);
  }
  if (missing) {
    const list =
      missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(", ")} and ${missing.at(-1)}`;
    throw new ArgumentError(
      `${fnName}() missing ${missing.length} required positional argument${missing.length === 1 ? "" : "s"}: ${list}`,
    );
  }
  return out as PyValue[];
}

/** A str argument, or TypeError with the given message. */
export function requireStr(value: PyValue, message: string): string {
  if (typeof value !== "string") throw new PyError("TypeError", message);
  return value;
}

export function typeName(value: PyValue): string {
  return pyTypeName(value);
}
