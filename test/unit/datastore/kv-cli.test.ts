// `orqc kv` end to end through the built CLI, embedded (file) and on Redis.

import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestRedis } from "../backend/redis-helper";

let home: string;
beforeAll(() => {
  // `npm test` builds first (pretest); rebuilding here would rewrite dist/ under other test files' feet
  if (!existsSync("dist/orqc.js")) execFileSync("node", ["scripts/build.mjs"]);
  home = mkdtempSync(join(tmpdir(), "orqc-kvcli-"));
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

function orqc(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync("node", ["bin/orqc.js", "kv", ...args], {
    encoding: "utf8",
    env: { ...process.env, ORQC_HOME: home, ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("orqc kv (embedded file)", () => {
  it("sets, gets, lists and deletes, with secrets encrypted", () => {
    expect(orqc(["set", "api.url", "http://x"]).code).toBe(0);
    expect(orqc(["set", "api.token", "tok-123", "--secret"]).code).toBe(0);
    expect(orqc(["get", "api.url"])).toMatchObject({ code: 0, out: "http://x\n" });
    const listed = orqc(["list", "--prefix", "api."]);
    expect(listed.out).toContain("api.url\thttp://x");
    expect(listed.out).toContain("(secret)");
    expect(listed.out).not.toContain("tok-123");
    expect(orqc(["get", "api.token", "--decrypt"]).out).toBe("tok-123\n");
    expect(orqc(["delete", "api.url"]).code).toBe(0);
    expect(orqc(["get", "api.url"])).toMatchObject({
      code: 1,
      err: 'orqc kv: error ORQ0004: key "api.url" not found in the system scope\n',
    });
  });

  it("keeps user scopes apart and rejects bad flags with exit code 2", () => {
    expect(orqc(["set", "k", "bob", "--scope", "user", "--user", "bob"]).code).toBe(0);
    expect(orqc(["get", "k", "--scope", "user", "--user", "bob"]).out).toBe("bob\n");
    expect(orqc(["get", "k", "--scope", "user"], { ORQC_USER: "alice" }).code).toBe(1);
    expect(orqc(["get", "k", "--scope", "nope"])).toMatchObject({
      code: 2,
      err: expect.stringContaining("--scope"),
    });
    expect(orqc(["set", "k", "v", "--ttl", "-3"]).code).toBe(2);
    const json = JSON.parse(orqc(["list", "--scope", "user", "--user", "bob", "--format", "json"]).out);
    expect(json).toEqual([{ scope: "user", user: "bob", name: "k", value: "bob", secret: false }]);
  });
});

describe("orqc kv --redis", () => {
  it("reads and writes the keys the workers see", async () => {
    const backend = await openTestRedis();
    const env = { ORQC_REDIS_PREFIX: backend.keys.prefix };
    try {
      const url = "redis://127.0.0.1:6379";
      expect(orqc(["set", "shared", "v1", "--redis", url, "--ttl", "60"], env).code).toBe(0);
      expect((await backend.kv.get({ scope: "system", name: "shared" }))?.value).toBe("v1");
      await backend.kv.set({ scope: "system", name: "from.worker", value: "w" });
      expect(orqc(["get", "from.worker", "--redis", url], env).out).toBe("w\n");
      expect(orqc(["list", "--redis", "redis://127.0.0.1:1"], env)).toMatchObject({
        code: 1,
        err: expect.stringContaining("cannot reach Redis at redis://127.0.0.1:1"),
      });
    } finally {
      await backend.purge();
      await backend.close();
    }
  });
});
