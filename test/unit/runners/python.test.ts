import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { MemoryKvStore } from "../../../runtime/backend/memory/index";
import { aesCipher, Datastore } from "../../../runtime/datastore/index";
import {
  loadPackConfig,
  PythonPool,
  pythonScriptRunner,
  type RunnerContext,
} from "../../../runtime/runners/index";
import { writeTestPack } from "./python-pack";

const pack = writeTestPack();
const pool = new PythonPool({ size: 2 });
const datastore = new Datastore(new MemoryKvStore(), aesCipher(randomBytes(32)));
afterAll(async () => {
  await pool.close();
  rmSync(pack.root, { recursive: true, force: true });
});

const ctxFor = (file: string, extra: Partial<RunnerContext> = {}): RunnerContext => ({
  action: {
    ref: `pytest.${file}`,
    pack: "pytest",
    runnerType: "python-script",
    entryPoint: pack.action(`${file}.py`),
  },
  pythonPool: pool,
  datastore,
  ...extra,
});

describe("pack config", () => {
  it("fills schema defaults and resolves st2kv references", async () => {
    await datastore.set({ scope: "system", name: "api_token", value: "tok-1", secret: true });
    expect(await loadPackConfig(pack.packDir, "pytest", { datastore })).toEqual({
      greeting: "Hello",
      api: { region: "eu-west-1", token: "tok-1" },
    });
    expect(await loadPackConfig(pack.packDir, "pytest")).toEqual({
      greeting: "Hello",
      api: { region: "eu-west-1", token: "{{ st2kv.system.api_token | decrypt_kv }}" },
    });
  });
});

describe("python-script runner", () => {
  it("runs an st2 action with config, stdout and logger output", async () => {
    const config = await loadPackConfig(pack.packDir, "pytest", { datastore });
    const r = await pythonScriptRunner.run({ name: "Ada" }, ctxFor("greet", { config }));
    expect(r.status).toBe("succeeded");
    const res = r.result as {
      result: { text: string; region: string };
      stdout: string;
      stderr: string;
      exit_code: number;
    };
    expect(res.result).toMatchObject({ text: "Hello, Ada!", region: "eu-west-1" });
    expect(res.stdout).toBe("greeting Ada\n");
    expect(res.stderr).toMatch(/INFO \[-\] about to greet/);
    expect(res.exit_code).toBe(0);
  });

  it("keeps processes warm: the same process serves the next call", async () => {
    const config = { greeting: "Hi", api: { region: "x" } };
    const pids = new Set<number>();
    for (let i = 0; i < 4; i++) {
      const r = await pythonScriptRunner.run({ name: `n${i}` }, ctxFor("greet", { config }));
      pids.add((r.result as { result: { pid: number } }).result.pid);
    }
    expect(pids.size).toBe(1);
  });

  it("gives every action the environment of before the last one, whatever that one set or removed", async () => {
    const run = async (params: Record<string, string>, env?: Record<string, string>) => {
      const r = await pythonScriptRunner.run({ ...params, ...(env ? { env } : {}) }, ctxFor("env"));
      expect(r.status).toBe("succeeded");
      return (r.result as { result: { seen: Record<string, string | null>; pid: number } }).result;
    };
    const first = await run({ set_name: "ORQC_T_SELF", drop_name: "HOME" }, { ORQC_T_PARAM: "from env" });
    expect(first.seen).toEqual({ ORQC_T_PARAM: "from env", ORQC_T_SELF: null, HOME: process.env.HOME });
    const second = await run({});
    expect(second.pid).toBe(first.pid);
    expect(second.seen).toEqual({ ORQC_T_PARAM: null, ORQC_T_SELF: null, HOME: process.env.HOME });
  });

  it("reads and writes the datastore through action_service", async () => {
    await datastore.set({ scope: "system", name: "token", value: "s3cret", secret: true });
    await datastore.set({ scope: "system", name: "count.other", value: "x" });
    const first = await pythonScriptRunner.run({ key: "count.a" }, ctxFor("kv"));
    expect(first.status).toBe("succeeded");
    expect((first.result as { result: unknown }).result).toEqual({
      n: 1,
      local: "yes",
      secret: "s3cret",
      listed: ["count.a", "count.other"],
      deleted: true,
    });
    const second = await pythonScriptRunner.run({ key: "count.a" }, ctxFor("kv"));
    expect((second.result as { result: { n: number } }).result.n).toBe(2);
    expect((await datastore.get({ scope: "system", name: "count.a" }))?.value).toBe("2");
    expect(await datastore.get({ scope: "system", name: "pytest.Counter:seen" })).toBeUndefined();
  });

  it("takes the status from a (bool, result) return", async () => {
    expect(await pythonScriptRunner.run({ ok: false }, ctxFor("status"))).toEqual({
      status: "failed",
      result: { result: { asked: false }, stdout: "", stderr: "", exit_code: 0 },
    });
    expect((await pythonScriptRunner.run({ ok: true }, ctxFor("status"))).status).toBe("succeeded");
    const bad = await pythonScriptRunner.run({ ok: "yes" }, ctxFor("status"));
    expect(bad.status).toBe("failed");
    expect((bad.result as { error: string }).error).toMatch(/must either be True or False, got: yes/);
  });

  it("fails with the traceback when run() raises, and the process keeps serving", async () => {
    const r = await pythonScriptRunner.run({}, ctxFor("boom"));
    expect(r.status).toBe("failed");
    const res = r.result as { result: unknown; stdout: string; stderr: string; exit_code: number };
    expect(res).toMatchObject({ result: "None", stdout: "before\n", exit_code: 1 });
    expect(res.stderr).toMatch(/Traceback[\s\S]*ValueError: it broke/);
    expect((await pythonScriptRunner.run({}, ctxFor("noop"))).result).toMatchObject({
      result: null,
      exit_code: 0,
    });
  });

  it("maps sys.exit codes like a fresh process", async () => {
    expect((await pythonScriptRunner.run({ code: 0 }, ctxFor("exits"))).status).toBe("succeeded");
    const r = await pythonScriptRunner.run({ code: 4 }, ctxFor("exits"));
    expect(r).toMatchObject({ status: "failed", result: { exit_code: 4, result: "None" } });
  });

  it("imports the pre-2.0 st2actions path and the pack's actions/lib", async () => {
    expect((await pythonScriptRunner.run({ x: 21 }, ctxFor("legacy"))).result).toMatchObject({ result: 42 });
  });

  it("times out: kills the process, status timeout, and replaces it", async () => {
    const r = await pythonScriptRunner.run({ seconds: 5, timeout: 1 }, ctxFor("slow"));
    expect(r.status).toBe("timeout");
    expect(r.result).toMatchObject({
      exit_code: -9,
      error: "Action failed to complete in 1 seconds",
      result: "None",
    });
    expect((await pythonScriptRunner.run({ seconds: 0 }, ctxFor("slow"))).result).toMatchObject({
      result: "done",
    });
  });

  it("gives each pack its own processes", async () => {
    const other = writeTestPack("otherpack");
    try {
      const config = { greeting: "Yo", api: { region: "r" } };
      const a = await pythonScriptRunner.run({ name: "a" }, ctxFor("greet", { config }));
      const b = await pythonScriptRunner.run(
        { name: "b" },
        {
          ...ctxFor("greet", { config }),
          action: {
            ref: "otherpack.greet",
            pack: "otherpack",
            runnerType: "python-script",
            entryPoint: other.action("greet.py"),
          },
        },
      );
      const pa = (a.result as { result: { pid: number } }).result.pid;
      const pb = (b.result as { result: { pid: number } }).result.pid;
      expect(pa).not.toBe(pb);
      expect(pool.stats().processes).toBeLessThanOrEqual(2);
    } finally {
      rmSync(other.root, { recursive: true, force: true });
    }
  });

  it("runs calls in parallel up to the pool size", async () => {
    // Each call reports when its action slept; the overlaps show the pool's parallelism
    // whatever the machine's load (a wall-clock bound failed on a busy machine).
    const results = await Promise.all(
      Array.from({ length: 4 }, () => pythonScriptRunner.run({ seconds: 0.4 }, ctxFor("window"))),
    );
    expect(results.every((r) => r.status === "succeeded")).toBe(true);
    const windows = results.map((r) => (r.result as { result: [number, number] }).result);
    const runningAt = (t: number) => windows.filter(([start, end]) => start <= t && t < end).length;
    const mostAtOnce = Math.max(...windows.map(([start]) => runningAt(start)));
    expect(mostAtOnce).toBe(2);
  });
});
