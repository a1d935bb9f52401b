// Which launcher serves a process's commands: the Python one when an
// interpreter is there (vfork: cheaper per command), the Node one when
// ORQC_PROCESS_LAUNCHER=node or when Python cannot start.

import { afterEach, describe, expect, it } from "vitest";
import {
  closeSharedLauncher,
  type ProcessLauncher,
  readyLauncher,
} from "../../../runtime/runners/launcher/launcher";
import { runProcess } from "../../../runtime/runners/process";

const saved = { launcher: process.env.ORQC_PROCESS_LAUNCHER, python: process.env.ORQC_PYTHON };
afterEach(async () => {
  await closeSharedLauncher();
  for (const [name, value] of [
    ["ORQC_PROCESS_LAUNCHER", saved.launcher],
    ["ORQC_PYTHON", saved.python],
  ] as const)
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
});

/** Runs commands until the shared launcher is up, checking each outcome. */
async function launcherAfterCommands(): Promise<ProcessLauncher> {
  const until = Date.now() + 15_000;
  for (let i = 0; Date.now() < until; i++) {
    const out = await runProcess({ command: "/bin/sh", args: ["-c", `echo run ${i}`] });
    expect(out).toMatchObject({ exitCode: 0, stdout: `run ${i}\n` });
    const l = readyLauncher();
    if (l) return l;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("no launcher came up");
}

describe("launcher choice", () => {
  it("prefers the Python launcher", async () => {
    delete process.env.ORQC_PROCESS_LAUNCHER;
    expect((await launcherAfterCommands()).python).toMatch(/python/);
  });

  it("uses the Node launcher when told to", async () => {
    process.env.ORQC_PROCESS_LAUNCHER = "node";
    expect((await launcherAfterCommands()).python).toBeUndefined();
  });

  it("falls back to the Node launcher when Python cannot start", async () => {
    delete process.env.ORQC_PROCESS_LAUNCHER;
    process.env.ORQC_PYTHON = "/nonexistent/python3";
    expect((await launcherAfterCommands()).python).toBeUndefined();
  });
});
