// remote-shell-cmd (core.remote): `cmd` over SSH on every host in `hosts`;
// the result maps each host to its own shell result.

import { remoteCommandLine, runOnHosts } from "./remote-shell";
import { REMOTE_SHELL_PARAMS, withDefaults } from "./runner-params";
import { sshExec } from "./ssh";
import type { Runner } from "./types";

export const remoteShellCmdRunner: Runner = {
  name: "remote-shell-cmd",
  runnerParameters: REMOTE_SHELL_PARAMS,
  async run(params, ctx) {
    const p = withDefaults(params, REMOTE_SHELL_PARAMS);
    if (typeof p.cmd !== "string" || p.cmd.length === 0) {
      return { status: "failed", result: { error: "remote-shell-cmd needs a non-empty cmd parameter" } };
    }
    const line = remoteCommandLine(p.cmd, p);
    const timeoutMs = Number(p.timeout) * 1000;
    return runOnHosts(p, ctx, (client) => sshExec(client, line, timeoutMs, ctx.signal));
  },
};
