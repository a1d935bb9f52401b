// What remote-shell-cmd and remote-shell-script share: parse `hosts`, pick
// credentials, run on every host in parallel, build st2's per-host result
// mapping and the overall status (succeeded when every host succeeded,
// timeout when every host timed out).

import { existsSync, readFileSync } from "node:fs";
import { homedir, userInfo } from "node:os";
import { join } from "node:path";
import type { Client } from "ssh2";
import type { JsonObject } from "../backend/types";
import { stringifyValue } from "../backend/value-json";
import { quoteShell } from "./quote";
import { stripShellChars, tryJson } from "./shell-result";
import { type SshTarget, sshConnect } from "./ssh";
import type { RunnerContext, RunnerResult, RunnerStatus } from "./types";

export interface HostRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
}

export type HostAction = (client: Client, target: SshTarget) => Promise<HostRun>;

export async function runOnHosts(
  p: Record<string, unknown>,
  ctx: RunnerContext,
  action: HostAction,
): Promise<RunnerResult> {
  const timeout = Number(p.timeout ?? 60);
  let targets: LabeledTarget[];
  try {
    targets = parseTargets(p, ctx);
  } catch (err) {
    return { status: "failed", result: { error: (err as Error).message, traceback: "" } };
  }
  const perHost = await Promise.all(targets.map((t) => runOne(t, timeout, action)));
  const result: JsonObject = {};
  const statuses: RunnerStatus[] = [];
  targets.forEach((t, i) => {
    const [status, r] = perHost[i]!;
    result[t.label] = r;
    statuses.push(status);
  });
  const status: RunnerStatus = ctx.signal?.aborted
    ? "canceled"
    : statuses.every((s) => s === "succeeded")
      ? "succeeded"
      : statuses.every((s) => s === "timeout")
        ? "timeout"
        : "failed";
  return { status, result };
}

async function runOne(
  target: SshTarget,
  timeout: number,
  action: HostAction,
): Promise<[RunnerStatus, JsonObject]> {
  let client: Client | undefined;
  try {
    client = await sshConnect(target, timeout * 1000);
    const run = await action(client, target);
    const succeeded = run.exitCode === 0 && !run.timedOut;
    const r: JsonObject = {
      stdout: tryJson(stripShellChars(run.stdout)),
      stderr: tryJson(stripShellChars(run.stderr)),
      return_code: run.timedOut ? -9 : run.exitCode,
      succeeded,
      failed: !succeeded,
    };
    if (run.timedOut) {
      return ["timeout", { ...r, timeout: true, error: `Action failed to complete in ${timeout} seconds` }];
    }
    return [succeeded ? "succeeded" : "failed", r];
  } catch (err) {
    const e = err as Error;
    return [
      "failed",
      {
        stdout: "",
        stderr: "",
        return_code: 255,
        succeeded: false,
        failed: true,
        error: `Failed to connect to host ${target.host}: ${e.message}`,
        traceback: e.stack ?? "",
      },
    ];
  } finally {
    client?.end();
  }
}

interface LabeledTarget extends SshTarget {
  /** The host as written in `hosts`: the key of its entry in the result. */
  readonly label: string;
}

function parseTargets(p: Record<string, unknown>, ctx: RunnerContext): LabeledTarget[] {
  const hosts = String(p.hosts ?? "")
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  if (hosts.length === 0) throw new Error("remote runners need a non-empty hosts parameter");
  const username =
    typeof p.username === "string" && p.username
      ? p.username
      : (process.env.ORQC_SSH_USER ?? userInfo().username);
  const password = typeof p.password === "string" && p.password ? p.password : undefined;
  const passphrase = typeof p.passphrase === "string" && p.passphrase ? p.passphrase : undefined;
  const privateKey = loadKey(p.private_key, password === undefined);
  for (const s of [password, passphrase, privateKey]) if (s) ctx.secrets?.add(s);
  return hosts.map((h) => {
    const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(h);
    const host = (m?.[1] ?? h).replace(/^\[|\]$/g, "");
    const port = m?.[2] ? Number(m[2]) : p.port ? Number(p.port) : 22;
    return {
      label: h,
      host,
      port,
      username,
      ...(password !== undefined ? { password } : {}),
      ...(privateKey !== undefined ? { privateKey } : {}),
      ...(passphrase !== undefined ? { passphrase } : {}),
    };
  });
}

/** Key material, or a path to it; without either, the user's default key (when no password). */
function loadKey(value: unknown, useDefault: boolean): string | undefined {
  if (typeof value === "string" && value.length > 0) {
    return value.includes("PRIVATE KEY") ? value : readFileSync(value, "utf8");
  }
  if (!useDefault) return undefined;
  const candidates = [
    process.env.ORQC_SSH_KEY_FILE,
    join(homedir(), ".ssh", "id_ed25519"),
    join(homedir(), ".ssh", "id_rsa"),
  ];
  for (const path of candidates) if (path && existsSync(path)) return readFileSync(path, "utf8");
  return undefined;
}

/** `cd <cwd> && export K=V && <command>`, wrapped in sudo when asked. */
export function remoteCommandLine(command: string, p: Record<string, unknown>): string {
  const exports = Object.entries((p.env as JsonObject | undefined) ?? {})
    .filter(([k]) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(k))
    .map(([k, v]) => `export ${k}=${quoteShell(typeof v === "string" ? v : stringifyValue(v))} && `)
    .join("");
  const cwd = typeof p.cwd === "string" && p.cwd ? `cd ${quoteShell(p.cwd)} && ` : "";
  const line = `${cwd}${exports}${command}`;
  return p.sudo === true ? `sudo -E -- bash -c ${quoteShell(line)}` : line;
}
