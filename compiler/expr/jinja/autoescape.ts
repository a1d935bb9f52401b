// `{% autoescape expr %}...{% endautoescape %}` (Jinja's ScopedEvalContextModifier).
// Jinja decides most of it when it compiles the template, so the state has two
// sides: what the compiler knew where the code is written (`compileTime`, or
// `volatile` when the block's value was not a constant), and the flag the
// running template holds (`runtime`). Where each side applies:
// - `{{ e }}`: escaped by compileTime, unless volatile and e not constant (then by runtime);
// - `a ~ b`: joined as Markup (escaping the other parts when one is Markup) only when compileTime is on,
//   the block not volatile and the concatenation not constant (constants are folded as plain text);
// - the filters that read the eval context (join, replace, urlize, xmlattr), `{% set %}` and
//   `{% filter %}` blocks, and macro results: by runtime.

import type { PyValue } from "../../../runtime/stdlib/py/value";
import { Markup } from "./markup";
import { escapeValue, toStr } from "./protocol";

export interface AutoescapeState {
  volatile: boolean;
  compileTime: boolean;
  runtime: boolean;
}

export const autoescapeOff = (): AutoescapeState => ({ volatile: false, compileTime: false, runtime: false });

/** Jinja's markup_join: a Markup when any part is one (the plain parts escaped), else plain text. */
export function markupJoin(parts: readonly PyValue[]): PyValue {
  if (!parts.some((p) => p instanceof Markup)) return parts.map(toStr).join("");
  return new Markup(parts.map((p) => escapeValue(p).text).join(""));
}

/** `Markup(x)` where Jinja wraps a result when autoescaping: a Markup stays, anything else becomes its text. */
export function asMarkup(v: PyValue): Markup {
  return v instanceof Markup ? v : new Markup(toStr(v));
}
