// StackStorm's parameter layer for real runs: the runner's and the action's
// parameters merged, given values checked (unknown, immutable), defaults
// filled, `{{ }}` templates rendered with the other parameters, st2kv,
// action_context and config_context, values cast, required ones enforced.

import type { Datastore } from "../datastore/datastore";
import { renderParamTemplate } from "../engine/param-template";
import { applyParameterRules } from "../engine/st2-params";
import type { ParamMeta } from "../runners/types";
import { dictSet } from "../stdlib/py/dict";
import { isDict, type PyDict, type PyValue } from "../stdlib/py/value";

export type ParamsOutcome = { ok: true; params: PyDict } | { ok: false; error: string };

export interface ParamContext {
  readonly config: PyDict;
  readonly actionContext: PyDict;
  readonly datastore?: Datastore;
  readonly user: string;
}

/** Flat `system.x` / `x` values of the datastore, read only when the specs or values mention st2kv. */
export async function kvValues(
  texts: unknown,
  ctx: { readonly datastore?: Datastore; readonly user: string },
): Promise<Record<string, PyValue>> {
  if (!ctx.datastore || !mentionsKv(texts)) return {};
  const out: Record<string, PyValue> = {};
  const [system, user] = await Promise.all([
    ctx.datastore.list({ scope: "system" }, { decrypt: true }),
    ctx.datastore.list({ scope: "user", user: ctx.user }, { decrypt: true }),
  ]);
  for (const item of system) out[`system.${item.name}`] = item.value;
  for (const item of user) out[item.name] = item.value;
  return out;
}

/** Some string (key or value) in `v` says "st2kv"; stops at the first, builds nothing. */
export function mentionsKv(v: unknown): boolean {
  if (typeof v === "string") return v.includes("st2kv");
  if (v === null || typeof v !== "object") return false;
  if (Array.isArray(v)) return v.some(mentionsKv);
  for (const k in v) if (k.includes("st2kv") || mentionsKv((v as Record<string, unknown>)[k])) return true;
  return false;
}

/** Input of a workflow from its action parameters, with the datastore values already read. */
export function workflowInputSync(
  given: PyDict,
  parameters: Readonly<Record<string, PyValue>> | null | undefined,
  ctx: { readonly config: PyDict; readonly actionContext: PyDict; readonly kv: Record<string, PyValue> },
): ParamsOutcome {
  if (!parameters) return { ok: true, params: given };
  const res = applyParameterRules(
    given,
    parameters,
    { datastore: ctx.kv, actionContext: ctx.actionContext, config: ctx.config },
    renderParamTemplate,
  );
  return res.ok ? { ok: true, params: res.input } : { ok: false, error: res.error };
}

/** Input of a workflow action (or a compiled unit) from its parameters. */
export async function workflowInput(
  given: PyDict,
  parameters: Readonly<Record<string, PyValue>> | null | undefined,
  ctx: ParamContext,
): Promise<ParamsOutcome> {
  if (!parameters) return { ok: true, params: given };
  const kv = await kvValues([parameters, given], ctx);
  return workflowInputSync(given, parameters, { config: ctx.config, actionContext: ctx.actionContext, kv });
}

/**
 * Final parameters of an action run. Runner parameters the caller left
 * unset and that have no default are dropped, so runners apply their own.
 */
export async function actionParams(
  given: PyDict,
  runnerParams: Readonly<Record<string, ParamMeta>>,
  actionParameters: Readonly<Record<string, PyValue>>,
  ctx: ParamContext,
): Promise<ParamsOutcome> {
  const specs: Record<string, PyValue> = {};
  for (const [name, meta] of Object.entries(runnerParams)) specs[name] = { ...meta } as unknown as PyValue;
  for (const [name, meta] of Object.entries(actionParameters)) {
    const inherited = specs[name];
    specs[name] = isDict(inherited) && isDict(meta) ? { ...inherited, ...meta } : meta;
  }
  const res = await workflowInput(given, specs, ctx);
  if (!res.ok) return res;
  const params: PyDict = {};
  for (const [name, value] of Object.entries(res.params)) {
    const ownParam = Object.hasOwn(actionParameters, name);
    if (value === null && !ownParam && !Object.hasOwn(given, name)) continue;
    dictSet(params, name, value);
  }
  return { ok: true, params };
}
