// When the launcher cannot start (here: no temp folder to write it to),
// commands keep starting directly: shell actions never fail because of it.

import { afterAll, describe, expect, it } from "vitest";
import { readyLauncher } from "../../../runtime/runners/launcher/launcher";
import { runProcess } from "../../../runtime/runners/process";

const savedTmp = process.env.TMPDIR;
afterAll(() => {
  if (savedTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmp;
});

describe("process launcher fallback", () => {
  it("runs commands directly when the launcher cannot be written", async () => {
    process.env.TMPDIR = "/nonexistent/orqc-no-tmp";
    for (let i = 0; i < 4; i++) {
      const out = await runProcess({ command: "/bin/sh", args: ["-c", `echo run ${i}`] });
      expect(out).toMatchObject({ exitCode: 0, stdout: `run ${i}\n` });
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(readyLauncher()).toBeUndefined();
  });
});
