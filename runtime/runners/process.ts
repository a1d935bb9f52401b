// Runs a local command in its own process group, so a timeout or a cancel
// kills everything it started (st2 runs `bash -c` under setsid for the same
// reason). Exit by signal is reported like Python's returncode: -signal.
// The command is started by the shared process launcher once it is up
// (launcher/launcher.ts: a fork from a small process instead of this one),
// directly before that; both give the same outcome.

import { spawn } from "node:child_process";
import { constants } from "node:os";
import { type LaunchExit, type Launched, type LaunchRequest, readyLauncher } from "./launcher/launcher";
import type { ShellOutcome } from "./shell-result";

export interface ProcessRequest extends LaunchRequest {
  /** Seconds; 0 or absent = none. */
  readonly timeout?: number;
  readonly signal?: AbortSignal;
}

export function runProcess(req: ProcessRequest): Promise<ShellOutcome> {
  return new Promise((resolve) => {
    let timedOut = false;
    let canceled = false;
    let timer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      canceled = true;
      launched.kill();
    };
    const onExit = (exit: LaunchExit) => {
      clearTimeout(timer);
      req.signal?.removeEventListener("abort", onAbort);
      resolve({ ...exit, timedOut, canceled });
    };
    const launched = readyLauncher()?.start(req, onExit) ?? spawnDirectly(req, onExit);
    if (req.timeout && req.timeout > 0)
      timer = setTimeout(() => {
        timedOut = true;
        launched.kill();
      }, req.timeout * 1000);
    req.signal?.addEventListener("abort", onAbort, { once: true });
  });
}

export function spawnDirectly(req: LaunchRequest, onExit: (exit: LaunchExit) => void): Launched {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const child = spawn(req.command, req.args ?? [], {
    cwd: req.cwd,
    env: req.env ?? process.env,
    detached: true,
    stdio: ["pipe", "pipe", "pipe"],
  });
  let finished = false;
  const finish = (exitCode: number, error?: string) => {
    if (finished) return;
    finished = true;
    onExit({
      exitCode,
      stdout: Buffer.concat(out).toString("utf8"),
      stderr: Buffer.concat(err).toString("utf8"),
      ...(error ? { error } : {}),
    });
  };
  child.stdout.on("data", (d: Buffer) => out.push(d));
  child.stderr.on("data", (d: Buffer) => err.push(d));
  child.stdin.on("error", () => {});
  child.stdin.end(req.stdin ?? "");
  child.on("error", (e) => finish(127, e.message));
  child.on("close", (code, signal) => {
    if (signal) finish(-(constants.signals[signal] ?? 1));
    else finish(code ?? 1);
  });
  return {
    kill() {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
    },
  };
}
