// local-shell-script: runs the action's entry_point with its parameters as
// arguments (see script-args.ts), through the same shell path as
// local-shell-cmd; the script is made executable first, as st2 does.

import { chmod } from "node:fs/promises";
import { runLocalShell } from "./local-shell-cmd";
import { quoteShell } from "./quote";
import { LOCAL_SCRIPT_PARAMS, withDefaults } from "./runner-params";
import { scriptArguments } from "./script-args";
import type { Runner } from "./types";

export const localShellScriptRunner: Runner = {
  name: "local-shell-script",
  runnerParameters: LOCAL_SCRIPT_PARAMS,
  async run(params, ctx) {
    const script = ctx.action?.entryPoint;
    if (!script)
      return { status: "failed", result: { error: "Missing entry_point action metadata attribute" } };
    const p = withDefaults(params, LOCAL_SCRIPT_PARAMS);
    await chmod(script, 0o755).catch(() => {});
    const args = scriptArguments(
      params,
      ctx.action?.parameters ?? {},
      LOCAL_SCRIPT_PARAMS,
      String(p.kwarg_op ?? "--"),
    );
    return runLocalShell(args ? `${quoteShell(script)} ${args}` : quoteShell(script), p, ctx);
  },
};
