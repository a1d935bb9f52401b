// python-script end to end: a real StackStorm-style pack (config schema +
// configs/<pack>.yaml with an st2kv reference), its actions run in the warm
// Python pool through the runner registry, with the datastore on Redis as
// the workers share it, and secrets kept out of the printed result.

import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { aesCipher, Datastore } from "../../runtime/datastore/index";
import { loadPackConfig, PythonPool, RunnerRegistry } from "../../runtime/runners/index";
import { SecretSet } from "../../runtime/secrets/index";
import { openTestRedis } from "../unit/backend/redis-helper";
import { writeTestPack } from "../unit/runners/python-pack";

const pack = writeTestPack("e2epack");
const pool = new PythonPool({ size: 2 });
afterAll(async () => {
  await pool.close();
  rmSync(pack.root, { recursive: true, force: true });
});

describe("python-script with the Redis datastore", () => {
  it("runs st2 actions with pack config and shared datastore keys", async () => {
    const backend = await openTestRedis();
    try {
      const datastore = new Datastore(backend.kv, aesCipher(randomBytes(32)));
      await datastore.set({ scope: "system", name: "api_token", value: "tok-redis", secret: true });
      await datastore.set({ scope: "system", name: "token", value: "s3cret", secret: true });
      const config = await loadPackConfig(pack.packDir, "e2epack", { datastore });
      expect(config).toEqual({ greeting: "Hello", api: { region: "eu-west-1", token: "tok-redis" } });
      const registry = new RunnerRegistry();
      const secrets = new SecretSet([config.api && (config.api as { token: string }).token]);
      const ctx = (file: string) => ({
        action: {
          ref: `e2epack.${file}`,
          pack: "e2epack",
          runnerType: "python-script",
          entryPoint: pack.action(`${file}.py`),
        },
        config,
        datastore,
        secrets,
        pythonPool: pool,
      });
      const greet = await registry.runAction("python-script", { name: "Grace" }, ctx("greet"));
      expect(greet).toMatchObject({ status: "succeeded", result: { result: { text: "Hello, Grace!" } } });
      const runs = await Promise.all(
        [1, 2, 3].map(() => registry.runAction("python-script", { key: "count.e2e" }, ctx("kv"))),
      );
      expect(runs.every((r) => r.status === "succeeded")).toBe(true);
      expect((await backend.kv.get({ scope: "system", name: "count.e2e" }))?.value).toMatch(/^[123]$/);
      // The action decrypted a secret into its result: printing goes through the mask.
      expect(JSON.stringify(runs[0]!.result)).toContain("s3cret");
      secrets.add("s3cret");
      expect(JSON.stringify(secrets.maskValue(runs[0]!.result))).not.toContain("s3cret");
    } finally {
      await backend.purge();
      await backend.close();
    }
  });
});
