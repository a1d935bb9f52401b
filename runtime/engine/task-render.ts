// Rendering a staged task for dispatch (Orquesta's get_task + TaskSpec.render):
// action and input per item, the items list, delay and concurrency.

import type { TaskIR } from "../../compiler/ir/types";
import { dictSet } from "../stdlib/py/dict";
import { isDict, isInt, type PyDict, PyTuple, type PyValue } from "../stdlib/py/value";
import { EngineError } from "./errors";
import type { ExprEnv } from "./expressions";

export interface ActionSpec {
  readonly action: PyValue;
  readonly input: PyValue;
  readonly itemId?: number;
}

export interface RenderedTask {
  readonly id: string;
  readonly route: number;
  readonly ctx: PyDict;
  actions: ActionSpec[];
  delay?: number;
  readonly itemsCount?: number;
  concurrency?: PyValue;
}

export type Renderer = (value: PyValue, env: ExprEnv) => PyValue;
export type EnvFactory = (ctx: PyDict, item?: { value: PyValue }) => ExprEnv;

export function renderTask(
  spec: TaskIR | undefined,
  id: string,
  route: number,
  ctx: PyDict,
  render: Renderer,
  envOf: EnvFactory,
): RenderedTask {
  const actions: ActionSpec[] = [];
  const input: PyValue = spec?.input ?? {};
  const task: RenderedTask = { id, route, ctx, actions };
  let itemsCount: number | undefined;
  if (!spec?.withItems) {
    const env = envOf(ctx);
    actions.push({ action: render(spec?.action ?? null, env), input: render(input, env) });
  } else {
    const w = spec.withItems;
    const items = render(w.itemsExpression, envOf(ctx));
    if (!Array.isArray(items))
      throw new EngineError("TypeError", `The value of "${w.itemsExpression}" is not type of list.`);
    items.forEach((raw, idx) => {
      let item: PyValue = raw;
      const names = w.names;
      if (names && (Array.isArray(raw) || raw instanceof PyTuple)) {
        const values = Array.isArray(raw) ? raw : raw.items;
        const d: PyDict = {};
        names.forEach((n, i) => {
          if (i < values.length) dictSet(d, n, values[i]!);
        });
        item = d;
      } else if (names && names.length === 1) {
        const d: PyDict = {};
        dictSet(d, names[0]!, raw);
        item = d;
      }
      const env = envOf(ctx, { value: item });
      actions.push({ action: render(spec.action ?? null, env), input: render(input, env), itemId: idx });
    });
    itemsCount = actions.length;
  }
  const out: RenderedTask = itemsCount === undefined ? task : { ...task, itemsCount };
  if (spec && truthyDelay(spec.delay)) {
    let delay = spec.delay;
    if (typeof delay === "string") delay = render(delay, envOf(ctx));
    if (!isInt(delay) && typeof delay !== "boolean")
      throw new EngineError("TypeError", "The value of task delay is not type of integer.");
    out.delay = Number(delay);
  }
  if (spec?.withItems) out.concurrency = render(spec.withItems.concurrency, envOf(ctx));
  return out;
}

function truthyDelay(v: PyValue): boolean {
  return v !== null && v !== 0 && v !== "" && v !== false && !(isDict(v) && Object.keys(v).length === 0);
}
