// Python's pprint.pformat(value) as Jinja's pprint filter calls it: dict keys
// sorted, and a repr wider than 80 columns broken over lines, one item of a
// list, tuple or dict per line (long strings are not split into pieces).

import { dictKeys } from "../../../runtime/stdlib/py/dict";
import { originalKey } from "../../../runtime/stdlib/py/key-index";
import { isDict, type PyDict, PyTuple, type PyValue, pyCompare } from "../../../runtime/stdlib/py/value";
import { toRepr } from "./protocol";

const WIDTH = 80;

function sortedItems(d: PyDict): [PyValue, PyValue][] {
  const items = dictKeys(d).map((k): [PyValue, PyValue] => [originalKey(d, k), d[k]!]);
  const order = (a: PyValue, b: PyValue): number => {
    try {
      return pyCompare(a, b);
    } catch {
      return 0;
    }
  };
  return items.sort((a, b) => order(a[0], b[0]));
}

/** repr() with every dict's keys sorted, as pprint's safe repr writes it. */
function sortedRepr(v: PyValue): string {
  if (Array.isArray(v)) return `[${v.map(sortedRepr).join(", ")}]`;
  if (v instanceof PyTuple) {
    const inner = v.items.map(sortedRepr).join(", ");
    return v.items.length === 1 ? `(${inner},)` : `(${inner})`;
  }
  if (isDict(v)) {
    return `{${sortedItems(v)
      .map(([k, x]) => `${sortedRepr(k)}: ${sortedRepr(x)}`)
      .join(", ")}}`;
  }
  return toRepr(v);
}

function formatItems(items: readonly PyValue[], indent: number, allowance: number): string {
  const inner = indent + 1;
  return items
    .map((x, i) => format(x, inner, i === items.length - 1 ? allowance : 1))
    .join(`,\n${" ".repeat(inner)}`);
}

function format(v: PyValue, indent: number, allowance: number): string {
  const rep = sortedRepr(v);
  if (Array.from(rep).length <= WIDTH - indent - allowance) return rep;
  if (Array.isArray(v) && v.length > 0) return `[${formatItems(v, indent, allowance + 1)}]`;
  if (v instanceof PyTuple && v.items.length > 0) {
    const end = v.items.length === 1 ? ",)" : ")";
    return `(${formatItems(v.items, indent, allowance + end.length)}${end}`;
  }
  if (isDict(v) && dictKeys(v).length > 0) {
    const items = sortedItems(v);
    const inner = indent + 1;
    const lines = items.map(([k, x], i) => {
      const key = sortedRepr(k);
      const last = i === items.length - 1;
      return `${key}: ${format(x, inner + Array.from(key).length + 2, last ? allowance + 1 : 1)}`;
    });
    return `{${lines.join(`,\n${" ".repeat(inner)}`)}}`;
  }
  return rep;
}

export function pyPformat(v: PyValue): string {
  return format(v, 0, 0);
}
