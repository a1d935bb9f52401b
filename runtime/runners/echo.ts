// core.echo: StackStorm runs `echo "{{message}}"` through local-shell-cmd.
// A message the shell would print unchanged (no $, `, ", \, NUL, not "-n") is
// answered in-process with the same result; anything else goes through the
// real shell so expansions behave exactly as in StackStorm.

import { localShellCmdRunner } from "./local-shell-cmd";
import { LOCAL_SHELL_PARAMS } from "./runner-params";
import { shellResult } from "./shell-result";
import type { Runner } from "./types";

const SHELL_SPECIAL = /[$`"\\\u0000]/;

export const echoRunner: Runner = {
  name: "echo",
  runnerParameters: { ...LOCAL_SHELL_PARAMS, message: { type: "string", required: true } },
  async run(params, ctx) {
    const message = params.message === null || params.message === undefined ? "" : String(params.message);
    if (SHELL_SPECIAL.test(message) || message === "-n" || params.sudo === true) {
      return localShellCmdRunner.run({ ...params, cmd: `echo "${message}"` }, ctx);
    }
    return {
      status: "succeeded",
      result: shellResult({ exitCode: 0, stdout: `${message}\n`, stderr: "", timedOut: false }, 60),
    };
  },
};
