// The filters that read Jinja's eval context, as they behave while the
// template autoescapes (jinja/autoescape.ts): join and replace escape the
// plain text they mix with Markup and give Markup; urlize and xmlattr give
// Markup (filters.ts wraps them). With autoescape off they are the plain filters.

import type { PyValue } from "../../../runtime/stdlib/py/value";
import { bindArgs } from "./args";
import type { FilterFn } from "./filter-types";
import { attrGetter } from "./filters-seq";
import { intParam } from "./filters-text";
import { Markup } from "./markup";
import { pyReplace } from "./methods-str";
import { escapeValue, iterate, toStr } from "./protocol";

/** The Markup parts of a join stay, the plain ones are escaped. */
const joinEscaped = (items: readonly PyValue[], sep: string): Markup =>
  new Markup(items.map((x) => escapeValue(x).text).join(sep));

export const AUTOESCAPE_FILTERS: Record<string, FilterFn> = {
  join: (_rt, v, a, k) => {
    const [d, attr] = bindArgs("sync_do_join", a, k, ["d", "attribute"]);
    let items = iterate(v);
    if (attr !== undefined && attr !== null) items = items.map(attrGetter(attr));
    const sep = d ?? "";
    if (sep instanceof Markup) return joinEscaped(items, sep.text);
    const parts = items.map((x) => (x instanceof Markup ? x : toStr(x)));
    if (parts.some((x) => x instanceof Markup)) return joinEscaped(parts, escapeValue(sep).text);
    return parts.join(toStr(sep));
  },
  replace: (_rt, v, a, k) => {
    const [old, rep, count] = bindArgs("do_replace", a, k, ["old", "new", "count"], 2);
    const n = count === undefined || count === null ? -1 : intParam(count, -1);
    const escaped = old instanceof Markup || (rep instanceof Markup && !(v instanceof Markup));
    const s = escaped ? escapeValue(v) : v instanceof Markup ? v : toStr(v);
    if (!(s instanceof Markup)) return pyReplace(s, toStr(old!), toStr(rep!), n);
    return new Markup(pyReplace(s.text, escapeValue(old!).text, escapeValue(rep!).text, n));
  },
};

/** Filters whose result Jinja wraps in Markup while autoescaping. */
export const MARKUP_RESULT_FILTERS: ReadonlySet<string> = new Set(["urlize", "xmlattr"]);
