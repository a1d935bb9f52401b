// Build the workflow IR from a parsed (and inspected) Orquesta definition.
// Mirrors the normalisation Orquesta's spec models do on load: inline action
// parameters replace `input`, string `publish` is parsed, `do` is split and
// defaults to `continue`, the `with` shorthand becomes `{items}`.

import { isDict, type PyDict, type PyValue } from "../../runtime/stdlib/py/value";
import { inlineParamsDict, parseInlineParams } from "./inline-params";
import type {
  InputParamIR,
  JoinIR,
  NamedValueIR,
  RetryIR,
  TaskIR,
  TransitionIR,
  WithItemsIR,
  WorkflowIR,
} from "./types";

export function buildWorkflowIR(definition: unknown): WorkflowIR {
  const def: PyDict = isDict(definition) ? definition : {};
  const tasksDef = isDict(def.tasks) ? def.tasks : {};
  return {
    kind: "workflow",
    version: def.version ?? null,
    description: typeof def.description === "string" ? def.description : null,
    input: listOf(def.input).map(buildInput),
    vars: listOf(def.vars).map(buildNamed),
    output: listOf(def.output).map(buildNamed),
    tasks: Object.keys(tasksDef).map((name) => buildTask(name, tasksDef[name] ?? null)),
  };
}

function listOf(v: PyValue | undefined): PyValue[] {
  return Array.isArray(v) ? v : [];
}

function buildInput(item: PyValue): InputParamIR {
  if (isDict(item)) {
    const [name, value] = firstEntry(item);
    return { kind: "input", name, default: value };
  }
  return { kind: "input", name: String(item), default: null };
}

function buildNamed(item: PyValue): NamedValueIR {
  const [name, value] = isDict(item) ? firstEntry(item) : [String(item), null];
  return { kind: "named-value", name, value };
}

function firstEntry(d: PyDict): [string, PyValue] {
  const key = Object.keys(d)[0] ?? "";
  return [key, d[key] ?? null];
}

function buildTask(name: string, raw: PyValue): TaskIR {
  const t: PyDict = isDict(raw) ? raw : {};
  let action = typeof t.action === "string" ? t.action : null;
  let input: PyValue = t.input ?? null;
  const inline = action !== null ? inlineParamsDict(action) : null;
  if (action !== null && inline) {
    const space = action.indexOf(" ");
    action = space >= 0 ? action.slice(0, space) : action;
    input = inline;
  }
  return {
    kind: "task",
    name,
    action,
    input,
    join: buildJoin(t.join),
    withItems: buildWith(t.with),
    retry: buildRetry(t.retry),
    delay: t.delay ?? null,
    next: listOf(t.next).map(buildTransition),
  };
}

function buildJoin(v: PyValue | undefined): JoinIR | null {
  if (v === undefined || v === null) return null;
  if (v === "all") return { kind: "join-all" };
  return { kind: "join-count", count: typeof v === "number" ? v : Number(v) };
}

function buildWith(v: PyValue | undefined): WithItemsIR | null {
  if (v === undefined || v === null) return null;
  const spec: PyDict = typeof v === "string" ? { items: v } : isDict(v) ? v : {};
  const items = typeof spec.items === "string" ? spec.items : "";
  const at = items.indexOf(" in ");
  const itemsExpression = (at < 0 ? items : items.slice(at + 4)).trim();
  const names = at < 0 ? null : items.slice(0, at).replace(/ /g, "").split(",");
  return { kind: "with-items", items, itemsExpression, names, concurrency: spec.concurrency ?? null };
}

function buildRetry(v: PyValue | undefined): RetryIR | null {
  if (!isDict(v)) return null;
  return {
    kind: "retry",
    when: typeof v.when === "string" ? v.when : null,
    count: v.count ?? null,
    delay: v.delay ?? null,
  };
}

function buildTransition(raw: PyValue, index: number): TransitionIR {
  const t: PyDict = isDict(raw) ? raw : {};
  const condition = typeof t.when === "string" && t.when !== "" ? t.when : null;
  let publish: NamedValueIR[] = [];
  if (typeof t.publish === "string") {
    publish = parseInlineParams(t.publish).map(([name, value]) => ({ kind: "named-value", name, value }));
  } else if (Array.isArray(t.publish)) {
    publish = t.publish.map(buildNamed);
  }
  let targets: string[];
  if (typeof t.do === "string" && t.do !== "") targets = t.do.split(",").map((x) => x.trim());
  else if (Array.isArray(t.do) && t.do.length > 0) targets = t.do.map((x) => String(x));
  else targets = ["continue"];
  return { kind: "transition", index, condition, publish, targets };
}
