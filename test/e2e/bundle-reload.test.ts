// A worker picks up what `orqc compile` writes while it runs: an execution
// submitted after a new compile runs the new bundle, without a restart.

import type { ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RedisBackend } from "../../runtime/backend/redis/index";
import { openTestRedis, TEST_REDIS_URL } from "../unit/backend/redis-helper";
import { buildCli, orqc, startWorkerProcess } from "../unit/host/e2e-support";

let cli: string;
let backend: RedisBackend;
let worker: ChildProcess | undefined;
const root = mkdtempSync(join(tmpdir(), "orqc-bundle-reload-"));
const packs = join(root, "packs");
const out = join(root, "out");
const flowFile = join(packs, "rel", "actions", "workflows", "flow.yaml");

const flow = (said: string) => `version: 1.0
tasks:
  say:
    action: core.echo message="${said}"
    next:
      - when: <% succeeded() %>
        publish:
          - said: <% result().stdout %>
output:
  - said: <% ctx().said %>
`;

beforeAll(async () => {
  cli = await buildCli("bundle-reload");
  backend = await openTestRedis();
  mkdirSync(join(packs, "rel", "actions", "workflows"), { recursive: true });
  writeFileSync(join(packs, "rel", "pack.yaml"), "ref: rel\nname: rel\nversion: 0.1.0\n");
  writeFileSync(
    join(packs, "rel", "actions", "flow.yaml"),
    "name: flow\nrunner_type: orquesta\nentry_point: workflows/flow.yaml\nparameters: {}\n",
  );
}, 60_000);

afterAll(async () => {
  if (worker && worker.exitCode === null) worker.kill("SIGKILL");
  await backend.purge();
  await backend.close();
  rmSync(cli, { force: true });
  rmSync(root, { recursive: true, force: true });
});

describe("a worker and a new orqc compile", () => {
  it("runs the new bundle for executions submitted after the compile", async () => {
    const redis = ["--redis", TEST_REDIS_URL, "--redis-prefix", backend.keys.prefix];
    const run = async () => {
      const r = await orqc(cli, [
        "run",
        "rel.flow",
        ...redis,
        "--bundles",
        out,
        "--wait",
        "--format",
        "json",
      ]);
      expect(r.stderr).toBe("");
      return JSON.parse(r.stdout).result;
    };
    writeFileSync(flowFile, flow("first"));
    expect((await orqc(cli, ["compile", packs, "-o", out])).code).toBe(0);
    worker = await startWorkerProcess(cli, [...redis, "--bundles", out, "--packs", packs]);
    expect(await run()).toEqual({ output: { said: "first" } });
    writeFileSync(flowFile, flow("second, compiled again"));
    expect((await orqc(cli, ["compile", packs, "-o", out])).code).toBe(0);
    expect(await run()).toEqual({ output: { said: "second, compiled again" } });
  }, 60_000);
});
