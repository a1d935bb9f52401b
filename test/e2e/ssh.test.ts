// remote-shell-cmd / remote-shell-script against a real sshd on 127.0.0.1.
//
// Needs the OpenSSH server binary (/usr/sbin/sshd). .ci/run must install it
// when missing (Debian: `apt-get install -y openssh-server`). The test makes
// its own host and client keys, writes its own sshd_config, and starts sshd
// on a free port as the current user (it logs in as that same user with the
// generated key), then stops it. sshd needs its privilege separation folder
// (/run/sshd); the test creates it when absent.

import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type RunnerContext,
  remoteShellCmdRunner,
  remoteShellScriptRunner,
} from "../../runtime/runners/index";
import { SecretSet } from "../../runtime/secrets/index";

const SSHD = "/usr/sbin/sshd";
const dir = mkdtempSync(join(tmpdir(), "orqc-sshd-"));
let sshd: ChildProcess | undefined;
let port = 0;
let key = "";
const user = userInfo().username;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const p = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return p;
}

async function waitForPort(p: number, timeoutMs: number): Promise<void> {
  const start = Date.now();
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(p, "127.0.0.1");
      s.once("connect", () => {
        s.destroy();
        resolve(true);
      });
      s.once("error", () => resolve(false));
    });
    if (ok) return;
    if (Date.now() - start > timeoutMs) throw new Error(`sshd did not listen on ${p} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  if (!existsSync(SSHD)) {
    throw new Error(
      `${SSHD} not found: this test needs the OpenSSH server (apt-get install -y openssh-server)`,
    );
  }
  if (!existsSync("/run/sshd")) mkdirSync("/run/sshd", { recursive: true, mode: 0o755 });
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", join(dir, "host_key")]);
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", join(dir, "client_key")]);
  writeFileSync(join(dir, "authorized_keys"), readFileSync(join(dir, "client_key.pub")), { mode: 0o600 });
  key = readFileSync(join(dir, "client_key"), "utf8");
  port = await freePort();
  const sftp = [
    "/usr/lib/openssh/sftp-server",
    "/usr/libexec/openssh/sftp-server",
    "/usr/libexec/sftp-server",
  ].find(existsSync);
  writeFileSync(
    join(dir, "sshd_config"),
    [
      `Port ${port}`,
      "ListenAddress 127.0.0.1",
      `HostKey ${join(dir, "host_key")}`,
      `AuthorizedKeysFile ${join(dir, "authorized_keys")}`,
      `PidFile ${join(dir, "sshd.pid")}`,
      "PasswordAuthentication no",
      "KbdInteractiveAuthentication no",
      "PubkeyAuthentication yes",
      "PermitRootLogin yes",
      "UsePAM no",
      "StrictModes no",
      `Subsystem sftp ${sftp ?? "internal-sftp"}`,
      "",
    ].join("\n"),
  );
  sshd = spawn(SSHD, ["-D", "-e", "-f", join(dir, "sshd_config")], { stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  sshd.stderr!.on("data", (d: Buffer) => (log += d.toString()));
  await waitForPort(port, 5000).catch((e: Error) => {
    throw new Error(`${e.message}\nsshd said: ${log}`);
  });
});

afterAll(() => {
  sshd?.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
});

const base = () => ({ hosts: `127.0.0.1:${port}`, username: user, private_key: key });

describe("remote-shell-cmd over a real sshd", () => {
  it("runs a command and returns a per-host result", async () => {
    const secrets = new SecretSet();
    const r = await remoteShellCmdRunner.run(
      { ...base(), cmd: 'echo "{\\"n\\": 1}"; echo warn >&2; pwd' },
      { secrets },
    );
    expect(r.status).toBe("succeeded");
    expect(r.result).toEqual({
      [`127.0.0.1:${port}`]: {
        stdout: '{"n": 1}\n/tmp',
        stderr: "warn",
        return_code: 0,
        succeeded: true,
        failed: false,
      },
    });
    expect(secrets.maskText(key)).toBe("********");
  });

  it("runs on every host; one failing host fails the action", async () => {
    const r = await remoteShellCmdRunner.run(
      {
        ...base(),
        hosts: `127.0.0.1:${port},localhost:${port}`,
        cmd: "echo $FOO; cd /definitely-missing-dir",
        env: { FOO: "bar baz" },
        cwd: dir,
      },
      {},
    );
    expect(r.status).toBe("failed");
    const res = r.result as Record<string, { stdout: string; return_code: number; failed: boolean }>;
    expect(Object.keys(res).sort()).toEqual([`127.0.0.1:${port}`, `localhost:${port}`]);
    for (const host of Object.values(res)) expect(host).toMatchObject({ stdout: "bar baz", failed: true });
    expect(res[`127.0.0.1:${port}`]!.return_code).not.toBe(0);
  });

  it("reports a timeout when every host times out", async () => {
    const r = await remoteShellCmdRunner.run({ ...base(), cmd: "sleep 5", timeout: 1 }, {});
    expect(r.status).toBe("timeout");
    expect(r.result).toMatchObject({
      [`127.0.0.1:${port}`]: {
        timeout: true,
        return_code: -9,
        error: "Action failed to complete in 1 seconds",
      },
    });
  });

  it("gives an error entry for a host it cannot reach or log into", async () => {
    const closed = await freePort();
    const r = await remoteShellCmdRunner.run(
      { ...base(), hosts: `127.0.0.1:${port},127.0.0.1:${closed}`, cmd: "true", timeout: 5 },
      {},
    );
    expect(r.status).toBe("failed");
    const res = r.result as Record<string, { succeeded: boolean; error?: string }>;
    expect(res[`127.0.0.1:${port}`]!.succeeded).toBe(true);
    expect(res[`127.0.0.1:${closed}`]!.error).toMatch(/Failed to connect to host 127.0.0.1/);
    const denied = await remoteShellCmdRunner.run(
      { hosts: `127.0.0.1:${port}`, username: user, password: "wrong", cmd: "true" },
      {},
    );
    expect((denied.result as Record<string, { error: string }>)[`127.0.0.1:${port}`]!.error).toMatch(
      /authentication/i,
    );
  });
});

describe("remote-shell-script over a real sshd", () => {
  it("uploads the script, passes arguments, and removes it", async () => {
    const script = join(dir, "remote.sh");
    writeFileSync(script, '#!/bin/sh\necho "args: $*"\necho "at: $0" >&2\n');
    const ctx: RunnerContext = {
      action: {
        ref: "p.remote",
        pack: "p",
        runnerType: "remote-shell-script",
        entryPoint: script,
        parameters: { target: { type: "string", position: 0 } },
      },
    };
    const r = await remoteShellScriptRunner.run({ ...base(), target: "db1", verbose: true, level: 3 }, ctx);
    expect(r.status).toBe("succeeded");
    const host = (r.result as Record<string, { stdout: string; stderr: string }>)[`127.0.0.1:${port}`]!;
    expect(host.stdout).toBe("args: --verbose --level=3 db1");
    const uploaded = host.stderr.replace(/^at: /, "");
    expect(uploaded).toMatch(/^\/tmp\/[0-9a-f-]+-remote\.sh$/);
    expect(existsSync(uploaded)).toBe(false);
  });
});
