// Evaluation of golden-format expression cases (golden/expressions/README.md):
// builds each case's environment (ctx, current item and task, task states,
// datastore) and renders its value into the golden result form.

import type { CurrentTask, ExprEnv } from "../../runtime/stdlib/functions/env";
import { dictGet } from "../../runtime/stdlib/py/dict";
import { type Json, toGolden } from "../../runtime/stdlib/py/golden-json";
import { isDict, isInt, PyError, type PyValue } from "../../runtime/stdlib/py/value";
import { ExpressionError } from "./errors";

export interface ExpressionCase {
  readonly id: string;
  readonly expr: PyValue;
  readonly ctx?: PyValue;
  readonly current_item?: PyValue;
  readonly current_task?: PyValue;
  readonly task_states?: PyValue;
  readonly datastore?: PyValue;
}

export type CaseResult =
  | { id: string; value: Json; type: string; float_paths?: string[] }
  | { id: string; error_type: string; message: string };

/** The environment a case describes. */
export function caseEnv(c: Omit<ExpressionCase, "id" | "expr">): ExprEnv {
  const ctx = isDict(c.ctx) ? c.ctx : {};
  const states = isDict(c.task_states) ? c.task_states : {};
  const store = isDict(c.datastore) ? c.datastore : {};
  let currentTask: CurrentTask | undefined;
  if (isDict(c.current_task)) {
    const t = c.current_task;
    const id = dictGet(t, "id");
    const route = dictGet(t, "route");
    const status = dictGet(t, "status");
    currentTask = {
      id: typeof id === "string" ? id : String(id ?? ""),
      route: isInt(route) ? Number(route) : 0,
      ...(typeof status === "string" ? { status } : {}),
      result: dictGet(t, "result") ?? null,
    };
  }
  return {
    ctx,
    ...(c.current_item !== undefined ? { item: { value: c.current_item } } : {}),
    ...(currentTask ? { currentTask } : {}),
    taskStatus: (taskId) => {
      const s = dictGet(states, taskId);
      if (typeof s === "string") return s;
      if (currentTask && taskId === currentTask.id) return currentTask.status ?? null;
      return null;
    },
    st2kv: (key) => {
      const direct = dictGet(store, key);
      if (direct !== undefined) return direct;
      return key.startsWith("user.") ? dictGet(store, key.slice(5)) : undefined;
    },
  };
}

/** Renders one case with `render` and converts the outcome to the golden result form. */
export function runCase(c: ExpressionCase, render: (value: PyValue, env: ExprEnv) => PyValue): CaseResult {
  try {
    const value = render(c.expr, caseEnv(c));
    return { id: c.id, ...toGolden(value) };
  } catch (e) {
    if (e instanceof ExpressionError) return { id: c.id, error_type: e.category, message: e.message };
    if (e instanceof PyError)
      return { id: c.id, error_type: e.category, message: `${e.pyType}: ${e.message}` };
    const message = e instanceof Error ? e.message : String(e);
    return { id: c.id, error_type: "internal", message };
  }
}
