// `orqc status ID --follow` against a worker process on Redis: the tasks of an
// execution and of its sub-workflow executions as they start and finish, each
// once even when a later run replays them, then the final block; exit 0 only
// for a success.

import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildCli,
  HOSTT,
  orqc,
  type RedisWorker,
  startWorkerOnTestRedis,
  until,
} from "../unit/host/e2e-support";

let cli: string;
let fixture: RedisWorker;
let redisArgs: string[];

beforeAll(async () => {
  cli = await buildCli("follow");
  fixture = await startWorkerOnTestRedis(cli, ["--packs", HOSTT, "--concurrency", "4"]);
  ({ redisArgs } = fixture);
}, 60_000);

afterAll(() => fixture?.stop());

async function submit(args: string[]): Promise<string> {
  const r = await orqc(cli, ["run", HOSTT, ...args, ...redisArgs]);
  expect(r.code).toBe(0);
  return r.stdout.trim().split("\n").pop()!;
}

describe("orqc status --follow", () => {
  it("shows a workflow's tasks and its sub-workflows' as they run, then the result", async () => {
    const id = await submit(["hostt.parent"]);
    const r = await orqc(cli, ["status", id, "--follow", ...redisArgs]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    const tasks = lines.filter((l) => /^\d\d:\d\d:\d\d {2}/.test(l)).map((l) => l.slice(10));
    expect(tasks.filter((l) => /^hostt\.child: execution \S+ started$/.test(l))).toHaveLength(2);
    expect(tasks.filter((l) => l === "hostt.child: double (route 0): started core.local")).toHaveLength(2);
    expect(tasks.filter((l) => l === "hostt.child: double (route 0): succeeded")).toHaveLength(2);
    for (const t of ["one", "two"]) {
      expect(tasks.filter((l) => l === `${t} (route 0): started hostt.child`)).toHaveLength(1);
      expect(tasks.filter((l) => l === `${t} (route 0): succeeded`)).toHaveLength(1);
    }
    expect(tasks.indexOf("total (route 0): succeeded")).toBe(tasks.length - 1);
    expect(r.stdout).toContain(`execution ${id}: succeeded`);
    expect(r.stdout).toMatch(/output: \{\n\s+"sum": 10\n\s+\}/);
  }, 60_000);

  it("prints as the execution goes, and exits 1 when it ends canceled", async () => {
    const id = await submit(["hostt.longrun", "-p", "seconds=2"]);
    const follower = spawn(process.execPath, [cli, "status", id, "--follow", ...redisArgs], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    follower.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
    });
    const exit = new Promise<number | null>((resolve) => follower.once("exit", resolve));
    // The first lines arrive while the workflow still runs (busy sleeps 2 s, later waits 30 s).
    await until(() => out.includes("busy (route 0): started core.local"), 20_000, "the first progress line");
    expect(out).not.toContain(`execution ${id}:`);
    expect((await orqc(cli, ["cancel", id, ...redisArgs])).code).toBe(0);
    expect(await exit).toBe(1);
    expect(out).toMatch(/cancel requested\n/);
    expect(out).toMatch(/later \(route 0\): canceled\n/);
    expect(out).toContain(`execution ${id}: canceled`);
  }, 60_000);

  it("follows from orqc run --redis --follow", async () => {
    const r = await orqc(cli, ["run", HOSTT, "hostt.ten", "--follow", ...redisArgs]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const id = /^execution (\S+) submitted\n/.exec(r.stdout)![1]!;
    for (let i = 0; i < 10; i++) expect(r.stdout).toContain(`t${i} (route 0): succeeded`);
    expect(r.stdout).toContain(`execution ${id}: succeeded`);
    expect((await orqc(cli, ["run", HOSTT, "hostt.ten", "--follow"])).code).toBe(2);
  }, 60_000);

  it("refuses --format json and reports an unknown id", async () => {
    const json = await orqc(cli, ["status", "x1", "--follow", "--format", "json", ...redisArgs]);
    expect(json.code).toBe(2);
    expect(json.stderr).toMatch(/ORQ0001: --follow prints text only/);
    const unknown = await orqc(cli, ["status", "nosuchexecution1", "--follow", ...redisArgs]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/ORQ0004: no execution nosuchexecution1/);
  });
});
