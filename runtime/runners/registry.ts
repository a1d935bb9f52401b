// The runner registry: runner_type name -> runner. `runAction` is the one
// entry the engine calls: it picks the runner, remembers secret parameters
// for masking, times the call for metrics, and turns an unexpected throw into
// StackStorm's `{error, traceback}` failure.

import type { JsonObject } from "../backend/types";
import { echoRunner } from "./echo";
import { httpRequestRunner } from "./http-request";
import { inquirerRunner } from "./inquirer";
import { localShellCmdRunner } from "./local-shell-cmd";
import { localShellScriptRunner } from "./local-shell-script";
import { nodejsRunner } from "./nodejs";
import { noopRunner } from "./noop";
import { pythonScriptRunner } from "./python-script";
import { remoteShellCmdRunner } from "./remote-shell-cmd";
import { remoteShellScriptRunner } from "./remote-shell-script";
import type { Runner, RunnerContext, RunnerResult } from "./types";

export const BUILTIN_RUNNERS: readonly Runner[] = [
  noopRunner,
  echoRunner,
  localShellCmdRunner,
  localShellScriptRunner,
  remoteShellCmdRunner,
  remoteShellScriptRunner,
  httpRequestRunner,
  pythonScriptRunner,
  nodejsRunner,
  inquirerRunner,
];

/** st2 runner_type aliases that map onto the same implementation. */
const ALIASES: Readonly<Record<string, string>> = {
  "run-local": "local-shell-cmd",
  "run-local-script": "local-shell-script",
  "run-remote": "remote-shell-cmd",
  "run-remote-script": "remote-shell-script",
  "run-python": "python-script",
  http: "http-request",
};

export class RunnerRegistry {
  private readonly runners = new Map<string, Runner>();

  constructor(runners: readonly Runner[] = BUILTIN_RUNNERS) {
    for (const r of runners) this.register(r);
  }

  /** Adds or replaces a runner (the engine registers `orquesta` and `orqc-bundle`). */
  register(runner: Runner): this {
    this.runners.set(runner.name, runner);
    return this;
  }

  get(name: string): Runner | undefined {
    return this.runners.get(name) ?? this.runners.get(ALIASES[name] ?? "");
  }

  names(): string[] {
    return [...this.runners.keys()].sort();
  }

  async runAction(
    runnerType: string,
    params: JsonObject,
    ctx: RunnerContext,
  ): Promise<RunnerResult & { durationMs: number }> {
    const started = performance.now();
    const runner = this.get(runnerType);
    if (!runner) {
      return {
        status: "failed",
        result: { error: `unknown runner type "${runnerType}"`, traceback: "" },
        durationMs: 0,
      };
    }
    ctx.secrets?.addParameters(params, { ...runner.runnerParameters, ...(ctx.action?.parameters ?? {}) });
    let outcome: RunnerResult;
    try {
      outcome = await runner.run(params, ctx);
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      outcome = { status: "failed", result: { error: `${e.name}: ${e.message}`, traceback: e.stack ?? "" } };
    }
    const durationMs = performance.now() - started;
    ctx.logger?.debug(
      { runner: runner.name, action: ctx.action?.ref, status: outcome.status, ms: Math.round(durationMs) },
      "action finished",
    );
    return { ...outcome, durationMs };
  }
}
