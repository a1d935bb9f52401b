// remote-shell-script: copies the entry_point script to `dir` on each host
// (SFTP), runs it there with the action's parameters as arguments, and
// removes it afterwards.

import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { quoteShell } from "./quote";
import { remoteCommandLine, runOnHosts } from "./remote-shell";
import { REMOTE_SCRIPT_PARAMS, withDefaults } from "./runner-params";
import { scriptArguments } from "./script-args";
import { sshExec, sshUpload } from "./ssh";
import type { Runner } from "./types";

export const remoteShellScriptRunner: Runner = {
  name: "remote-shell-script",
  runnerParameters: REMOTE_SCRIPT_PARAMS,
  async run(params, ctx) {
    const script = ctx.action?.entryPoint;
    if (!script)
      return { status: "failed", result: { error: "Missing entry_point action metadata attribute" } };
    const p = withDefaults(params, REMOTE_SCRIPT_PARAMS);
    const body = await readFile(script);
    const remote = `${String(p.dir ?? "/tmp").replace(/\/$/, "")}/${randomUUID()}-${basename(script)}`;
    const args = scriptArguments(
      params,
      ctx.action?.parameters ?? {},
      REMOTE_SCRIPT_PARAMS,
      String(p.kwarg_op ?? "--"),
    );
    const line = remoteCommandLine(args ? `${quoteShell(remote)} ${args}` : quoteShell(remote), p);
    const timeoutMs = Number(p.timeout) * 1000;
    return runOnHosts(p, ctx, async (client) => {
      await sshUpload(client, remote, body, 0o755);
      try {
        return await sshExec(client, line, timeoutMs, ctx.signal);
      } finally {
        await sshExec(client, `rm -f ${quoteShell(remote)}`, 10_000).catch(() => {});
      }
    });
  },
};
