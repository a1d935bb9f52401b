// Python str()/repr() of the values a YAQL expression sees, including yaql's
// frozen containers (sets are frozensets) and its non-data objects; plus
// yaql's own str() function, which spells null/true/false the YAQL way.

import { PyDate, PyDateTime, PyTimedelta } from "../../../runtime/stdlib/py/datetime";
import { isPlainDict } from "../../../runtime/stdlib/py/plain-dict";
import { reprWith } from "../../../runtime/stdlib/py/text";
import { isDict, PySet, PyTuple, type PyValue } from "../../../runtime/stdlib/py/value";
import { YaqlContext } from "./context";
import { YaqlRegex } from "./opaque";
import { isPythonSet, OrderingIterable, setOrder, YaqlIter, YaqlView, ydictEntries } from "./values";

/**
 * Python repr(). Inside an expression yaql's sets are frozensets; in a result
 * handed back (`output`) they are plain sets.
 */
export function yRepr(v: PyValue, output = false): string {
  return reprWith(v, (x, r) => yaqlRepr(x, r, output));
}

function yaqlRepr(v: PyValue, r: (x: PyValue) => string, output: boolean): string | undefined {
  if (Array.isArray(v) || v instanceof PyTuple) return undefined;
  if (v instanceof PySet) {
    const body = setOrder(v).map(r).join(", ");
    // a set a Python function returned (from_yaml_string's `!!set`) is a set, not yaql's frozenset
    if (output || isPythonSet(v)) return v.size === 0 ? "set()" : `{${body}}`;
    return v.size === 0 ? "frozenset()" : `frozenset({${body}})`;
  }
  if (isDict(v))
    return `{${ydictEntries(v)
      .map(([k, x]) => `${r(k)}: ${r(x)}`)
      .join(", ")}}`;
  if (v instanceof YaqlRegex) return v.repr();
  if (v instanceof OrderingIterable) return "<yaql.standard_library.queries.OrderingIterable object>";
  if (v instanceof YaqlView) return viewRepr(v, r);
  if (v instanceof YaqlIter) return "<iterator object>";
  if (v instanceof YaqlContext) return "<yaql.language.contexts.Context object>";
  return `<${(v as { pyOpaque: string }).pyOpaque}>`;
}

const PLAIN_VIEW_NAMES = {
  KeysView: "dict_keys",
  ValuesView: "dict_values",
  ItemsView: "dict_items",
} as const;

/** A mapping view: `KeysView(<mapping>)` over yaql's FrozenDict, `dict_keys([...])` over a plain dict. */
function viewRepr(v: YaqlView, r: (x: PyValue) => string): string {
  if (!v.source || v.pyOpaque === "OrderingIterable") return `${v.pyOpaque}(...)`;
  if (!isPlainDict(v.source)) return `${v.pyOpaque}(${r(v.source)})`;
  const items: PyValue[] = [];
  for (let it = v.make(), x = it.next(); !x.done; x = it.next()) items.push(x.value);
  return `${PLAIN_VIEW_NAMES[v.pyOpaque]}(${r(items)})`;
}

/** Python's str() (of a result handed back when `output`). */
export function yStr(v: PyValue, output = false): string {
  if (typeof v === "string") return v;
  if (v instanceof PyDateTime || v instanceof PyDate || v instanceof PyTimedelta) return v.pyStr();
  return yRepr(v, output);
}

/** yaql's str() function: null, true and false are spelled the YAQL way. */
export function yaqlStrFunction(v: PyValue): string {
  if (v === null) return "null";
  if (v === true) return "true";
  if (v === false) return "false";
  return yStr(v);
}
