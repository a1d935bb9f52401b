// Inquiries (core.ask) through the CLI. Embedded: `orqc run --respond
// TASK=JSON` answers them, an unanswered one ends the run paused with the
// inquiry printed. Redis: a worker process runs the workflow, `orqc inquiry
// list` shows the inquiry, `orqc inquiry respond` completes the workflow
// (interpreted and compiled), invalid and repeated responses are refused.

import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RedisBackend } from "../../runtime/backend/redis/index";
import { openTestRedis, TEST_REDIS_URL } from "../unit/backend/redis-helper";
import { buildCli, orqc, ROOT, startWorkerProcess, until } from "../unit/host/e2e-support";

const ASKT = resolve(ROOT, "test/unit/host/fixtures/askt");
let cli: string;
let backend: RedisBackend;
let worker: ChildProcess;
let redisArgs: string[];
const home = mkdtempSync(join(tmpdir(), "orqc-inquiry-home-"));
const bundles = mkdtempSync(join(tmpdir(), "orqc-inquiry-bundles-"));
const env = { ORQC_HOME: home };

beforeAll(async () => {
  cli = await buildCli("inquiry");
  backend = await openTestRedis();
  redisArgs = ["--redis", TEST_REDIS_URL, "--redis-prefix", backend.keys.prefix];
  const compiled = await orqc(cli, ["compile", ASKT, "-o", bundles]);
  expect(compiled.code).toBe(0);
  worker = await startWorkerProcess(cli, [
    ...redisArgs,
    "--packs",
    ASKT,
    "--bundles",
    bundles,
    "--concurrency",
    "4",
  ]);
}, 60_000);

afterAll(async () => {
  if (worker && worker.exitCode === null && worker.signalCode === null) worker.kill("SIGKILL");
  await backend?.purge();
  await backend?.close();
  rmSync(cli, { force: true });
  rmSync(home, { recursive: true, force: true });
  rmSync(bundles, { recursive: true, force: true });
});

describe("orqc run (embedded) with core.ask", () => {
  it("succeeds when --respond answers the inquiry", async () => {
    const r = await orqc(
      cli,
      ["run", ASKT, "askt.approve", "--respond", 'ask={"continue":true,"note":"ci"}'],
      env,
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/execution \S+: succeeded/);
    expect(r.stdout).toContain('"note": "ci"');
  }, 30_000);

  it("ends paused with the inquiry printed when nothing answers it", async () => {
    const r = await orqc(cli, ["run", ASKT, "askt.simple"], env);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/execution \S+: paused/);
    expect(r.stdout).toMatch(/pending inquiries:\n\s+q[0-9a-f]{24} task ask/);
    expect(r.stdout).toContain('"continue":{"type":"boolean"');
    expect(r.stderr).toContain("an embedded run cannot be answered later");
  }, 30_000);

  it("applies the answered one of two parallel inquiries before ending paused on the other", async () => {
    // st2's own example: start -> ask_jack and ask_jill at once -> finish.
    const examples = resolve(ROOT, "../shared/corpus/stackstorm/st2/contrib/examples");
    const r = await orqc(
      cli,
      ["run", examples, "examples.orquesta-ask-parallel", "--respond", 'ask_jack={"approved":true}'],
      env,
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/execution \S+: paused/);
    expect(r.stdout).toContain("ask_jack (route 0): succeeded");
    expect(r.stdout).toMatch(/pending inquiries:\n\s+q[0-9a-f]{24} task ask_jill/);
    expect(r.stdout).not.toMatch(/q[0-9a-f]{24} task ask_jack/);
  }, 30_000);

  it("refuses a response the schema does not accept, and a malformed --respond", async () => {
    const bad = await orqc(cli, ["run", ASKT, "askt.simple", "--respond", 'ask={"continue":"yes"}'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("'yes' is not of type 'boolean'");
    const usage = await orqc(cli, ["run", ASKT, "askt.simple", "--respond", "ask"], env);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("ORQ0001");
  }, 30_000);
});

describe("orqc inquiry on Redis workers", () => {
  const submitAndList = async (args: string[]) => {
    const r = await orqc(cli, ["run", ...args, ...redisArgs]);
    expect(r.code).toBe(0);
    const id = r.stdout.trim();
    await until(
      async () =>
        (await backend.executions.get(id))?.status === "paused" &&
        (await backend.inquiries.list("pending")).some((q) => q.rootId === id),
      15_000,
      "paused on an inquiry",
    );
    const list = await orqc(cli, ["inquiry", "list", ...redisArgs]);
    const line = list.stdout.split("\n").find((l) => l.includes(id)) ?? "";
    expect(line).toMatch(/^q[0-9a-f]{24} {2}pending {2}task ask/);
    return { id, inquiry: line.split(/\s+/)[0]! };
  };

  it("lists the inquiry, refuses a bad response, completes the workflow on a good one", async () => {
    const { id, inquiry } = await submitAndList(["askt.approve", "--packs", ASKT]);
    const get = await orqc(cli, ["inquiry", "get", inquiry, ...redisArgs, "--format", "json"]);
    expect(JSON.parse(get.stdout)).toMatchObject({ id: inquiry, execId: id, task: "ask", status: "pending" });
    const status = await orqc(cli, ["status", id, ...redisArgs]);
    expect(status.stdout).toContain(`pending inquiries:\n    ${inquiry} task ask`);

    const bad = await orqc(cli, ["inquiry", "respond", inquiry, "-r", '{"note":"x"}', ...redisArgs]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("error ORQ0006");
    expect(bad.stderr).toContain("'continue' is a required property");
    const malformed = await orqc(cli, ["inquiry", "respond", inquiry, "-r", "{", ...redisArgs]);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain("ORQ0002");

    const ok = await orqc(cli, [
      "inquiry",
      "respond",
      inquiry,
      "--response",
      '{"continue":true}',
      ...redisArgs,
    ]);
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    await until(async () => (await backend.executions.get(id))?.status === "succeeded", 15_000, "succeeded");
    expect((await backend.executions.get(id))?.result).toEqual({ output: { note: "none", side: "side" } });
    const twice = await orqc(cli, ["inquiry", "respond", inquiry, "-r", '{"continue":true}', ...redisArgs]);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain("error ORQ0005");
    expect(twice.stderr).toContain("already responded");
    const unknown = await orqc(cli, ["inquiry", "get", "qnope", ...redisArgs]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("ORQ0005");
  }, 60_000);

  it("a compiled bundle with an inlined sub-workflow asking: paused, then answered", async () => {
    const { id, inquiry } = await submitAndList(["askt.parent", "--bundles", bundles, "--packs", ASKT]);
    const ok = await orqc(cli, [
      "inquiry",
      "respond",
      inquiry,
      "-r",
      '{"continue":true,"note":"b"}',
      ...redisArgs,
    ]);
    expect(ok.code).toBe(0);
    await until(async () => (await backend.executions.get(id))?.status === "succeeded", 15_000, "succeeded");
    expect((await backend.executions.get(id))?.result).toEqual({
      output: { child: { note: "b", side: "side" } },
    });
  }, 60_000);

  it("an interpreted sub-workflow asking pauses the child and the parent; the response resumes both", async () => {
    const { id, inquiry } = await submitAndList(["askt.parent", "--packs", ASKT]);
    const [child] = await backend.executions.list({ parentId: id });
    expect(child?.status).toBe("paused");
    const ok = await orqc(cli, ["inquiry", "respond", inquiry, "-r", '{"continue":true}', ...redisArgs]);
    expect(ok.code).toBe(0);
    await until(async () => (await backend.executions.get(id))?.status === "succeeded", 15_000, "succeeded");
    expect((await backend.executions.get(child!.id))?.status).toBe("succeeded");
  }, 60_000);
});
