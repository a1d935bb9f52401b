// StackStorm's runtime functions registered with the orquesta runner:
// st2kv (datastore lookup) and task (the latest execution record of a task).

import { dictGet } from "../py/dict";
import { pyStr } from "../py/text";
import { isDict, PyError } from "../py/value";
import { bindArgs } from "./args";
import { registerFunction } from "./catalog";

registerFunction(
  "st2kv",
  (env, args, kwargs) => {
    const [key] = bindArgs("st2kv_", [{ name: "key" }], args, {});
    if (typeof key !== "string") throw new PyError("TypeError", "Given key is not typeof string.");
    // kwargs.get("decrypt", False): a given None is not False, and fails the type check
    const given = dictGet(kwargs, "decrypt");
    const decrypt = given === undefined ? false : given;
    if (typeof decrypt !== "boolean") throw new PyError("TypeError", "Decrypt parameter is not typeof bool.");
    const st2 = dictGet(env.ctx, "st2");
    if (!isDict(st2) || dictGet(st2, "user") === undefined) {
      // A KeyError (its message is Python's str() of it, quoted): YAQL reports it as an
      // unresolved key, Jinja as a plain failure.
      throw new PyError("KeyError", "'Could not get user from context.'");
    }
    const value = env.st2kv?.(key, decrypt);
    if (value !== undefined) return value;
    const fallback = dictGet(kwargs, "default");
    if (fallback !== undefined) return fallback;
    const scope = key.startsWith("system.") ? "system" : "user";
    const name = scope === "system" ? key.slice("system.".length) : key;
    throw new PyError(
      "ExpressionEvaluationException",
      `The key "${name}" does not exist in the StackStorm datastore (scope: ${scope}).`,
    );
  },
  { context: true, typeCheckedFirst: [0] },
);

registerFunction(
  "task",
  (env, args, kwargs) => {
    const [taskId, route] = bindArgs(
      "task",
      [
        { name: "task_id", default: null },
        { name: "route", default: null },
      ],
      args,
      kwargs,
    );
    const name = taskId === null ? env.currentTask?.id : pyStr(taskId!);
    if (name === undefined) throw new PyError("KeyError", "'id'");
    const r = typeof route === "number" ? route : (env.currentTask?.route ?? 0);
    if (!env.task)
      throw new PyError("ExpressionEvaluationException", `Unable to find task execution for "${name}".`);
    return env.task(name, r);
  },
  { context: true },
);
