// Runs a local command in its own process group, so a timeout or a cancel
// kills everything it started (st2 runs `bash -c` under setsid for the same
// reason). Exit by signal is reported like Python's returncode: -signal.

import { spawn } from "node:child_process";
import { constants } from "node:os";
import type { ShellOutcome } from "./shell-result";

export interface ProcessRequest {
  readonly command: string;
  readonly args?: readonly string[];
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly stdin?: string;
  /** Seconds; 0 or absent = none. */
  readonly timeout?: number;
  readonly signal?: AbortSignal;
}

export function runProcess(req: ProcessRequest): Promise<ShellOutcome> {
  return new Promise((resolve) => {
    let timedOut = false;
    let canceled = false;
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const child = spawn(req.command, req.args ?? [], {
      cwd: req.cwd,
      env: req.env ?? process.env,
      detached: true,
      stdio: ["pipe", "pipe", "pipe"],
    });
    const killGroup = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
    };
    const timer =
      req.timeout && req.timeout > 0
        ? setTimeout(() => {
            timedOut = true;
            killGroup();
          }, req.timeout * 1000)
        : undefined;
    const onAbort = () => {
      canceled = true;
      killGroup();
    };
    req.signal?.addEventListener("abort", onAbort, { once: true });
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => err.push(d));
    child.stdin.on("error", () => {});
    child.stdin.end(req.stdin ?? "");
    const finish = (exitCode: number, error?: string) => {
      clearTimeout(timer);
      req.signal?.removeEventListener("abort", onAbort);
      resolve({
        exitCode,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
        timedOut,
        canceled,
        ...(error ? { error } : {}),
      });
    };
    child.on("error", (e) => finish(127, e.message));
    child.on("close", (code, signal) => {
      if (signal) finish(-(constants.signals[signal] ?? 1));
      else finish(code ?? 1);
    });
  });
}
