// The jsonpath-rw dialect jsonpath_query() uses: `$`, `.name`, `name`, `*`,
// `['name']`, `[n]`, `[*]`, `[a:b]`, `..name`, `a,b` field lists, `@`/`this`.

import { dictGet, dictKeys } from "../py/dict";
import { isDict, isInt, isSequence, PyError, type PyValue, pyTypeName } from "../py/value";

type Step =
  | { kind: "root" }
  | { kind: "this" }
  | { kind: "fields"; names: string[] | "*" }
  | { kind: "index"; index: number }
  | { kind: "slice"; start?: number; end?: number; step?: number }
  | { kind: "descendants"; rest: Step[] };

function parseError(query: string, msg: string): PyError {
  return new PyError("JsonPathParserError", `Parse error in "${query}": ${msg}`);
}

const NAME = /^(?:[A-Za-z_$][\w$-]*|\d+)/;

function parse(query: string): Step[] {
  let i = 0;
  const ws = () => {
    while (query[i] === " " || query[i] === "\t") i++;
  };
  const fieldList = (): Step => {
    const names: string[] = [];
    for (;;) {
      ws();
      const q = query[i];
      if (q === "*") {
        i++;
        return { kind: "fields", names: "*" };
      }
      if (q === "'" || q === '"') {
        const end = query.indexOf(q, i + 1);
        if (end < 0) throw parseError(query, "unterminated string");
        names.push(query.slice(i + 1, end));
        i = end + 1;
      } else {
        const m = NAME.exec(query.slice(i));
        if (!m) throw parseError(query, `unexpected character at ${i}`);
        names.push(m[0]);
        i += m[0].length;
      }
      ws();
      if (query[i] !== ",") return { kind: "fields", names };
      i++;
    }
  };
  const bracket = (): Step => {
    i++;
    ws();
    const rest = query.slice(i);
    let m: RegExpExecArray | null;
    let step: Step;
    if ((m = /^\*\s*\]/.exec(rest))) {
      i += m[0].length;
      return { kind: "slice" };
    }
    if ((m = /^(-?\d+)?\s*:\s*(-?\d+)?\s*(?::\s*(-?\d+)?)?\s*\]/.exec(rest))) {
      i += m[0].length;
      step = { kind: "slice" };
      if (m[1] !== undefined) step.start = Number(m[1]);
      if (m[2] !== undefined) step.end = Number(m[2]);
      if (m[3] !== undefined) step.step = Number(m[3]);
      return step;
    }
    if ((m = /^(-?\d+)\s*\]/.exec(rest))) {
      i += m[0].length;
      return { kind: "index", index: Number(m[1]) };
    }
    step = fieldList();
    ws();
    if (query[i] !== "]") throw parseError(query, `expected ] at ${i}`);
    i++;
    return step;
  };
  const path = (): Step[] => {
    const steps: Step[] = [];
    ws();
    if (query[i] === "$") {
      i++;
      steps.push({ kind: "root" });
    } else if (query[i] === "@") {
      i++;
      steps.push({ kind: "this" });
    } else if (query.startsWith("`this`", i)) {
      i += 6;
      steps.push({ kind: "this" });
    } else if (query[i] === "[") steps.push(bracket());
    else steps.push(fieldList());
    for (;;) {
      ws();
      if (i >= query.length) return steps;
      if (query.startsWith("..", i)) {
        i += 2;
        const rest = path();
        return [...steps, { kind: "descendants", rest }];
      }
      if (query[i] === ".") {
        i++;
        ws();
        steps.push(query[i] === "[" ? bracket() : fieldList());
      } else if (query[i] === "[") steps.push(bracket());
      else throw parseError(query, `unexpected ${JSON.stringify(query[i])} at ${i}`);
    }
  };
  const steps = path();
  return steps;
}

function children(v: PyValue): PyValue[] {
  if (isSequence(v)) return Array.isArray(v) ? v : [...v.items];
  if (isDict(v)) return dictKeys(v).map((k) => v[k]!);
  return [];
}

function lengthOf(v: PyValue): number {
  if (isSequence(v)) return Array.isArray(v) ? v.length : v.items.length;
  if (typeof v === "string") return [...v].length;
  if (isDict(v)) return Object.keys(v).length;
  throw new PyError("TypeError", `object of type '${pyTypeName(v)}' has no len()`);
}

function apply(step: Step, v: PyValue, root: PyValue): PyValue[] {
  switch (step.kind) {
    case "root":
      return [root];
    case "this":
      return [v];
    case "fields": {
      if (!isDict(v)) return [];
      const names = step.names === "*" ? dictKeys(v) : step.names;
      return names.flatMap((n) => {
        const x = dictGet(v, n);
        return x === undefined ? [] : [x];
      });
    }
    case "index": {
      // jsonpath-rw: `len(value) > index` then `value[index]`, errors propagating.
      if (lengthOf(v) <= step.index) return [];
      if (isDict(v)) throw new PyError("KeyError", String(step.index));
      const items = typeof v === "string" ? [...v] : children(v);
      const x = items[step.index < 0 ? items.length + step.index : step.index];
      if (x === undefined) throw new PyError("IndexError", "list index out of range");
      return [x];
    }
    case "slice": {
      // jsonpath-rw wraps a mapping, an int or a str in a one-element list first.
      const wrap = isDict(v) || isInt(v) || typeof v === "boolean" || typeof v === "string";
      if (!wrap) lengthOf(v);
      const list = wrap ? [v] : children(v);
      return pySlice(list, step.start, step.end, step.step);
    }
    case "descendants": {
      const out: PyValue[] = [];
      const visit = (x: PyValue) => {
        out.push(...run(step.rest, x, root));
        for (const c of children(x)) visit(c);
      };
      visit(v);
      return out;
    }
  }
}

function pySlice(list: PyValue[], start?: number, end?: number, step = 1): PyValue[] {
  const n = list.length;
  const norm = (x: number | undefined, dflt: number) =>
    x === undefined ? dflt : x < 0 ? Math.max(0, n + x) : Math.min(n, x);
  const out: PyValue[] = [];
  if (step > 0) for (let k = norm(start, 0); k < norm(end, n); k += step) out.push(list[k]!);
  return out;
}

function run(steps: Step[], v: PyValue, root: PyValue): PyValue[] {
  let current = [v];
  for (const step of steps) current = current.flatMap((x) => apply(step, x, root));
  return current;
}

/** All values matched by a jsonpath-rw query, in document order. */
export function jsonpathFind(value: PyValue, query: string): PyValue[] {
  return run(parse(query), value, value);
}
