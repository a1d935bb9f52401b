// The catalogue of functions Orquesta registers for both YAQL and Jinja
// (orquesta-semantics.md section 8.4). Each evaluator looks names up here; a
// function reports failures by throwing PyError with a category.

import { dictGet, newDict } from "../py/dict";
import { isDict, type PyDict, PyError, type PyValue, pyTypeName } from "../py/value";
import type { ExprEnv } from "./env";

export type CatalogFunction = (env: ExprEnv, args: PyValue[], kwargs: PyDict) => PyValue;

const catalog = new Map<string, CatalogFunction>();

export function registerFunction(name: string, fn: CatalogFunction): void {
  catalog.set(name, fn);
}

export function lookupFunction(name: string): CatalogFunction | undefined {
  return catalog.get(name);
}

export function catalogNames(): string[] {
  return [...catalog.keys()];
}

function visibleContext(ctx: PyDict): PyDict {
  return newDict(
    Object.keys(ctx)
      .filter((k) => !k.startsWith("__"))
      .map((k) => [k, ctx[k]!] as const),
  );
}

function currentTaskOf(env: ExprEnv) {
  if (!env.currentTask) throw new PyError("ValueError", "The current task is not set in the context.");
  return env.currentTask;
}

registerFunction("ctx", (env, args) => {
  if (args.length === 0) return visibleContext(env.ctx);
  const name = args[0];
  if (typeof name !== "string")
    throw new PyError("TypeError", `ctx() takes a variable name, not ${pyTypeName(name ?? null)}`);
  if (name.startsWith("__")) {
    throw new PyError(
      "VariableInaccessibleError",
      `The variable "${name}" is for internal use and inaccessible.`,
      "undefined_variable",
    );
  }
  const value = dictGet(env.ctx, name);
  if (value === undefined) {
    throw new PyError("VariableUndefinedError", `The variable "${name}" is undefined.`, "undefined_variable");
  }
  return value;
});

registerFunction("item", (env, args) => {
  if (!env.item) {
    if (args.length === 0) return null;
    throw new PyError("ItemNotSetError", "The current item is not set in the context.");
  }
  const item = env.item.value;
  if (args.length === 0) return item;
  const key = args[0];
  if (!isDict(item)) throw new PyError("ItemInvalidError", `The current item is not a mapping.`);
  const value = typeof key === "string" ? dictGet(item, key) : undefined;
  if (value === undefined)
    throw new PyError("KeyError", `The current item does not have the key "${String(key)}".`);
  return value;
});

registerFunction("result", (env) => currentTaskOf(env).result);
registerFunction("succeeded", (env) => currentTaskOf(env).status === "succeeded");
registerFunction("failed", (env) => currentTaskOf(env).status === "failed");
registerFunction("completed", (env) =>
  ["succeeded", "failed", "timeout", "expired", "abandoned", "canceled"].includes(
    currentTaskOf(env).status ?? "",
  ),
);

registerFunction("task_status", (env, args, kwargs) => {
  const taskId = args[0];
  if (typeof taskId !== "string") throw new PyError("TypeError", "task_status() takes a task name");
  const routeArg = args[1] ?? dictGet(kwargs, "route");
  const route = typeof routeArg === "number" ? routeArg : env.currentTask?.route;
  return env.taskStatus?.(taskId, route) ?? "null";
});
