// `orqc purge` end to end: the local records of embedded runs, and executions
// on Redis run by a worker process (a workflow with sub-workflows is removed
// with its children and journals; one still running stays); usage errors.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RedisBackend } from "../../runtime/backend/redis/index";
import { openTestRedis, TEST_REDIS_URL } from "../unit/backend/redis-helper";
import {
  buildCli,
  HOSTT,
  orqc,
  type RedisWorker,
  startWorkerOnTestRedis,
  startWorkerProcess,
  until,
} from "../unit/host/e2e-support";

let cli: string;
const home = mkdtempSync(join(tmpdir(), "orqc-purge-home-"));
const env = { ORQC_HOME: home };
const FUTURE = "2999-01-01";

beforeAll(async () => {
  cli = await buildCli("purge");
}, 60_000);

afterAll(() => {
  rmSync(cli, { force: true });
  rmSync(home, { recursive: true, force: true });
});

const idOf = (stdout: string): string => /execution (\S+):/.exec(stdout)![1]!;

describe("orqc purge (local records of embedded runs)", () => {
  it("lists on --dry-run, removes by ref, then the rest, never what is newer", async () => {
    const parent = await orqc(cli, ["run", HOSTT, "hostt.parent"], env);
    expect(parent.code).toBe(0);
    const ten = await orqc(cli, ["run", HOSTT, "hostt.ten"], env);
    expect(ten.code).toBe(0);
    const tenId = idOf(ten.stdout);

    const nothing = await orqc(cli, ["purge", "--older-than", "1h"], env);
    expect(nothing.stdout).toBe("removed 0 executions\n");

    const dry = await orqc(cli, ["purge", "--before", FUTURE, "--dry-run"], env);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(
      /hostt\.parent\n.*hostt\.ten\nwould remove 2 executions and 2 sub-executions under them\n$/,
    );
    expect((await orqc(cli, ["executions"], env)).stdout.trim().split("\n")).toHaveLength(4);
    const tens = (await orqc(cli, ["executions", "--ref", "hostt.ten"], env)).stdout.trim().split("\n");
    expect(tens).toEqual([expect.stringMatching(new RegExp(`^${tenId}  succeeded .* hostt\\.ten$`))]);

    const one = await orqc(cli, ["purge", "--before", FUTURE, "--ref", "hostt.ten", "--format", "json"], env);
    expect(JSON.parse(one.stdout)).toMatchObject({
      dryRun: false,
      roots: [{ id: tenId, ref: "hostt.ten", status: "succeeded" }],
      executions: 1,
      inquiries: 0,
    });
    const gone = await orqc(cli, ["status", tenId], env);
    expect(gone.code).toBe(1);

    const rest = await orqc(cli, ["purge", "--older-than", "0s"], env);
    expect(rest.stdout).toBe("removed 1 execution and 2 sub-executions under them\n");
    expect((await orqc(cli, ["executions"], env)).stdout).toBe("no executions\n");
  }, 60_000);

  it("refuses flags it cannot use, with exit code 2", async () => {
    for (const args of [
      [],
      ["--older-than", "1h", "--before", FUTURE],
      ["--older-than", "soon"],
      ["--before", "next week"],
      ["--older-than", "1d", "--status", "running"],
      ["--older-than", "1d", "--format", "xml"],
    ]) {
      const r = await orqc(cli, ["purge", ...args], env);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(/^orqc purge: error ORQ0001: /);
    }
  });
});

describe("orqc purge --redis", () => {
  let fixture: RedisWorker;
  let backend: RedisBackend;
  let redisArgs: string[];

  beforeAll(async () => {
    fixture = await startWorkerOnTestRedis(cli, ["--packs", HOSTT, "--concurrency", "4"]);
    ({ backend, redisArgs } = fixture);
  }, 60_000);

  afterAll(() => fixture?.stop());

  it("removes a finished workflow with its sub-workflows and journals, keeps one still running", async () => {
    const done = await orqc(cli, ["run", HOSTT, "hostt.parent", ...redisArgs, "--wait"], env);
    expect(done.code).toBe(0);
    const parentId = idOf(done.stdout);
    const children = await backend.executions.list({ parentId });
    expect(children.length).toBe(2);
    const busy = await orqc(cli, ["run", HOSTT, "hostt.longrun", "-p", "seconds=30", ...redisArgs], env);
    expect(busy.code).toBe(0);
    const busyId = /(\S+)\s*$/.exec(busy.stdout.trim())![1]!;
    await until(
      async () => (await backend.executions.get(busyId))?.status === "running",
      20_000,
      "the long run to start",
    );

    const dry = await orqc(cli, ["purge", "--older-than", "0s", "--dry-run", ...redisArgs], env);
    expect(dry.stdout).toMatch(
      new RegExp(
        `^${parentId}  succeeded .* hostt\\.parent\\nwould remove 1 execution and 2 sub-executions under them\\n$`,
      ),
    );
    expect(await backend.executions.get(parentId)).toBeDefined();

    const r = await orqc(cli, ["purge", "--older-than", "0s", ...redisArgs], env);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("removed 1 execution and 2 sub-executions under them\n");
    for (const id of [parentId, ...children.map((c) => c.id)]) {
      expect(await backend.executions.get(id)).toBeUndefined();
      expect((await backend.journal.load(id)).entries.size).toBe(0);
    }
    expect((await backend.executions.list()).map((e) => e.id)).toEqual([busyId]);
    const listed = await orqc(
      cli,
      ["executions", "--ref", "hostt.longrun", "--format", "json", ...redisArgs],
      env,
    );
    expect(JSON.parse(listed.stdout).map((e: { id: string }) => e.id)).toEqual([busyId]);
    expect((await orqc(cli, ["executions", "--ref", "hostt.parent", ...redisArgs], env)).stdout).toBe(
      "no executions\n",
    );
    expect((await orqc(cli, ["status", parentId, ...redisArgs], env)).code).toBe(1);
    await orqc(cli, ["cancel", busyId, ...redisArgs], env);
  }, 90_000);

  it("lets a worker with --purge-after remove what completed, on its own", async () => {
    const own = await openTestRedis();
    const args = ["--redis", TEST_REDIS_URL, "--redis-prefix", own.keys.prefix];
    const keeper = await startWorkerProcess(cli, [
      ...args,
      "--packs",
      HOSTT,
      "--purge-after",
      "1s",
      "--purge-every",
      "1s",
    ]);
    try {
      const r = await orqc(cli, ["run", HOSTT, "hostt.parent", ...args, "--wait"], env);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/execution \S+: succeeded/);
      const id = idOf(r.stdout);
      await until(
        async () => (await own.executions.list()).length === 0,
        15_000,
        "the worker to purge the run",
      );
      expect((await own.journal.load(id)).entries.size).toBe(0);
    } finally {
      keeper.kill("SIGKILL");
      await own.purge();
      await own.close();
    }
  }, 60_000);

  it("reports an unreachable Redis as ORQ0003", async () => {
    const r = await orqc(
      cli,
      ["purge", "--older-than", "1d", "--redis", "redis://127.0.0.1:1", "--redis-timeout", "1"],
      env,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^orqc purge: error ORQ0003: /);
  });
});
