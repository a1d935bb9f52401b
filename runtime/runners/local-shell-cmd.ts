// local-shell-cmd (core.local, core.echo): `cmd` through /bin/sh on this
// host, like st2's subprocess with shell=True; with `sudo`, through
// `sudo -E -- bash -c` (password on stdin with `-S`).

import type { JsonObject } from "../backend/types";
import { stringifyValue } from "../backend/value-json";
import { runProcess } from "./process";
import { quoteShell } from "./quote";
import { LOCAL_SHELL_PARAMS, withDefaults } from "./runner-params";
import { shellResult, shellStatus } from "./shell-result";
import type { Runner, RunnerContext, RunnerResult } from "./types";

export const localShellCmdRunner: Runner = {
  name: "local-shell-cmd",
  runnerParameters: LOCAL_SHELL_PARAMS,
  async run(params, ctx) {
    const p = withDefaults(params, LOCAL_SHELL_PARAMS);
    if (typeof p.cmd !== "string" || p.cmd.length === 0) {
      return { status: "failed", result: { error: "local-shell-cmd needs a non-empty cmd parameter" } };
    }
    return runLocalShell(p.cmd, p, ctx);
  },
};

/** Shared by local-shell-cmd and local-shell-script. */
export async function runLocalShell(
  command: string,
  p: Record<string, unknown>,
  ctx: RunnerContext,
): Promise<RunnerResult> {
  const sudoPassword =
    typeof p.sudo_password === "string" && p.sudo_password.length > 0 ? p.sudo_password : undefined;
  if (sudoPassword) ctx.secrets?.add(sudoPassword);
  const line =
    p.sudo === true ? `sudo ${sudoPassword ? "-S " : ""}-E -- bash -c ${quoteShell(command)}` : command;
  const timeout = Number(p.timeout ?? 60);
  const outcome = await runProcess({
    command: "/bin/sh",
    args: ["-c", line],
    ...(typeof p.cwd === "string" && p.cwd ? { cwd: p.cwd } : {}),
    env: actionEnv(p.env, ctx),
    ...(sudoPassword ? { stdin: `${sudoPassword}\n` } : {}),
    timeout,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  return { status: shellStatus(outcome), result: shellResult(outcome, timeout) };
}

/** The process env plus the action's `env` and st2's ST2_ACTION_* variables. */
export function actionEnv(env: unknown, ctx: RunnerContext): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...process.env };
  if (env && typeof env === "object" && !Array.isArray(env)) {
    for (const [k, v] of Object.entries(env as JsonObject))
      out[k] = typeof v === "string" ? v : stringifyValue(v);
  }
  if (ctx.action?.pack) out.ST2_ACTION_PACK_NAME = ctx.action.pack;
  if (ctx.execId) out.ST2_ACTION_EXECUTION_ID = ctx.execId;
  return out;
}
