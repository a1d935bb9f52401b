// A malformed --redis value is a usage error (exit 2) that names the flag, for
// every command that takes one; it never reaches the Redis client.

import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

const CLI = resolve(__dirname, "../../bin/orqc.js");

function orqc(args: string[]) {
  return spawnSync("node", [CLI, ...args], { encoding: "utf8", timeout: 30_000 });
}

describe("--redis <url>", () => {
  const commands: string[][] = [
    ["status", "some-id"],
    ["executions"],
    ["cancel", "some-id"],
    ["kv", "get", "k"],
    ["run", "examples/monitoring/actions/workflows/threshold_check.yaml"],
    ["worker"],
    ["daemon"],
  ];

  for (const command of commands)
    it(`orqc ${command[0]} refuses a URL that is not redis:// or rediss://`, () => {
      for (const [value, why] of [
        ["notaurl", "expected a URL such as redis://127.0.0.1:6379"],
        ["http://127.0.0.1:6379", "expected redis:// or rediss://, got http://"],
      ]) {
        const r = orqc([...command, "--redis", value!]);
        expect(r.status).toBe(2);
        expect(r.stderr).toContain(`error: option '--redis <url>' argument '${value}' is invalid. ${why}`);
        expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
      }
    });
});
