import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  echoRunner,
  localShellCmdRunner,
  localShellScriptRunner,
  noopRunner,
  type RunnerContext,
} from "../../../runtime/runners/index";
import { closeSharedLauncher, readyLauncher } from "../../../runtime/runners/launcher/launcher";
import { scriptArguments, serializePositional } from "../../../runtime/runners/script-args";

const dir = mkdtempSync(join(tmpdir(), "orqc-shell-"));
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await closeSharedLauncher();
});
const ctx: RunnerContext = {};

describe("noop and echo", () => {
  it("noop always succeeds with st2's result", async () => {
    expect(await noopRunner.run({}, ctx)).toEqual({
      status: "succeeded",
      result: { failed: false, succeeded: true, return_code: 0 },
    });
  });

  it('echo answers like `echo "{{message}}"` through the shell', async () => {
    for (const message of [
      "hello world",
      "123",
      '{"a": 1}',
      "a  b\tc",
      "$HOME and `x`",
      'quote " inside',
      "back\\slash",
      "-n",
      "",
    ]) {
      const fast = await echoRunner.run({ message }, ctx);
      const real = await localShellCmdRunner.run(
        { cmd: `echo "${message.replace(/(["$`\\])/g, "\\$1")}"` },
        ctx,
      );
      if (/[$`"\\]/.test(message) || message === "-n") {
        // Through the real shell: expansions happen exactly as StackStorm's would.
        const viaShell = await localShellCmdRunner.run({ cmd: `echo "${message}"` }, ctx);
        expect(fast).toEqual(viaShell);
      } else {
        expect(fast).toEqual(real);
      }
    }
    expect((await echoRunner.run({ message: "123" }, ctx)).result).toMatchObject({ stdout: 123 });
  });
});

// Every case both ways a command can start: spawned by this process, and by the
// process launcher (runtime/runners/launcher), which must give the same outcome.
for (const mode of ["direct", "launcher"] as const) {
  describe(`local-shell-cmd (${mode})`, () => {
    beforeAll(async () => {
      if (mode === "direct") {
        process.env.ORQC_PROCESS_LAUNCHER = "0";
        expect(readyLauncher()).toBeUndefined();
        return;
      }
      delete process.env.ORQC_PROCESS_LAUNCHER;
      const until = Date.now() + 10_000;
      while (!readyLauncher()) {
        if (Date.now() > until) throw new Error("the process launcher did not start");
        await new Promise((r) => setTimeout(r, 10));
      }
    });
    afterAll(() => {
      delete process.env.ORQC_PROCESS_LAUNCHER;
    });
    it("returns st2's shell result, parsing JSON output and stripping one newline", async () => {
      const r = await localShellCmdRunner.run({ cmd: `printf '{"x": [1, 2]}\\n\\n'; echo oops >&2` }, ctx);
      expect(r).toEqual({
        status: "succeeded",
        // Like Python's json.loads, surrounding whitespace does not stop parsing.
        result: { failed: false, succeeded: true, return_code: 0, stdout: { x: [1, 2] }, stderr: "oops" },
      });
      const j = await localShellCmdRunner.run({ cmd: `echo '{"x": [1, 2]}'; echo False` }, ctx);
      expect((j.result as { stdout: unknown }).stdout).toBe('{"x": [1, 2]}\nFalse');
      const k = await localShellCmdRunner.run({ cmd: `echo '{"x": [1, 2]}'` }, ctx);
      expect((k.result as { stdout: unknown }).stdout).toEqual({ x: [1, 2] });
    });

    it("fails on a non-zero exit", async () => {
      const r = await localShellCmdRunner.run({ cmd: "echo bad >&2; exit 3" }, ctx);
      expect(r).toEqual({
        status: "failed",
        result: { failed: true, succeeded: false, return_code: 3, stdout: "", stderr: "bad" },
      });
    });

    it("passes env and cwd", async () => {
      const r = await localShellCmdRunner.run(
        { cmd: "echo $GREETING; pwd", env: { GREETING: "hi there" }, cwd: dir },
        ctx,
      );
      expect((r.result as { stdout: string }).stdout).toBe(`hi there\n${dir}`);
    });

    it("times out: kills the whole process group, status timeout", async () => {
      const marker = join(dir, "late");
      const started = Date.now();
      const r = await localShellCmdRunner.run(
        { cmd: `(sleep 2; touch ${marker}) & sleep 5`, timeout: 1 },
        ctx,
      );
      // well before the 5 s the command would take on its own
      expect(Date.now() - started).toBeLessThan(4000);
      expect(r).toEqual({
        status: "timeout",
        result: {
          failed: true,
          succeeded: false,
          return_code: -9,
          stdout: "",
          stderr: "",
          error: "Action failed to complete in 1 seconds",
        },
      });
      await new Promise((res) => setTimeout(res, 1500));
      expect(() => statSync(marker)).toThrow();
    });

    it("is canceled through the signal", async () => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const r = await localShellCmdRunner.run({ cmd: "sleep 5" }, { signal: controller.signal });
      expect(r.status).toBe("canceled");
    });

    it("runs through sudo -E -- bash -c when sudo is set (password on stdin)", async () => {
      const bin = join(dir, "bin");
      mkdirSync(bin, { recursive: true });
      writeFileSync(join(bin, "sudo"), '#!/bin/sh\nread pw\necho "args: $*"\necho "pw: $pw"\n');
      chmodSync(join(bin, "sudo"), 0o755);
      const env = { PATH: `${bin}:${process.env.PATH}` };
      const r = await localShellCmdRunner.run(
        { cmd: "whoami", sudo: true, sudo_password: "pässword", env },
        ctx,
      );
      expect((r.result as { stdout: string }).stdout).toBe("args: -S -E -- bash -c whoami\npw: pässword");
    });
  });
}

describe("local-shell-script", () => {
  it("passes named and positional arguments as st2 does", async () => {
    const script = join(dir, "args.sh");
    writeFileSync(script, '#!/bin/bash\nfor a in "$@"; do echo "[$a]"; done\n');
    const r = await localShellScriptRunner.run(
      {
        name: "it's",
        count: 3,
        verbose: true,
        quiet: false,
        skip: null,
        tags: ["a", "b"],
        first: "one two",
        flag: true,
      },
      {
        action: {
          ref: "p.args",
          pack: "p",
          runnerType: "local-shell-script",
          entryPoint: script,
          parameters: {
            name: { type: "string" },
            first: { type: "string", position: 0 },
            flag: { type: "boolean", position: 1 },
          },
        },
      },
    );
    expect(r.status).toBe("succeeded");
    expect((r.result as { stdout: string }).stdout).toBe(
      ["[--name=it's]", "[--count=3]", "[--verbose]", "[--tags=['a', 'b']]", "[one two]", "[1]"].join("\n"),
    );
  });

  it("fails without an entry point", async () => {
    expect((await localShellScriptRunner.run({}, ctx)).status).toBe("failed");
  });

  it("serializes positional values by type", () => {
    expect(serializePositional("array", ["a", 1, true])).toBe("a,1,True");
    expect(serializePositional("object", { a: 1 })).toBe('{"a":1}');
    expect(serializePositional("boolean", false)).toBe("0");
    expect(serializePositional("string", null)).toBe("");
    expect(serializePositional("number", 1.5)).toBe("1.5");
    expect(scriptArguments({ a: "x y", b: "" }, {}, {}, "-")).toBe("-a='x y'");
  });
});
