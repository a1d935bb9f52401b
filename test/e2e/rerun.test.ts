// `orqc rerun` end to end: a new execution of what the old one ran, with its
// input (-p overrides some), naming the old one; embedded from the local
// records, and on Redis workers; secret input given again where it was masked.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCli, HOSTT, orqc, type RedisWorker, startWorkerOnTestRedis } from "../unit/host/e2e-support";

let cli: string;
let redis: RedisWorker;
const home = mkdtempSync(join(tmpdir(), "orqc-rerun-home-"));
const env = { ORQC_HOME: home };
const RERUNT = join(__dirname, "../unit/host/fixtures/rerunt");
const idOf = (stdout: string) => /execution (\S+):/.exec(stdout)![1]!;
/** hostt.seq's output without `order`, which depends on which parallel branch ended first. */
const settled = (result: { output: Record<string, unknown> }) => {
  const { order: _order, ...rest } = result.output;
  return rest;
};

beforeAll(async () => {
  cli = await buildCli("rerun");
  redis = await startWorkerOnTestRedis(cli, ["--packs", HOSTT, RERUNT]);
}, 60_000);

afterAll(async () => {
  await redis?.stop();
  rmSync(cli, { force: true });
  rmSync(home, { recursive: true, force: true });
});

describe("orqc rerun", () => {
  it("runs an embedded execution again with its input, or with -p overriding part of it", async () => {
    const first = await orqc(
      cli,
      ["run", "hostt.seq", "--packs", HOSTT, "-p", "n=4", "--format", "json"],
      env,
    );
    expect(first.code).toBe(0);
    const old = JSON.parse(first.stdout);
    const again = await orqc(cli, ["rerun", old.id, "--packs", HOSTT, "--format", "json"], env);
    expect(again.code).toBe(0);
    const rec = JSON.parse(again.stdout);
    expect(rec.id).not.toBe(old.id);
    expect([rec.ref, rec.input, settled(rec.result)]).toEqual([old.ref, old.input, settled(old.result)]);
    expect(rec.context.rerunOf).toBe(old.id);
    const text = await orqc(cli, ["status", rec.id], env);
    expect(text.stdout).toContain(`rerun of: ${old.id}`);
    expect((await orqc(cli, ["executions"], env)).stdout).toContain(`${rec.id}  succeeded`);
    expect((await orqc(cli, ["executions"], env)).stdout).toContain(`(rerun of ${old.id})`);

    const changed = await orqc(
      cli,
      ["rerun", old.id, "--packs", HOSTT, "-p", "n=5", "--format", "json"],
      env,
    );
    expect(JSON.parse(changed.stdout).input).toEqual({ ...old.input, n: 5 });
    expect(settled(JSON.parse(changed.stdout).result)).not.toEqual(settled(old.result));
  }, 60_000);

  it("asks for secret input again when the local record holds it masked", async () => {
    const first = await orqc(cli, ["run", "hostt.secret", "--packs", HOSTT, "-p", "password=hunter2"], env);
    const id = idOf(first.stdout);
    const refused = await orqc(cli, ["rerun", id, "--packs", HOSTT], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("give it again with -p password=...");
    const given = await orqc(cli, ["rerun", id, "--packs", HOSTT, "-p", "password=hunter3"], env);
    expect(given.code).toBe(first.code);
    expect(given.stdout).not.toContain("hunter3");
  }, 60_000);

  it("reports an unknown id, and runs executions of workers again on them (--redis)", async () => {
    const unknown = await orqc(cli, ["rerun", "nope", "--packs", HOSTT], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("no execution nope in the local records");

    const sub = await orqc(cli, [
      "run",
      "hostt.seq",
      "--packs",
      HOSTT,
      "-p",
      "n=3",
      ...redis.redisArgs,
      "--wait",
      "--format",
      "json",
    ]);
    expect([sub.code, sub.stderr]).toEqual([0, ""]);
    const old = JSON.parse(sub.stdout);
    const again = await orqc(cli, ["rerun", old.id, ...redis.redisArgs, "--wait", "--format", "json"]);
    expect(again.code).toBe(0);
    const rec = JSON.parse(again.stdout);
    expect([rec.input, settled(rec.result), rec.context.rerunOf]).toEqual([
      old.input,
      settled(old.result),
      old.id,
    ]);
    expect((await redis.backend.executions.get(rec.id))?.status).toBe("succeeded");
  }, 60_000);

  it("--tasks: goes on from a failed task on the workers, what ran before it not run again", async () => {
    const runs = join(home, "runs");
    const flag = join(home, "flag");
    writeFileSync(runs, "");
    const args = ["rerunt.flow", "--packs", HOSTT, RERUNT, "-p", `runs=${runs}`, "-p", `flag=${flag}`];
    const first = await orqc(cli, ["run", ...args, ...redis.redisArgs, "--wait", "--format", "json"]);
    expect(first.code).toBe(1);
    const old = JSON.parse(first.stdout);
    expect(old.status).toBe("failed");
    // p was still running when b failed the workflow: it is journaled when it ends
    for (let i = 0; i < 300 && !(await redis.backend.journal.get(old.id, "p/0/-/0")); i++)
      await new Promise((r) => setTimeout(r, 20));
    writeFileSync(flag, "");
    const again = await orqc(cli, [
      "rerun",
      old.id,
      ...redis.redisArgs,
      "--tasks",
      "b",
      "--wait",
      "--format",
      "json",
    ]);
    expect([again.code, again.stderr]).toEqual([0, ""]);
    const rec = JSON.parse(again.stdout);
    expect(rec.result).toEqual({ output: { last: 3 } });
    expect(rec.context).toMatchObject({ rerunOf: old.id, rerunTasks: ["b"] });
    expect(readFileSync(runs, "utf8").trim().split("\n").sort()).toEqual(["1 a", "1 c", "1 p"]);
  }, 60_000);

  it("--tasks: refuses what it cannot do, with a message", async () => {
    const embeddedOnly = await orqc(cli, ["rerun", "x1", "--tasks", "b"], env);
    expect(embeddedOnly.code).toBe(2);
    expect(embeddedOnly.stderr).toContain("--tasks needs --redis");
    const withP = await orqc(cli, ["rerun", "x1", "--tasks", "b", "-p", "n=1", ...redis.redisArgs]);
    expect(withP.stderr).toContain("-p cannot go with --tasks");
    const noReset = await orqc(cli, ["rerun", "x1", "--tasks", "b", "--no-reset", "c", ...redis.redisArgs]);
    expect(noReset.stderr).toContain("--no-reset c: not among the --tasks");
  }, 60_000);
});
