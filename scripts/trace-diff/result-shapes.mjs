// Shapes of the data an Orquesta workflow reads, inferred from its expressions,
// and seeded random values of those shapes: the action results, inputs and
// datastore values of gen-pack-scenarios.mjs, so that a run with placeholder
// results ("x", {}) does not stop at the first `result().result.items` or
// `with items` over a published string.
//
// What is read: paths below `result()` (in a task's `next` and `retry`),
// `task(NAME).result`, `ctx().v` / `ctx(v)` / `ctx('v')` / `$.v` / `_.v`,
// `item()` / `item(x)` of with-items tasks, a Jinja loop variable, and `$`
// inside a collection method's argument (`.select($.id)`), with steps `.a`,
// `['a']`, `[0]`, `.get('a')`, `.first()`, and `from_json_string(...)`. How a
// path is used picks its type: a method or filter (`.split(`, `| lower` make
// a string, `.select(`, `| join`, `for x in`, `with items` a list, `.items()`,
// `.keys()` a mapping, `| int` and arithmetic an integer), a comparison with a
// literal (its type, and the literal is a likely value), the parameter type of
// the action or workflow it is passed to, a variable's default. A variable
// published as exactly one path (`v: <% result().a %>`) shares its shape with
// that path, so how `ctx().v` is used later shapes the result of the task.
//
// Heuristic by design: a wrong guess only makes a run take another branch or
// fail, as a placeholder would.

import { NAME } from "../lib/expr-paths.mjs";

const ELEM = { elem: true }; // a path step: an element of a list
const PARSED = { parsed: true }; // a path step: the data a JSON or YAML string holds

export function newShape() {
  return {
    kinds: new Set(),
    fields: new Map(),
    elem: null,
    parsed: null,
    lits: [],
    seps: [],
    names: new Set(),
    nullable: false,
  };
}

function child(s, step) {
  if (step === ELEM || typeof step === "number") {
    s.kinds.add("list");
    s.elem ??= newShape();
    return s.elem;
  }
  if (step === PARSED) {
    s.kinds.add("str");
    s.parsed ??= newShape();
    return s.parsed;
  }
  if (!s.fields.has(step)) s.fields.set(step, newShape());
  return s.fields.get(step);
}

function at(s, path) {
  let cur = s;
  for (const step of path) cur = child(cur, step);
  return cur;
}

function addLit(s, v) {
  if (s.lits.length < 12 && !s.lits.some((x) => x === v)) s.lits.push(v);
}

/** Merges `from` into `into` (trees, no sharing); true when `into` changed. */
function merge(into, from, depth = 0) {
  if (into === from || depth > 12) return false;
  let changed = false;
  for (const k of from.kinds)
    if (!into.kinds.has(k)) {
      into.kinds.add(k);
      changed = true;
    }
  for (const v of from.lits)
    if (!into.lits.includes(v)) {
      addLit(into, v);
      changed = true;
    }
  for (const v of from.seps)
    if (!into.seps.includes(v)) {
      into.seps.push(v);
      changed = true;
    }
  if (from.nullable && !into.nullable) {
    into.nullable = true;
    changed = true;
  }
  for (const v of from.names)
    if (!into.names.has(v)) {
      into.names.add(v);
      changed = true;
    }
  for (const [k, v] of from.fields) {
    if (!into.fields.has(k)) {
      into.fields.set(k, newShape());
      changed = true;
    }
    changed = merge(into.fields.get(k), v, depth + 1) || changed;
  }
  if (from.elem) {
    if (!into.elem) {
      into.elem = newShape();
      changed = true;
    }
    changed = merge(into.elem, from.elem, depth + 1) || changed;
  }
  if (from.parsed) {
    if (!into.parsed) {
      into.parsed = newShape();
      changed = true;
    }
    changed = merge(into.parsed, from.parsed, depth + 1) || changed;
  }
  return changed;
}

/** A set of the space-separated names. */
const words = (names) => new Set(names.split(" "));

const STR_METHODS = words(
  "split splitlines rsplit lower upper toLower toUpper strip lstrip rstrip trim trimLeft trimRight startsWith endsWith startswith endswith replace format matches substring toCharArray capitalize title encode isdigit isalpha isalnum characters normalize isEmpty rightSplit",
);
const LIST_METHODS = words(
  "select where selectMany any all orderBy orderByDescending groupBy flatten distinct sum max min skip take takeWhile skipWhile count append concat toList enumerate aggregate reduce sequence memorize reverse sort first last limit single zip cycle contains intersect union difference toSet",
);
const CASE_METHODS = words("lower upper toLower toUpper strip lstrip rstrip trim");
const DICT_METHODS = words("items keys values containsKey containsValue set delete get update copy");
// calls that give back elements of their receiver, as a list
const KEEP_METHODS = words(
  "where orderBy orderByDescending thenBy thenByDescending distinct skip take limit takeWhile skipWhile reverse sort",
);
const LAMBDA_METHODS = words(
  "select where selectMany any all orderBy orderByDescending thenBy thenByDescending groupBy takeWhile skipWhile sum max min aggregate distinct",
);
const STR_FILTERS = words(
  "lower upper trim title capitalize replace wordcount truncate center indent striptags urlencode regex_replace regex_search regex_match regex_substring split",
);
const LIST_FILTERS = words(
  "join first last length count list sort unique select reject selectattr rejectattr map sum min max batch slice reverse random",
);
const JSON_FUNCS = /\b(from_json_string|json_parse|from_yaml_string|yaml_parse)\(\s*$/;

const NOT_LITERAL = new Set(["and", "or", "not", "in", "null", "none", "None", "is", "if", "else"]);

/** The literal at the start of `text`: {value} or undefined (yaql: a bare name is a string). */
function literalAt(text, yaql = false) {
  let m = /^\s*(-?\d+(?:\.\d+)?)\b/.exec(text);
  if (m) return { value: Number(m[1]), len: m[0].length };
  m = /^\s*\\?'([^'\\]*)\\?'/.exec(text) ?? /^\s*\\?"([^"\\]*)\\?"/.exec(text);
  if (m) return { value: m[1], len: m[0].length };
  m = /^\s*(true|false|True|False)\b/.exec(text);
  if (m) return { value: /^t/i.test(m[1]), len: m[0].length };
  m = /^\s*(null|none|None)\b/.exec(text);
  if (m) return { value: null, len: m[0].length };
  m = yaql ? new RegExp(String.raw`^\s*(${NAME})\b(?!\s*[(.])`).exec(text) : null;
  if (m && !NOT_LITERAL.has(m[1])) return { value: m[1], len: m[0].length };
  return undefined;
}

/** The literal ending `text`. */
function literalBefore(text) {
  let m = /(-?\d+(?:\.\d+)?)\s*$/.exec(text);
  if (m && !/[\w.]$/.test(text.slice(0, m.index))) return Number(m[1]);
  m = /'([^']*)'\s*$/.exec(text) ?? /"([^"]*)"\s*$/.exec(text);
  if (m) return m[1];
  m = /\b(true|false|True|False)\s*$/.exec(text);
  if (m) return /^t/i.test(m[1]);
  m = /\b(null|none|None)\s*$/.exec(text);
  if (m) return null;
  return undefined;
}

function useLiteral(s, v) {
  if (v === null) {
    s.nullable = true;
    return;
  }
  if (typeof v === "number") s.kinds.add("int");
  else if (typeof v === "boolean") s.kinds.add("bool");
  else s.kinds.add("str");
  addLit(s, v);
}

/** Index just after the parenthesis closing the one opened before `i` (quotes skipped). */
function closeParen(text, i) {
  let depth = 1;
  let quote = null;
  for (let j = i; j < text.length; j++) {
    const c = text[j];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") {
      depth--;
      if (depth === 0) return j + 1;
    }
  }
  return text.length;
}

/** Ranges [from, to) of the arguments of `.method(...)` calls (a `$` there is a lambda's). */
function methodArgRanges(text) {
  const out = [];
  for (const m of text.matchAll(new RegExp(String.raw`\.\s*${NAME}\s*\(`, "g"))) {
    const from = m.index + m[0].length;
    out.push([from, closeParen(text, from) - 1]);
  }
  return out;
}

// a key computed at run time (`.get(ctx().host)`, `[ctx().k]`): every key of the mapping
export const ANY_KEY = "*";

const STEP_RE = new RegExp(
  String.raw`^(?:\s*\.\s*(${NAME})\b(?!\s*\()|\s*\[\s*\\?['"]([^'"\\]+)\\?['"]\s*\]|\s*\[\s*(-?\d+)\s*\]|\s*\.\s*get\(\s*\\?['"]([^'"\\]+)\\?['"]\s*(?=[,)])|\s*\.\s*(first|last)\(\s*\)|\s*\|\s*(first|last)\b(?!\s*\()|\s*\.\s*get(\()|\s*(\[)(?!\s*\]))`,
);

/** Steps of the path at `text[i..]`: {path, end}. */
function pathAt(text, i) {
  const path = [];
  let pos = i;
  for (;;) {
    const m = STEP_RE.exec(text.slice(pos));
    if (!m) break;
    if (m[1] !== undefined) path.push(m[1]);
    else if (m[2] !== undefined) path.push(m[2]);
    else if (m[3] !== undefined) path.push(Number(m[3]) >= 0 ? Number(m[3]) : ELEM);
    else if (m[4] !== undefined) {
      // .get('a', default): past the call's closing parenthesis
      path.push(m[4]);
      pos = closeParen(text, pos + m[0].indexOf("(") + 1);
      continue;
    } else if (m[7] !== undefined || m[8] !== undefined) {
      path.push(ANY_KEY);
      pos = closeParen(text, pos + m[0].length);
      continue;
    } else path.push(ELEM);
    pos += m[0].length;
  }
  return { path, end: pos };
}

/**
 * The collector of one workflow: `ref(root, path)` names data, `analyze(text, scope)`
 * reads an expression's text, `equal(a, b)` makes two references one shape.
 */
export function shapeCollector() {
  const roots = new Map();
  const equalities = [];
  const root = (name) => {
    if (!roots.has(name)) roots.set(name, newShape());
    return roots.get(name);
  };
  const shapeOf = (ref) => at(root(ref.root), ref.path);

  /**
   * Reads one expression body. scope: {task (name of the task whose result() this is, or
   * null), withItems (Set of with-items task names), itemNames (Map name -> ref), jinja}.
   * Returns the reference the whole body is, when it is exactly one.
   */
  function analyze(text, scope, bound = null) {
    const occurrences = [];
    const lambdaRanges = methodArgRanges(text);
    const inLambda = (i) => lambdaRanges.some(([a, b]) => i >= a && i < b);
    // a with-items task's result is the list of its items' results (`wi:NAME`); a name
    // read from it is read from each (yaql maps attribute access over a list)
    const taskRoot = (name, path) =>
      scope.withItems?.has(name)
        ? { root: `wi:${name}`, path: typeof path[0] === "string" ? [ELEM, ...path] : path }
        : { root: `task:${name}`, path };
    const add = (start, rootEnd, makeRef) => {
      const { path, end } = pathAt(text, rootEnd);
      const ref = makeRef(path);
      if (ref) occurrences.push({ start, end, ref });
    };
    for (const m of text.matchAll(/\bresult\(\s*\)/g)) {
      if (!scope.task || /[.\w]$/.test(text.slice(0, m.index))) continue;
      add(m.index, m.index + m[0].length, (p) => taskRoot(scope.task, p));
    }
    for (const m of text.matchAll(
      new RegExp(String.raw`\btask\(\s*(?:\\?['"]?(${NAME})\\?['"]?)?\s*(?:,[^)]*)?\)\s*\.\s*result\b`, "g"),
    )) {
      const name = m[1] ?? scope.task;
      if (!name) continue;
      add(m.index, m.index + m[0].length, (p) => taskRoot(name, p));
    }
    for (const m of text.matchAll(/\bctx\(\s*\)/g))
      add(m.index, m.index + m[0].length, (p) =>
        typeof p[0] === "string" ? { root: `var:${p[0]}`, path: p.slice(1) } : undefined,
      );
    for (const m of text.matchAll(new RegExp(String.raw`\bctx\(\s*\\?['"]?(${NAME})\\?['"]?\s*\)`, "g")))
      add(m.index, m.index + m[0].length, (p) => ({ root: `var:${m[1]}`, path: p }));
    if (!scope.jinja) {
      for (const m of text.matchAll(/\$/g)) {
        if (/[\w)\]]$/.test(text.slice(0, m.index))) continue;
        if (bound && !inLambda(m.index)) {
          add(m.index, m.index + 1, (p) => ({ root: bound.root, path: [...bound.path, ...p] }));
          continue;
        }
        if (bound || inLambda(m.index)) continue;
        add(m.index, m.index + 1, (p) =>
          typeof p[0] === "string" ? { root: `var:${p[0]}`, path: p.slice(1) } : undefined,
        );
      }
    } else {
      for (const m of text.matchAll(/(?<![\w.])_(?=\s*\.)/g))
        add(m.index, m.index + 1, (p) =>
          typeof p[0] === "string" ? { root: `var:${p[0]}`, path: p.slice(1) } : undefined,
        );
    }
    for (const m of text.matchAll(new RegExp(String.raw`\bitem\(\s*\\?['"]?(${NAME})?\\?['"]?\s*\)`, "g"))) {
      if (!scope.items) continue;
      const name = m[1];
      const below = (r, p) => (r ? { root: r.root, path: [...r.path, ...p] } : undefined);
      add(m.index, m.index + m[0].length, (p) => {
        if (name !== undefined)
          // item(x): a named item, or key x of an unnamed item
          return scope.items.has(name)
            ? below(scope.items.get(name), p)
            : below(scope.items.get(""), [name, ...p]);
        if (scope.items.has("")) return below(scope.items.get(""), p);
        // item().x with named items: the value of x
        if (typeof p[0] === "string" && scope.items.has(p[0]))
          return below(scope.items.get(p[0]), p.slice(1));
        return undefined;
      });
    }
    // Jinja loop variables: `for x in <ref>` ... `x.a`
    const loops = [];
    for (const o of occurrences) {
      const m = new RegExp(String.raw`\bfor\s+(${NAME})(?:\s*,\s*${NAME})?\s+in\s+$`).exec(
        text.slice(0, o.start),
      );
      if (m && !m[0].includes(","))
        loops.push({ name: m[1], ref: { root: o.ref.root, path: [...o.ref.path, ELEM] }, from: o.end });
    }
    for (const loop of loops)
      for (const m of text
        .slice(loop.from)
        .matchAll(new RegExp(String.raw`(?<![\w.'"])${loop.name}\b(?!\s*\()`, "g"))) {
        const start = loop.from + m.index;
        add(start, start + m[0].length, (p) => ({ root: loop.ref.root, path: [...loop.ref.path, ...p] }));
      }

    for (const o of occurrences) use(text, o, scope);
    // a variable used as a key (`.get(ctx().host)`, `[ctx().host]`) most likely names a host:
    // the key of a remote runner's result (see stringValue)
    for (const m of text.matchAll(/\.\s*get\(|\[/g)) {
      const from = m.index + m[0].length;
      const key = text.slice(from, closeParen(text, from) - 1);
      if (!/\bctx\(|\$\.|_\./.test(key)) continue;
      const ref = analyze(key.replace(/,[^,]*$/, ""), scope);
      if (ref?.root.startsWith("var:")) shapeOf(ref).names.add("host");
    }
    // ctx().v + [x]: x is an element of v
    for (const a of occurrences)
      for (const b of occurrences)
        if (/^\s*\+\s*\[\s*$/.test(text.slice(a.end, b.start)) && /^\s*[\],]/.test(text.slice(b.end)))
          equalities.push([{ root: a.ref.root, path: [...a.ref.path, ELEM] }, b.ref]);
    // the whole body, give or take what keeps the data as it is (`| list`, `| default(...)`, `.toList()`)
    const whole = occurrences.find(
      (o) =>
        text.slice(0, o.start).trim() === "" &&
        /^(\s*\|\s*(list|default\([^()]*\)|d\([^()]*\))|\s*\.\s*toList\(\s*\))*\s*$/.test(text.slice(o.end)),
    );
    return whole?.ref;
  }

  /** What the text around one occurrence says about its shape. */
  function use(text, o, scope) {
    let { ref, end } = o;
    // from_json_string(<ref>).a: the path continues in the parsed data
    let before = text.slice(0, o.start);
    if (JSON_FUNCS.test(before) && /^\s*\)/.test(text.slice(end))) {
      const close = text.indexOf(")", end) + 1;
      const more = pathAt(text, close);
      ref = { root: ref.root, path: [...ref.path, PARSED, ...more.path] };
      end = more.end;
      before = "";
    }
    // x.where(...).orderBy(...).select(...), x.where(...).first().a: each call reads elements of x
    for (;;) {
      const call = new RegExp(String.raw`^\s*\.\s*(${NAME})\s*\(`).exec(text.slice(end));
      if (!call || !KEEP_METHODS.has(call[1])) break;
      const from = end + call[0].length;
      const close = closeParen(text, from);
      shapeOf(ref).kinds.add("list");
      if (LAMBDA_METHODS.has(call[1]))
        analyze(text.slice(from, close - 1), scope, { root: ref.root, path: [...ref.path, ELEM] });
      end = close;
      const pick = /^\s*\.\s*(first|last|single)\(\s*\)/.exec(text.slice(end));
      if (pick) {
        const more = pathAt(text, end + pick[0].length);
        ref = { root: ref.root, path: [...ref.path, ELEM, ...more.path] };
        end = more.end;
        break;
      }
    }
    const s = shapeOf(ref);
    let after = text.slice(end);
    const yaql = !scope.jinja;
    let m = new RegExp(String.raw`^\s*\.\s*(${NAME})\s*\(`).exec(after);
    if (m) {
      const name = m[1];
      if (STR_METHODS.has(name)) {
        s.kinds.add("str");
        if (/^split$|^rsplit$/.test(name)) {
          const lit = literalAt(after.slice(m[0].length));
          if (lit && typeof lit.value === "string" && lit.value.length > 0 && !s.seps.includes(lit.value))
            s.seps.push(lit.value);
        }
      } else if (DICT_METHODS.has(name)) s.kinds.add("dict");
      else if (LIST_METHODS.has(name) || name === "len" || name === "join") s.kinds.add("list");
      if (LAMBDA_METHODS.has(name)) {
        const from = end + m[0].length;
        const arg = text.slice(from, closeParen(text, from) - 1);
        analyze(arg, scope, { root: ref.root, path: [...ref.path, ELEM] });
      }
      // x.toLower() = 'a': the comparison still tells the value
      if (CASE_METHODS.has(name) && /^\s*\)/.test(after.slice(m[0].length)))
        after = after.slice(after.indexOf(")", m[0].length) + 1);
    }
    m = new RegExp(String.raw`^\s*\|\s*(${NAME})`).exec(after);
    if (m) {
      const f = m[1];
      if (STR_FILTERS.has(f)) s.kinds.add("str");
      else if (LIST_FILTERS.has(f)) {
        s.kinds.add("list");
        const rest = after.slice(m[0].length);
        const attr =
          /^\s*\(\s*['"]([^'"]+)['"]/.exec(f === "selectattr" || f === "rejectattr" ? rest : "") ??
          /^\s*\(\s*attribute\s*=\s*['"]([^'"]+)['"]/.exec(rest);
        if (attr) at(s, [ELEM, ...attr[1].split(".")]);
      } else if (f === "int" || f === "float") s.kinds.add("int");
      else if (f === "dictsort" || f === "items") s.kinds.add("dict");
      else if (/^(from_json_string|json_parse|from_yaml_string|yaml_parse)$/.test(f)) child(s, PARSED);
    }
    m = /^\s*(==|!=|<=|>=|=|<|>)\s*/.exec(after);
    if (m) {
      const lit = literalAt(after.slice(m[0].length), yaql);
      if (lit) useLiteral(s, lit.value);
    }
    m = /^\s*([-+*/%])\s*/.exec(after);
    if (m) {
      const lit = literalAt(after.slice(m[0].length));
      if (lit && typeof lit.value === "number") s.kinds.add("int");
      else if (lit && typeof lit.value === "string" && m[1] === "+") s.kinds.add("str");
    }
    if (/^\s+is\s+(not\s+)?(none|None)\b/.test(after)) s.nullable = true;
    m = /^\s+(?:not\s+)?in\s+[[(]([^\])]*)[\])]/.exec(after);
    if (m)
      for (const part of m[1].split(",")) {
        const lit = literalAt(part, yaql);
        if (lit) useLiteral(s, lit.value);
      }
    m = /(==|!=|<=|>=|=|<|>)\s*$/.exec(before);
    if (m) {
      const lit = literalBefore(before.slice(0, m.index));
      if (lit !== undefined) useLiteral(s, lit);
    }
    if (/\b(len|length|count|sum|max|min|zip|flatten|distinct|enumerate|sorted)\(\s*$/.test(before))
      s.kinds.add("list");
    else if (/\b(int|float)\(\s*$/.test(before)) s.kinds.add("int");
    else if (/\b(dict|keys|values)\(\s*$/.test(before)) s.kinds.add("dict");
    else if (JSON_FUNCS.test(before)) child(s, PARSED);
    else if (new RegExp(String.raw`\bfor\s+${NAME}\s+in\s+$`).test(before)) s.kinds.add("list");
    else if (new RegExp(String.raw`\bfor\s+${NAME}\s*,\s*${NAME}\s+in\s+$`).test(before)) s.kinds.add("list");
  }

  return {
    roots,
    shapeOf,
    analyze,
    equal: (a, b) => {
      shapeOf(a);
      shapeOf(b);
      equalities.push([a, b]);
    },
    /** Makes equal references one shape (each direction, a few rounds). */
    settle() {
      for (let round = 0; round < 6; round++) {
        let changed = false;
        for (const [a, b] of equalities) {
          const sa = shapeOf(a);
          const sb = shapeOf(b);
          changed = merge(sa, sb) || changed;
          changed = merge(sb, sa) || changed;
        }
        if (!changed) break;
      }
    },
  };
}

/** The expression bodies of a string: [{body, jinja}] (Jinja's joined, for loop variables). */
function expressions(text) {
  const out = [];
  for (const m of text.matchAll(/<%([\s\S]*?)%>/g)) out.push({ body: m[1], jinja: false });
  const jinja = [...text.matchAll(/\{\{([\s\S]*?)\}\}|\{%([\s\S]*?)%\}/g)].map((m) =>
    m[1] !== undefined ? m[1] : `{%${m[2]}%}`,
  );
  if (jinja.length > 0) out.push({ body: jinja.join(" ;; ").replace(/\{%|%\}/g, " "), jinja: true });
  return out;
}

function* strings(value) {
  if (typeof value === "string") yield value;
  else if (Array.isArray(value)) for (const v of value) yield* strings(v);
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) {
      yield k;
      yield* strings(v);
    }
}

const TYPE_KIND = {
  string: "str",
  integer: "int",
  number: "int",
  boolean: "bool",
  array: "list",
  object: "dict",
};

/** `k=value` parameters written after an action's name. */
function inlineParams(action) {
  const out = {};
  const rest = action.trim().replace(/^\S+\s*/, "");
  for (const m of rest.matchAll(/(\w+)=(<%[\s\S]*?%>|\{\{[\s\S]*?\}\}|'[^']*'|"[^"]*"|\S+)/g))
    out[m[1]] = m[2].replace(/^'(.*)'$|^"(.*)"$/s, "$1$2");
  return out;
}

/**
 * Shapes of one workflow: `task:NAME` (one execution's result of the action of task NAME),
 * `var:NAME` (workflow input or variable). `paramsOf(actionRef)` gives an action's parameters.
 */
export function workflowShapes(wf, { parameters, paramsOf = () => undefined } = {}) {
  const c = shapeCollector();
  const tasks = wf && typeof wf === "object" && wf.tasks && typeof wf.tasks === "object" ? wf.tasks : {};
  const withItems = new Set(
    Object.entries(tasks)
      .filter(([, t]) => t && typeof t === "object" && t.with !== undefined && t.with !== null)
      .map(([n]) => n),
  );
  for (const n of withItems) c.equal({ root: `wi:${n}`, path: [ELEM] }, { root: `task:${n}`, path: [] });
  const read = (value, scope) => {
    for (const text of strings(value))
      for (const e of expressions(text)) c.analyze(e.body, { ...scope, jinja: e.jinja, withItems });
  };
  /** The reference a value is exactly, if it is one expression that is one path. */
  const exactly = (value, scope) => {
    if (typeof value !== "string") return undefined;
    const t = value.trim();
    const m = /^<%([\s\S]*?)%>$/.exec(t) ?? /^\{\{([\s\S]*?)\}\}$/.exec(t);
    if (!m || m[1].includes("%>") || m[1].includes("}}")) return undefined;
    return c.analyze(m[1], { ...scope, jinja: t.startsWith("{{"), withItems });
  };
  const kindOf = (ref, type) => {
    if (ref && TYPE_KIND[type]) c.shapeOf(ref).kinds.add(TYPE_KIND[type]);
  };

  // parameters and defaults of the workflow
  for (const [name, p] of Object.entries(parameters ?? {}))
    if (p && typeof p === "object") kindOf({ root: `var:${name}`, path: [] }, p.type);
  for (const section of ["input", "vars"])
    for (const entry of Array.isArray(wf?.[section]) ? wf[section] : []) {
      if (!entry || typeof entry !== "object") continue;
      for (const [name, value] of Object.entries(entry)) {
        const ref = { root: `var:${name}`, path: [] };
        const r = exactly(value, {});
        if (r) c.equal(ref, r);
        else if (Array.isArray(value)) c.shapeOf(ref).kinds.add("list");
        else if (value && typeof value === "object") c.shapeOf(ref).kinds.add("dict");
        else if (typeof value === "number") c.shapeOf(ref).kinds.add("int");
        else if (typeof value === "boolean") c.shapeOf(ref).kinds.add("bool");
        else if (typeof value === "string" && !/<%|\{\{/.test(value)) c.shapeOf(ref).kinds.add("str");
        read(value, {});
      }
    }
  read(wf?.output, {});

  for (const [name, task] of Object.entries(tasks)) {
    if (!task || typeof task !== "object") continue;
    // with items: the list, and what item() / item(x) name
    const items = new Map();
    const w = task.with;
    const itemsText = typeof w === "string" ? w : w && typeof w === "object" ? w.items : undefined;
    if (typeof itemsText === "string") {
      const m = new RegExp(String.raw`^\s*(${NAME}(?:\s*,\s*${NAME})*)\s+in\s+([\s\S]*)$`).exec(itemsText);
      const names = m ? m[1].split(",").map((x) => x.trim()) : [];
      const expr = m ? m[2] : itemsText;
      const list = { root: `items:${name}`, path: [] };
      c.shapeOf(list).kinds.add("list");
      const r = exactly(expr, {});
      if (r) c.equal(list, r);
      else read(expr, {});
      const zipped = /^\s*<%\s*zip\(([\s\S]*)\)\s*%>\s*$/.exec(expr);
      if (names.length > 1 && zipped) {
        const args = zipped[1].split(/,(?![^([]*[)\]])/);
        names.forEach((n, i) => {
          const ref = args[i] ? c.analyze(args[i], { withItems }) : undefined;
          items.set(
            n,
            ref
              ? { root: ref.root, path: [...ref.path, ELEM] }
              : { root: `items:${name}:${n}`, path: [ELEM] },
          );
        });
      } else {
        const elem = { root: `items:${name}`, path: [ELEM] };
        if (names.length === 1) items.set(names[0], elem);
        else items.set("", elem);
      }
    }
    const scope = { items };
    read(typeof w === "object" ? { ...w, items: undefined } : undefined, scope);
    read(task.delay, scope);
    // the action and its input, with the types of its parameters
    const ref = typeof task.action === "string" ? task.action.trim().split(/\s+/)[0] : undefined;
    const params = ref ? paramsOf(ref) : undefined;
    const input = {
      ...(typeof task.action === "string" ? inlineParams(task.action) : {}),
      ...(task.input && typeof task.input === "object" ? task.input : {}),
    };
    read(task.action, scope);
    for (const [k, v] of Object.entries(input)) {
      const r = exactly(v, scope);
      if (r && params?.[k]) kindOf(r, params[k].type);
      read(v, scope);
    }
    // result() in retry and transitions
    const own = { task: name };
    if (task.retry && typeof task.retry === "object") read(task.retry, own);
    for (const tr of Array.isArray(task.next) ? task.next : []) {
      if (!tr || typeof tr !== "object") continue;
      read(tr.when, own);
      const publish = typeof tr.publish === "string" ? [inlineParams(`_ ${tr.publish}`)] : tr.publish;
      for (const entry of Array.isArray(publish) ? publish : publish ? [publish] : []) {
        if (!entry || typeof entry !== "object") continue;
        for (const [v, value] of Object.entries(entry)) {
          const r = exactly(value, own);
          if (r) c.equal({ root: `var:${v}`, path: [] }, r);
          else read(value, own);
        }
      }
    }
  }
  for (const [name, shape] of c.roots) if (name.startsWith("var:")) shape.names.add(name.slice(4));
  c.settle();
  return c;
}

// -- values

const WORDS = ["x", "abc", "node-1", "v1", "ok"];
// with r.edges (the runs with random failures), now and then
const ODD_WORDS = ["a b", "Ünïcødé", "it's", '"q"', "1", "0.5", "a,b", "line1\nline2", "None", "true"];
const ODD_INTS = [-1, 10, 1000000];

/** What a shape with no kind of its own most likely holds, from its name. */
function kindFromName(name) {
  const n = String(name ?? "");
  if (/^(stdout|stderr)$/.test(n)) return "str";
  if (
    /(^|_)(count|total|num|size|port|code|len|length|number|index|percent|seconds|timeout)$|Count$|^total/i.test(
      n,
    )
  )
    return "int";
  if (/^(is|has)_|^(enabled|succeeded|failed|ok|approved|success|exists|found|alive|valid)$/i.test(n))
    return "bool";
  return "str";
}

function kindOfShape(s, name) {
  if (s.parsed) return "str";
  if (s.fields.size > 0) return "dict";
  if (s.kinds.has("list") || s.elem) return "list";
  for (const k of ["dict", "int", "bool", "str"]) if (s.kinds.has(k)) return k;
  return kindFromName(name);
}

function stringValue(s, r, name) {
  if (r.edges && r.chance(0.15)) return r.pick(ODD_WORDS);
  // a compared literal half the time ('' less often: it mostly guards a way out)
  const strs = s.lits.filter((v) => typeof v === "string");
  if (strs.length > 0 && r.chance(0.5)) {
    const v = r.pick(strs);
    if (v !== "" || r.chance(0.5)) return v;
  }
  if (s.seps.length > 0) {
    const sep = r.pick(s.seps);
    return Array.from({ length: r.int(3, 4) }, () => String(r.int(1, 9))).join(sep);
  }
  const n = [String(name ?? ""), ...s.names].join(" ");
  // the key of a remote runner's result (runnerResult in gen-pack-scenarios.mjs)
  if (/host/i.test(n)) return "localhost";
  if (/server|address|(^|_)ip($|_)/i.test(n)) return "10.0.0.1";
  if (/url|uri|link/i.test(n)) return "http://example.com/a";
  return r.pick(WORDS);
}

/**
 * A seeded random value of shape `s` (`name`: the key it is stored under); with `r.edges`,
 * now and then an empty list, an odd string or an odd integer.
 */
export function shapedValue(s, r, name, depth = 0) {
  if (!s) s = newShape();
  // compared with null: now and then null
  if (s.nullable && r.chance(0.3)) return null;
  if (s.parsed) return JSON.stringify(shapedValue(s.parsed, r, name, depth + 1) ?? {});
  const kind = kindOfShape(s, name);
  switch (kind) {
    case "dict": {
      const out = {};
      if (depth > 8) return out;
      for (const [k, v] of s.fields) out[k === ANY_KEY ? "localhost" : k] = shapedValue(v, r, k, depth + 1);
      return out;
    }
    case "list": {
      if (depth > 8) return [];
      const elem = s.elem ?? newShape();
      const singular = String(name ?? "").replace(/s$/, "");
      const n = r.edges && r.chance(0.1) ? 0 : r.int(1, 3);
      return Array.from({ length: n }, () => shapedValue(elem, r, singular, depth + 1));
    }
    case "int": {
      const nums = s.lits.filter((v) => typeof v === "number");
      if (nums.length > 0 && r.chance(0.7)) {
        const v = r.pick(nums);
        return Math.round(v + r.pick([0, 0, -1, 1]));
      }
      return r.edges && r.chance(0.1) ? r.pick(ODD_INTS) : r.int(0, 3);
    }
    case "bool":
      return r.chance(0.5);
    default:
      return stringValue(s, r, name);
  }
}

function informative(s) {
  return (
    s &&
    (s.kinds.size > 0 ||
      s.fields.size > 0 ||
      s.elem ||
      s.parsed ||
      s.lits.length > 0 ||
      s.seps.length > 0 ||
      s.nullable)
  );
}

// what a runner itself reports about a successful execution, kept as it is
const RUNNER_FIELDS = new Set([
  "return_code",
  "succeeded",
  "failed",
  "exit_code",
  "status_code",
  "parsed",
  "headers",
]);

/** `base` (a runner's result) with what shape `s` asks for put in; kept where `s` says nothing. */
export function overlay(base, s, r, name, depth = 0) {
  if (!informative(s)) return base === undefined ? shapedValue(s, r, name, depth) : base;
  const kind = kindOfShape(s, name);
  if (kind === "dict" && base && typeof base === "object" && !Array.isArray(base)) {
    const out = { ...base };
    for (const [k, v] of s.fields) {
      if (k === ANY_KEY) {
        for (const key of Object.keys(base))
          if (!s.fields.has(key)) out[key] = overlay(base[key], v, r, key, depth + 1);
        if (Object.keys(base).length === 0) out.localhost = shapedValue(v, r, "localhost", depth + 1);
      } else
        out[k] =
          depth === 0 && RUNNER_FIELDS.has(k) && k in base ? base[k] : overlay(base[k], v, r, k, depth + 1);
    }
    return out;
  }
  return shapedValue(s, r, name, depth);
}

/** A value for a parameter of JSON-schema type `type` (StackStorm casts to it), shaped by `s` where it can be. */
export function shapedValueOfType(s, type, r, name) {
  s ??= newShape();
  const kind = TYPE_KIND[type];
  if (!kind) return shapedValue(s, r, name);
  const t = newShape();
  merge(t, s);
  t.kinds = new Set([kind]);
  if (kind !== "dict") t.fields = new Map();
  if (kind !== "list") t.elem = null;
  if (kind !== "str") {
    t.parsed = null;
    t.seps = [];
  }
  if (kind === "list" && !t.elem) return ["a", "b"];
  if (kind === "dict" && t.fields.size === 0) return { k: "v" };
  const v = shapedValue(t, r, name);
  return type === "number" && typeof v === "number" ? v + 0.5 : v;
}
