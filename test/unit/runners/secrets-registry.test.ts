import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { MemoryBackend } from "../../../runtime/backend/memory/index";
import { createLogger, createMetrics, sampleQueueDepth } from "../../../runtime/observability/index";
import { type Runner, RunnerRegistry } from "../../../runtime/runners/index";
import { MASK, maskParameters, SecretSet } from "../../../runtime/secrets/index";

describe("secret masking", () => {
  it("masks secret parameters by name and secret values anywhere", () => {
    const meta = { password: { secret: true }, user: {} };
    expect(maskParameters({ password: "hunter2", user: "bob" }, meta)).toEqual({
      password: MASK,
      user: "bob",
    });
    const secrets = new SecretSet().addParameters({ password: "hunter2", user: "bob" }, meta);
    expect(secrets.size).toBe(1);
    expect(secrets.maskValue({ out: "login hunter2 ok", list: ["hunter2"], hunter2: 1, n: 5 })).toEqual({
      out: `login ${MASK} ok`,
      list: [MASK],
      [MASK]: 1,
      n: 5,
    });
  });

  it("masks the longest secret first and treats regex characters literally", () => {
    const secrets = new SecretSet(["a.b", "a.b.c", ""]);
    expect(secrets.size).toBe(2);
    expect(secrets.maskText("x a.b.c y aXb a.b")).toBe(`x ${MASK} y aXb ${MASK}`);
  });

  it("keeps secrets out of pino logs", () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const secrets = new SecretSet(["t0ken"]);
    const logger = createLogger({ secrets, destination, level: "info" });
    logger.info({ params: { token: "t0ken", nested: ["t0ken-x"] } }, "calling with t0ken");
    const record = JSON.parse(lines.join(""));
    expect(record.msg).toBe(`calling with ${MASK}`);
    expect(record.params).toEqual({ token: MASK, nested: [`${MASK}-x`] });
  });
});

describe("runner registry", () => {
  const boom: Runner = {
    name: "boom",
    runnerParameters: { api_key: { secret: true } },
    async run() {
      throw new TypeError("runner exploded");
    },
  };

  it("knows the builtin runners and st2 aliases", () => {
    const registry = new RunnerRegistry();
    expect(registry.names()).toEqual([
      "echo",
      "http-request",
      "inquirer",
      "local-shell-cmd",
      "local-shell-script",
      "nodejs",
      "noop",
      "python-script",
      "remote-shell-cmd",
      "remote-shell-script",
    ]);
    expect(registry.get("run-local")?.name).toBe("local-shell-cmd");
  });

  it("turns a throw into {error, traceback} and records secret parameters", async () => {
    const registry = new RunnerRegistry().register(boom);
    const secrets = new SecretSet();
    const r = await registry.runAction("boom", { api_key: "k-123", other: 1 }, { secrets });
    expect(r.status).toBe("failed");
    expect(r.result).toMatchObject({
      error: "TypeError: runner exploded",
      traceback: expect.stringContaining("runner exploded"),
    });
    expect(secrets.maskText("key=k-123")).toBe(`key=${MASK}`);
    expect(r.durationMs).toBeGreaterThanOrEqual(0);
    expect((await registry.runAction("nope", {}, {})).result).toEqual({
      error: 'unknown runner type "nope"',
      traceback: "",
    });
  });

  it("runs a builtin runner end to end", async () => {
    const r = await new RunnerRegistry().runAction("local-shell-cmd", { cmd: "echo 42" }, {});
    expect(r).toMatchObject({ status: "succeeded", result: { stdout: 42, return_code: 0 } });
  });
});

describe("metrics", () => {
  it("exposes executions, task latency and queue depth", async () => {
    const m = createMetrics();
    m.executions.inc({ status: "succeeded" });
    m.taskLatency.observe({ runner: "noop", status: "succeeded" }, 0.002);
    m.queueDepth.set({ state: "waiting" }, 3);
    const text = await m.render();
    expect(text).toContain('orqc_executions_total{status="succeeded"} 1');
    expect(text).toContain('orqc_task_duration_seconds_count{runner="noop",status="succeeded"} 1');
    expect(text).toContain('orqc_queue_depth{state="waiting"} 3');
    const backend = new MemoryBackend();
    await backend.queue.enqueue("e1");
    await backend.queue.enqueue("e2", null, { delayMs: 60_000 });
    await sampleQueueDepth(m, backend.queue);
    const after = await m.render();
    expect(after).toContain('orqc_queue_depth{state="waiting"} 1');
    expect(after).toContain('orqc_queue_depth{state="delayed"} 1');
  });
});
