// python-script: a StackStorm Python action (a class deriving from st2's
// Action) run in a warm process of the Python pool. Result `{result, stdout,
// stderr, exit_code}`; status from run()'s `(bool, value)` when it returns
// one, otherwise from the exit code; a timeout kills the process.

import type { JsonObject, JsonValue } from "../backend/types";
import { stringifyValue } from "../backend/value-json";
import type { Datastore } from "../datastore/datastore";
import { sharedPythonPool } from "./python/pool";
import { PYTHON_PARAMS, withDefaults } from "./runner-params";
import { DEFAULT_USER, type Runner, type RunnerStatus } from "./types";

export const pythonScriptRunner: Runner = {
  name: "python-script",
  runnerParameters: PYTHON_PARAMS,
  async run(params, ctx) {
    const file = ctx.action?.entryPoint;
    if (!file)
      return {
        status: "failed",
        result: { error: "Action is missing entry_point attribute", traceback: "" },
      };
    const p = withDefaults(params, PYTHON_PARAMS);
    const timeout = Number(p.timeout ?? 600);
    const actionParams: JsonObject = {};
    for (const [k, v] of Object.entries(params))
      if (!(k in PYTHON_PARAMS) || k in (ctx.action?.parameters ?? {})) actionParams[k] = v;
    const pool = ctx.pythonPool ?? sharedPythonPool();
    const out = await pool.run(
      {
        file,
        pack: ctx.action?.pack ?? "",
        config: ctx.config ?? {},
        parameters: actionParams,
        user: ctx.user ?? DEFAULT_USER,
        env: stringEnv(p.env),
        logLevel: String(p.log_level ?? "DEBUG"),
        timeout,
      },
      (call) => datastoreCall(ctx.datastore, call),
      ctx.signal,
    );
    if (out.invalidStatus) return { status: "failed", result: { error: out.stderr, traceback: "" } };
    const result: JsonObject = {
      result: out.result,
      stdout: out.stdout,
      stderr: out.stderr,
      exit_code: out.exitCode,
    };
    if (out.timedOut) result.error = `Action failed to complete in ${timeout} seconds`;
    let status: RunnerStatus;
    if (out.canceled) status = "canceled";
    else if (out.timedOut) status = "timeout";
    else if (out.status !== null) status = out.exitCode === 0 && out.status ? "succeeded" : "failed";
    else status = out.exitCode === 0 ? "succeeded" : "failed";
    return { status, result };
  },
};

function stringEnv(env: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (env && typeof env === "object" && !Array.isArray(env)) {
    for (const [k, v] of Object.entries(env as JsonObject))
      out[k] = typeof v === "string" ? v : stringifyValue(v);
  }
  return out;
}

/** The Node side of action_service: the system scope of the datastore, as st2 allows. */
async function datastoreCall(ds: Datastore | undefined, call: JsonObject): Promise<JsonValue> {
  if (!ds) throw new Error("no datastore is configured for this action run");
  const name = String(call.name ?? "");
  switch (call.verb) {
    case "get":
      return (await ds.get({ scope: "system", name }, { decrypt: call.decrypt === true }))?.value ?? null;
    case "set": {
      const ttlSeconds = Number(call.ttl ?? 0); // a PyFloat box converts too
      const ttl = ttlSeconds > 0 ? ttlSeconds : undefined;
      await ds.set({
        scope: "system",
        name,
        value: String(call.value ?? ""),
        secret: call.secret === true,
        ...(ttl ? { ttl } : {}),
      });
      return true;
    }
    case "delete":
      return ds.delete({ scope: "system", name });
    case "list":
      return (
        await ds.list({ scope: "system", ...(call.prefix ? { prefix: String(call.prefix) } : {}) })
      ).map((i) => ({
        name: i.name,
        value: i.value,
        secret: i.secret,
      }));
    default:
      throw new Error(`unknown datastore call ${String(call.verb)}`);
  }
}
