// Minimal SSH helpers over ssh2: connect, run one command collecting output
// with a timeout, upload a file. Used by the remote-shell runners.

import type { Client, ConnectConfig } from "ssh2";
import { lazyPackage } from "../lazy-package";

const ssh2 = lazyPackage<typeof import("ssh2")>("ssh2");

export interface SshTarget {
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly password?: string;
  readonly privateKey?: string;
  readonly passphrase?: string;
}

export interface SshExecOutcome {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
}

export function sshConnect(target: SshTarget, timeoutMs: number): Promise<Client> {
  return new Promise((resolve, reject) => {
    const client = new (ssh2().Client)();
    const config: ConnectConfig = {
      host: target.host,
      port: target.port,
      username: target.username,
      readyTimeout: Math.max(1000, timeoutMs),
      ...(target.password !== undefined ? { password: target.password } : {}),
      ...(target.privateKey !== undefined ? { privateKey: target.privateKey } : {}),
      ...(target.passphrase !== undefined ? { passphrase: target.passphrase } : {}),
    };
    client.once("ready", () => resolve(client));
    client.once("error", (err) => reject(err));
    client.connect(config);
  });
}

export function sshExec(
  client: Client,
  command: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<SshExecOutcome> {
  return new Promise((resolve, reject) => {
    client.exec(command, (err, stream) => {
      if (err) return reject(err);
      const out: Buffer[] = [];
      const errOut: Buffer[] = [];
      let timedOut = false;
      let settled = false;
      const finish = (exitCode: number) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        resolve({
          exitCode,
          stdout: Buffer.concat(out).toString("utf8"),
          stderr: Buffer.concat(errOut).toString("utf8"),
          timedOut,
        });
      };
      const stop = () => {
        stream.signal("KILL");
        stream.close();
        client.end();
      };
      const timer = setTimeout(() => {
        timedOut = true;
        stop();
        finish(-9);
      }, timeoutMs);
      const onAbort = () => {
        stop();
        finish(-15);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      stream.on("data", (d: Buffer) => out.push(d));
      stream.stderr.on("data", (d: Buffer) => errOut.push(d));
      stream.on("close", (code: number | null, sig?: string) => finish(code ?? (sig ? -1 : 0)));
    });
  });
}

export function sshUpload(client: Client, remotePath: string, data: Buffer, mode: number): Promise<void> {
  return new Promise((resolve, reject) => {
    client.sftp((err, sftp) => {
      if (err) return reject(err);
      sftp.writeFile(remotePath, data, { mode }, (werr) => {
        sftp.end();
        if (werr) reject(werr);
        else resolve();
      });
    });
  });
}
