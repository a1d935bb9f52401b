// core.remote without SSH, for the benchmark, the demo and the e2e test: the
// example's linux hosts all have the address 127.0.0.1, so the remote command
// runs through the local shell and the result is keyed by host as StackStorm's
// remote runner keys it (`result()['127.0.0.1'].stdout`). The SSH hop itself is
// not measured (see docs/performance.md).

import type { Runner, RunnerRegistry } from "../../runtime/runners/index";
import { runLocalShell } from "../../runtime/runners/local-shell-cmd";
import { REMOTE_SHELL_PARAMS, withDefaults } from "../../runtime/runners/runner-params";

export const loopbackRemoteRunner: Runner = {
  name: "remote-shell-cmd",
  runnerParameters: REMOTE_SHELL_PARAMS,
  async run(params, ctx) {
    const p = withDefaults(params, REMOTE_SHELL_PARAMS);
    const hosts = String(p.hosts ?? "")
      .split(",")
      .map((h) => h.trim())
      .filter(Boolean);
    if (typeof p.cmd !== "string" || p.cmd.length === 0 || hosts.length === 0) {
      return { status: "failed", result: { error: "remote-shell-cmd needs cmd and hosts" } };
    }
    const results = await Promise.all(hosts.map(() => runLocalShell(String(p.cmd), p, ctx)));
    const byHost: Record<string, (typeof results)[number]["result"]> = {};
    hosts.forEach((h, i) => {
      byHost[h] = results[i]!.result;
    });
    const failed = results.find((r) => r.status !== "succeeded");
    return { status: failed ? failed.status : "succeeded", result: byHost };
  },
};

/** Replaces the SSH runner of a worker's registry (startWorker(...).services.runners). */
export function useLoopbackRemote(registry: RunnerRegistry): void {
  registry.register(loopbackRemoteRunner);
}
