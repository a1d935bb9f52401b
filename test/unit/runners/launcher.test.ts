import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  type LaunchExit,
  type LaunchRequest,
  ProcessLauncher,
} from "../../../runtime/runners/launcher/launcher";
import { spawnDirectly } from "../../../runtime/runners/process";
import { pythonName, realInterpreter } from "../../../runtime/runners/python/interpreter";

const launchers = {
  node: new ProcessLauncher(),
  python: new ProcessLauncher(await realInterpreter(pythonName())),
};
const dir = mkdtempSync(join(tmpdir(), "orqc-launcher-test-"));
afterAll(async () => {
  await Promise.all(Object.values(launchers).map((l) => l.close()));
  rmSync(dir, { recursive: true, force: true });
});

async function whenReady(l: ProcessLauncher): Promise<void> {
  const until = Date.now() + 10_000;
  while (!l.ready) {
    if (!l.alive || Date.now() > until) throw new Error("launcher did not start");
    await new Promise((r) => setTimeout(r, 5));
  }
}

function viaLauncher(req: LaunchRequest, l: ProcessLauncher): Promise<LaunchExit> {
  return new Promise((resolve) => l.start(req, resolve));
}

function directly(req: LaunchRequest): Promise<LaunchExit> {
  return new Promise((resolve) => spawnDirectly(req, resolve));
}

const sh = (script: string, extra: Partial<LaunchRequest> = {}): LaunchRequest => ({
  command: "/bin/sh",
  args: ["-c", script],
  ...extra,
});

describe.each(["node", "python"] as const)("process launcher (%s)", (kind) => {
  const launcher = launchers[kind];

  it("gives the same outcome as spawning directly", async () => {
    await whenReady(launcher);
    const env = { ...process.env, ORQC_LAUNCH_ADDED: "añadido ✓" } as NodeJS.ProcessEnv;
    delete env.HOME;
    const notExecutable = join(dir, "not-executable");
    writeFileSync(notExecutable, "#!/bin/sh\necho no\n", { mode: 0o644 });
    const cases: LaunchRequest[] = [
      sh("printf 'out ✓\\n'; printf 'err\\n' >&2; exit 3"),
      sh("cat; printf '[%s]' \"$(pwd)\"", { stdin: "from stdin\n", cwd: dir }),
      sh('printf "%s|%s" "$ORQC_LAUNCH_ADDED" "$' + '{HOME-unset}"', { env }), // sh's ${HOME-unset}
      sh("kill -TERM $$"),
      sh("true", { cwd: join(dir, "missing") }),
      { command: join(dir, "no-such-program") },
      { command: notExecutable },
      sh("printf 'a\\377\\376b\\303'; printf '\\342\\202' >&2"), // bytes that are not UTF-8
      sh("printf '%s' \"$(cat)\"", { stdin: "x".repeat(200_000) }),
    ];
    for (const req of cases) expect(await viaLauncher(req, launcher)).toEqual(await directly(req));
    expect((await viaLauncher(cases[2]!, launcher)).stdout).toBe("añadido ✓|unset");
    expect((await viaLauncher(cases[3]!, launcher)).exitCode).toBe(-15);
    expect((await viaLauncher(cases[4]!, launcher)).error).toMatch(/ENOENT/);
  });

  it("kills the whole process group of a command", async () => {
    await whenReady(launcher);
    const marker = join(dir, "survivor");
    const started = Date.now();
    const exit = new Promise<LaunchExit>((resolve) => {
      const run = launcher.start(sh(`(sleep 1; touch ${marker}) & sleep 5`), resolve);
      setTimeout(() => run.kill(), 100);
    });
    expect((await exit).exitCode).toBe(-9);
    // well before the 5 s the group would take on its own (margin for a busy machine)
    expect(Date.now() - started).toBeLessThan(3500);
    await new Promise((r) => setTimeout(r, 1200));
    expect(() => rmSync(marker)).toThrow(); // the background sleep died with its group
  });

  it("runs many commands at once", async () => {
    await whenReady(launcher);
    const outs = await Promise.all(
      Array.from({ length: 40 }, (_, i) => viaLauncher(sh(`sleep 0.05; echo ${i}`), launcher)),
    );
    expect(outs.map((o) => o.stdout)).toEqual(Array.from({ length: 40 }, (_, i) => `${i}\n`));
  });

  it("fails the commands it was running when it dies, and refuses new ones", async () => {
    const l = kind === "node" ? new ProcessLauncher() : new ProcessLauncher(launcher.python);
    await whenReady(l);
    const running = viaLauncher(sh("sleep 5"), l);
    await new Promise((r) => setTimeout(r, 50));
    await l.close();
    expect(await running).toMatchObject({ exitCode: 127, error: expect.stringMatching(/launcher/) });
    expect(l.alive).toBe(false);
    expect(await viaLauncher(sh("echo hi"), l)).toMatchObject({ exitCode: 127 });
  });
});
