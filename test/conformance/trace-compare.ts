// The golden README's "must match exactly" comparison of two traces: status,
// output, input, errors (with the message rule), task tuples and execution
// tuples, recursively through sub-workflows. Returns the first difference.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

const EXPR_MESSAGE = /^(\w+: Unable to evaluate expression '.*?'\.) ([A-Za-z_][\w.]*: .*)$/s;

function norm(v: Json): Json {
  if (Array.isArray(v)) return v.map(norm);
  if (v && typeof v === "object") {
    const keys = Object.keys(v).sort();
    const out: Obj = {};
    for (const k of keys) out[k] = norm(v[k]!);
    return out;
  }
  return v;
}

function same(a: Json | undefined, b: Json | undefined): boolean {
  return (
    JSON.stringify(norm(a ?? null)) === JSON.stringify(norm(b ?? null)) &&
    (a === undefined) === (b === undefined)
  );
}

/** The part of an error message that must match: "<Class>: Unable to evaluate expression '<expr>'." up to the detail, else all of it. */
export function comparedMessage(m: string): string {
  const match = EXPR_MESSAGE.exec(m);
  return match ? match[1]! : m;
}

function messageKey(e: Obj): Json {
  if (e.type === "syntax" || e.type === "expression") return null;
  return comparedMessage(typeof e.message === "string" ? e.message : "");
}

const ERROR_KEYS = [
  "type",
  "task_id",
  "route",
  "task_transition_id",
  "result",
  "spec_path",
  "schema_path",
  "expression",
  "language",
];

function errorTuple(e: Obj): Json {
  const out: Obj = { message: messageKey(e) };
  for (const k of ERROR_KEYS) if (k in e) out[k] = e[k]!;
  return out;
}

function taskTuple(t: Obj): Json {
  const base: Json[] = [
    t.id!,
    t.route!,
    t.attempt!,
    t.status!,
    t.action!,
    t.input!,
    t.delay ?? null,
    t.items_count ?? null,
    t.concurrency ?? null,
  ];
  const items = Array.isArray(t.items)
    ? t.items.map((i) =>
        i && typeof i === "object" && !Array.isArray(i) ? [i.item_id!, i.action!, i.input!, i.status!] : null,
      )
    : null;
  return [...base, items];
}

function execTuple(e: Obj): Json {
  return [e.task_id!, e.route!, e.item_id!, e.attempt!, e.action!, e.input!, e.status!];
}

export function compareTraces(expected: Obj, actual: Obj, path = ""): string | null {
  for (const field of ["status", "output", "input"] as const) {
    if (!same(expected[field], actual[field])) {
      return `${path}${field}: expected ${JSON.stringify(expected[field])} got ${JSON.stringify(actual[field])}`;
    }
  }
  const ee = ((expected.errors ?? []) as Obj[]).map(errorTuple);
  const ae = ((actual.errors ?? []) as Obj[]).map(errorTuple);
  if (!same(ee, ae)) return `${path}errors: expected ${JSON.stringify(ee)} got ${JSON.stringify(ae)}`;
  const et = ((expected.tasks ?? []) as Obj[]).map(taskTuple);
  const at = ((actual.tasks ?? []) as Obj[]).map(taskTuple);
  if (!same(et, at)) return `${path}tasks: ${firstDiff(et, at)}`;
  const ex = (expected.executions ?? []) as Obj[];
  const ax = (actual.executions ?? []) as Obj[];
  const ext = ex.map(execTuple);
  const axt = ax.map(execTuple);
  if (!same(ext, axt)) return `${path}executions: ${firstDiff(ext, axt)}`;
  for (let i = 0; i < ex.length; i++) {
    const es = ex[i]!.subworkflow as Obj | undefined;
    const as = ax[i]!.subworkflow as Obj | undefined;
    if (!es && !as) continue;
    if (!es || !as) return `${path}executions[${i}].subworkflow: presence differs`;
    const d = compareTraces(es, as, `${path}executions[${i}].subworkflow.`);
    if (d) return d;
  }
  return null;
}

function firstDiff(a: Json[], b: Json[]): string {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (!same(a[i], b[i]))
      return `[${i}] expected ${JSON.stringify(a[i] ?? "<none>")} got ${JSON.stringify(b[i] ?? "<none>")}`;
  }
  return "differ";
}

/**
 * The README's strict tier (matched when the implementation mirrors Orquesta's
 * conductor state): sequence, routes, tasks[].seq, tasks[].result and context,
 * recursively. Returns the first difference.
 */
export function compareStrictTier(expected: Obj, actual: Obj, path = ""): string | null {
  for (const field of ["sequence", "routes", "context"] as const) {
    if (!same(expected[field], actual[field])) return `${path}${field} differs`;
  }
  const et = (expected.tasks ?? []) as Obj[];
  const at = (actual.tasks ?? []) as Obj[];
  if (
    !same(
      et.map((t) => t.seq!),
      at.map((t) => t.seq!),
    )
  )
    return `${path}tasks[].seq differs`;
  if (
    !same(
      et.map((t) => t.result!),
      at.map((t) => t.result!),
    )
  )
    return `${path}tasks[].result differs`;
  const ex = (expected.executions ?? []) as Obj[];
  const ax = (actual.executions ?? []) as Obj[];
  for (let i = 0; i < Math.min(ex.length, ax.length); i++) {
    const es = ex[i]!.subworkflow as Obj | undefined;
    const as = ax[i]!.subworkflow as Obj | undefined;
    if (es && as) {
      const d = compareStrictTier(es, as, `${path}executions[${i}].subworkflow.`);
      if (d) return d;
    }
  }
  return null;
}
