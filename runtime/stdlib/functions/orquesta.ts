// Orquesta's own functions (orquesta/expressions/functions/{common,workflow}.py):
// ctx, item, result, succeeded, failed, completed, task_status, json, zip.

import { dictGet, dictKeys, filterDict } from "../py/dict";
import { isPlainDict, markPlainDeep } from "../py/plain-dict";
import { pyStr } from "../py/text";
import {
  isDict,
  isSequence,
  type PyDict,
  PyError,
  PySet,
  PyTuple,
  type PyValue,
  pyTypeName,
  truthy,
} from "../py/value";
import { bindArgs } from "./args";
import { FROZEN_ARGUMENTS, ITERATED_ARGUMENTS, registerFunction } from "./catalog";
import type { ExprEnv } from "./env";
import { pyJsonLoads } from "./py-json";

const COMPLETED = ["succeeded", "failed", "timeout", "abandoned", "canceled"];

function visibleContext(ctx: PyDict): PyDict {
  return filterDict(ctx, (k) => !k.startsWith("__"));
}

function evalError(message: string): PyError {
  return new PyError("ExpressionEvaluationException", message);
}

function currentTaskOf(env: ExprEnv) {
  if (!env.currentTask) throw evalError("The current task is not set in the context.");
  return env.currentTask;
}

function currentStatus(env: ExprEnv): string {
  const task = currentTaskOf(env);
  return task.status ?? env.taskStatus?.(task.id, task.route) ?? "null";
}

/** ctx(key) with a key that is not empty: the variable, or Orquesta's failure for a missing or private one. */
export function contextVariable(env: ExprEnv, key: PyValue): PyValue {
  const value = typeof key === "string" ? dictGet(env.ctx, key) : undefined;
  if (value === undefined) {
    throw new PyError(
      "VariableUndefinedError",
      `The variable "${pyStr(key!)}" is undefined.`,
      "undefined_variable",
    );
  }
  if ((key as string).startsWith("__")) {
    throw new PyError(
      "VariableInaccessibleError",
      `The variable "${key}" is for internal use and inaccessible.`,
      "undefined_variable",
    );
  }
  return value;
}

registerFunction(
  "ctx",
  (env, args, kwargs, language) => {
    const [key] = bindArgs("ctx_", [{ name: "key", default: null }], args, kwargs);
    if (!truthy(key!)) return visibleContext(env.ctx);
    // `key in variables`: Jinja hands over a list or dict as it is, unhashable;
    // YAQL's frozen tuples and mappings are only missing names.
    if (language === "jinja" && (Array.isArray(key) || isDict(key) || key instanceof PySet))
      throw new PyError("TypeError", `unhashable type: '${pyTypeName(key!)}'`);
    return contextVariable(env, key!);
  },
  { context: true },
);

registerFunction(
  "item",
  (env, args, kwargs) => {
    const [key] = bindArgs("item_", [{ name: "key", default: null }], args, kwargs);
    const item = env.item ? env.item.value : null;
    if (!truthy(key!)) return item;
    if (!isDict(item)) throw evalError("Item is not type of collections.abc.Mapping.");
    const value = typeof key === "string" ? dictGet(item, key) : undefined;
    if (value === undefined) throw evalError(`Item does not have key "${pyStr(key!)}".`);
    return value;
  },
  { context: true },
);

registerFunction(
  "result",
  (env, args, kwargs) => {
    bindArgs("result_", [], args, kwargs);
    return currentTaskOf(env).result ?? null;
  },
  { context: true },
);

const statusTest = (name: string, test: (status: string) => boolean) =>
  registerFunction(
    name,
    (env, args, kwargs) => {
      bindArgs(`${name}_`, [], args, kwargs);
      return test(currentStatus(env));
    },
    { context: true },
  );
statusTest("succeeded", (s) => s === "succeeded");
statusTest("failed", (s) => s === "failed");
statusTest("completed", (s) => COMPLETED.includes(s));

registerFunction(
  "task_status",
  (env, args, kwargs) => {
    const [taskId, routeArg] = bindArgs(
      "task_status_",
      [{ name: "task_id" }, { name: "route", default: null }],
      args,
      kwargs,
    );
    const route = typeof routeArg === "number" ? routeArg : (env.currentTask?.route ?? 0);
    return env.taskStatus?.(pyStr(taskId!), route) ?? "null";
  },
  { context: true },
);

registerFunction(
  "json",
  (_env, args, kwargs, language) => {
    const [s] = bindArgs("json_", [{ name: "s" }], args, kwargs);
    // YAQL passes most mappings as FrozenDict, which is not a dict: Jinja's and YAQL's plain dicts come back.
    if (isDict(s) && (language !== "yaql" || isPlainDict(s))) return s;
    if (typeof s !== "string") throw new PyError("TypeError", "Given object is not typeof string.");
    return markPlainDeep(pyJsonLoads(s, { recursionLimit: true }));
  },
  { ...FROZEN_ARGUMENTS, typeCheckedFirst: [0] },
);

registerFunction(
  "zip",
  // Orquesta's zip_(*args, **kwargs) reads `pad` and drops any other keyword
  (_env, args, kwargs) => {
    const lists = args.map((a) => (a === null ? [] : a));
    if (lists.length === 1) return lists[0]!;
    const pad = dictGet(kwargs, "pad") ?? null;
    const seqs = lists.map(iterableItems);
    const n = Math.max(0, ...seqs.map((s) => s.length));
    const out: PyValue[] = [];
    for (let i = 0; i < n; i++) out.push(new PyTuple(seqs.map((s) => (i < s.length ? s[i]! : pad))));
    return out;
  },
  ITERATED_ARGUMENTS,
);

/** The items Python's iter() yields for a value; TypeError for non-iterables. */
export function iterableItems(v: PyValue): readonly PyValue[] {
  if (isSequence(v)) return Array.isArray(v) ? v : v.items;
  if (typeof v === "string") return [...v];
  if (v instanceof PySet) return v.values();
  if (isDict(v)) return dictKeys(v);
  throw new PyError("TypeError", `zip_longest argument #1 must support iteration`);
}
