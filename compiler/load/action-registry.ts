// Action lookup: metadata loaded from packs, then StackStorm's core actions,
// with the runner parameters each action inherits.

import type { ActionMeta, ParamSpec } from "./action-types";
import { CORE_ACTIONS } from "./builtin-core-actions";
import { RUNNER_ALIASES, RUNNER_PARAMETERS } from "./builtin-runners";

export function canonicalRunner(runnerType: string): string {
  return RUNNER_ALIASES[runnerType] ?? runnerType;
}

export function builtinAction(ref: string): ActionMeta | undefined {
  const core = CORE_ACTIONS[ref];
  if (!core) return undefined;
  const name = ref.slice(ref.indexOf(".") + 1);
  return {
    ref,
    pack: "core",
    name,
    runnerType: core.runnerType,
    entryPoint: "",
    parameters: core.parameters,
    enabled: true,
    builtin: true,
  };
}

/**
 * The parameters an action accepts, as StackStorm's validation sees them (runner
 * parameters replaced key by key by the action's; an action that only overrides
 * some attributes keeps the runner's type). Undefined when the runner is unknown.
 */
export function effectiveParameters(action: ActionMeta): Readonly<Record<string, ParamSpec>> | undefined {
  const runner = RUNNER_PARAMETERS[canonicalRunner(action.runnerType)];
  if (!runner) return undefined;
  const out: Record<string, ParamSpec> = { ...runner };
  for (const [name, spec] of Object.entries(action.parameters)) {
    const inherited = runner[name];
    out[name] =
      inherited && spec.type === undefined && inherited.type !== undefined
        ? { ...spec, type: inherited.type }
        : spec;
  }
  return out;
}

export function isKnownRunner(runnerType: string): boolean {
  return RUNNER_PARAMETERS[canonicalRunner(runnerType)] !== undefined;
}
