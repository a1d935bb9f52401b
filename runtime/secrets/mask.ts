// Keeps secrets out of logs, printed results and journal dumps. Two layers:
// parameters declared `secret: true` are replaced by the mask by name, and
// every secret value seen is also replaced wherever it appears inside other
// text (a password echoed into stdout, a token inside a URL).

import type { JsonValue } from "../backend/types";
import { stringifyValue } from "../backend/value-json";
import { dictKeys, dictSet } from "../stdlib/py/dict";
import type { PyDict, PyValue } from "../stdlib/py/value";

/** StackStorm's mask for secret values. */
export const MASK = "********";

export interface ParamSecrecy {
  readonly secret?: boolean;
}

export class SecretSet {
  private readonly values = new Set<string>();
  private pattern: RegExp | undefined;

  constructor(values: Iterable<unknown> = []) {
    for (const v of values) this.add(v);
  }

  get size(): number {
    return this.values.size;
  }

  /** Remembers a secret; non-strings are remembered by their JSON text. Empty values are ignored. */
  add(value: unknown): this {
    if (value === null || value === undefined) return this;
    const text = typeof value === "string" ? value : stringifyValue(value);
    if (text === undefined || text.length === 0) return this;
    if (!this.values.has(text)) {
      this.values.add(text);
      this.pattern = undefined;
    }
    return this;
  }

  /** Also remembers the secret parameters of a call. */
  addParameters(
    params: Readonly<Record<string, unknown>>,
    meta: Readonly<Record<string, ParamSecrecy>>,
  ): this {
    for (const name of secretNames(meta)) if (name in params) this.add(params[name]);
    return this;
  }

  maskText(text: string): string {
    if (this.values.size === 0) return text;
    return text.replace(this.regex(), MASK);
  }

  /** A deep copy with every secret occurrence masked (keys included). */
  maskValue<T>(value: T): T {
    if (this.values.size === 0) return value;
    return this.maskAny(value) as T;
  }

  private maskAny(value: unknown): unknown {
    if (typeof value === "string") return this.maskText(value);
    if (Array.isArray(value)) return value.map((v) => this.maskAny(v));
    if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
      const dict = value as PyDict;
      const out: PyDict = {};
      for (const k of dictKeys(dict)) dictSet(out, this.maskText(k), this.maskAny(dict[k]) as PyValue);
      return out;
    }
    return value;
  }

  private regex(): RegExp {
    if (!this.pattern) {
      // Longest first, so a secret containing another is masked whole.
      const alternatives = [...this.values].sort((a, b) => b.length - a.length).map(escapeRegex);
      this.pattern = new RegExp(alternatives.join("|"), "g");
    }
    return this.pattern;
  }
}

export function secretNames(meta: Readonly<Record<string, ParamSecrecy>>): string[] {
  return Object.entries(meta)
    .filter(([, m]) => m?.secret === true)
    .map(([name]) => name);
}

/** The parameters with each `secret: true` value replaced by the mask (as st2 shows them). */
export function maskParameters<T extends Record<string, JsonValue>>(
  params: T,
  meta: Readonly<Record<string, ParamSecrecy>>,
): T {
  const out: Record<string, JsonValue> = { ...params };
  for (const name of secretNames(meta)) if (name in out && out[name] !== null) out[name] = MASK;
  return out as T;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
