// A reader that closes the pipe early (`orqc ... | head`) ends orqc quietly:
// exit code 0, nothing on stderr, no stack trace.

import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

const CLI = resolve(__dirname, "../../bin/orqc.js");

function closeAfterFirstChunk(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn("node", [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.stdout.once("data", () => child.stdout.destroy());
    child.on("close", (code) => done({ code, stderr }));
  });
}

describe("orqc writing into a closed pipe", () => {
  it("stops quietly when the reader goes away during a long output", async () => {
    const r = await closeAfterFirstChunk(["eval", "<% range(400000) %>"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });

  it("stops quietly when the reader goes away during help", async () => {
    const r = await closeAfterFirstChunk(["worker", "--help"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });
});
