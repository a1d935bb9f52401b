// Jinja's undefined values. Orquesta uses StrictUndefined: printing, testing
// truth, iterating or comparing one raises UndefinedError, while `is defined`
// and `default` can look at it. An inline `x if c` without else yields the
// lenient base Undefined (prints as ""). Unsafe sandbox attributes yield an
// undefined that raises SecurityError.

import { strRepr } from "../../../runtime/stdlib/py/text";
import { isDict, PyError, type PyOpaque, type PyValue, pyTypeName } from "../../../runtime/stdlib/py/value";
import { toRepr } from "./protocol";

const MISSING: unique symbol = Symbol("missing");

export interface UndefinedInit {
  readonly hint?: string;
  readonly obj?: PyValue | typeof MISSING;
  readonly name?: PyValue;
  readonly exc?: "UndefinedError" | "SecurityError";
  readonly strict?: boolean;
}

export class JinjaUndefined implements PyOpaque {
  readonly hint?: string;
  readonly obj: PyValue | typeof MISSING;
  readonly name?: PyValue;
  readonly exc: "UndefinedError" | "SecurityError";
  readonly strict: boolean;

  constructor(init: UndefinedInit = {}) {
    this.hint = init.hint;
    this.obj = init.obj === undefined ? MISSING : init.obj;
    this.name = init.name;
    this.exc = init.exc ?? "UndefinedError";
    this.strict = init.strict ?? true;
  }

  /** Python's type name, which messages such as round()'s show. */
  get pyOpaque(): string {
    return this.strict ? "StrictUndefined" : "Undefined";
  }

  /** Jinja's Undefined._undefined_message. */
  message(): string {
    if (this.hint) return this.hint;
    if (this.obj === MISSING) return `${strRepr(String(this.name ?? ""))} is undefined`;
    const objRepr = objectTypeRepr(this.obj);
    if (typeof this.name !== "string") return `${objRepr} has no element ${toRepr(this.name ?? null)}`;
    return `${strRepr(objRepr)} has no attribute ${strRepr(this.name)}`;
  }

  fail(): never {
    throw new PyError(
      this.exc,
      this.message(),
      this.exc === "UndefinedError" ? "undefined_variable" : "evaluation",
    );
  }
}

/** Jinja's object_type_repr: "None", "str object", "dict object", ... */
export function objectTypeRepr(obj: PyValue): string {
  if (obj === null) return "None";
  if (isDict(obj)) return "dict object";
  const name = pyTypeName(obj);
  if (name === "Undefined" || name === "StrictUndefined") return `jinja2.runtime.${name} object`;
  if (name === "Namespace" || name === "Cycler" || name === "Joiner") return `jinja2.utils.${name} object`;
  if (name === "LoopContext") return "jinja2.runtime.LoopContext object";
  return `${name} object`;
}

export function undefinedName(name: string): JinjaUndefined {
  return new JinjaUndefined({ name });
}

export function undefinedAttr(obj: PyValue, name: PyValue): JinjaUndefined {
  return new JinjaUndefined({ obj, name });
}

export function isUndefined(v: unknown): v is JinjaUndefined {
  return v instanceof JinjaUndefined;
}

/** Raises when v is a strict undefined (any undefined when `lenientToo`). */
export function checkDefined(v: PyValue, lenientToo = false): void {
  if (v instanceof JinjaUndefined && (v.strict || lenientToo)) v.fail();
}
