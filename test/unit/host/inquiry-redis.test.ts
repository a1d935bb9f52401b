// core.ask on the Redis backend in process: the inquiry is stored under the
// prefix, the response resumes the workflow, and the TTL (scaled) brings the
// yielded execution back through a delayed job to time the inquiry out.

import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RedisBackend } from "../../../runtime/backend/redis/index";
import { respondInquiry } from "../../../runtime/host/inquiry-respond";
import { closeSharedPythonPool } from "../../../runtime/runners/python/pool";
import { openTestRedis } from "../backend/redis-helper";
import { embedded, waitDone } from "./helpers";

const ASK_PACK = join(import.meta.dirname, "fixtures/askt");
let backend: RedisBackend;

beforeAll(async () => {
  backend = await openTestRedis();
});

afterAll(async () => {
  await backend.purge();
  await backend.close();
  await closeSharedPythonPool();
});

async function pendingOf(execId: string) {
  const start = Date.now();
  for (;;) {
    const found = (await backend.inquiries.list("pending")).find((i) => i.rootId === execId);
    if (found && (await backend.executions.get(execId))?.status === "paused") return found;
    if (Date.now() - start > 10_000) throw new Error(`no paused inquiry for ${execId}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("core.ask on Redis", () => {
  it("waits paused, resumes on the response", async () => {
    const host = embedded({ packs: [ASK_PACK], backend });
    const id = await host.submit("askt.approve");
    const inquiry = await pendingOf(id);
    expect(await backend.inquiries.get(inquiry.id)).toMatchObject({ task: "ask", execId: id });
    expect((await respondInquiry(backend, inquiry.id, { continue: true, note: "r" })).ok).toBe(true);
    const done = await waitDone(backend, id);
    await host.close();
    expect(done.result).toEqual({ output: { note: "r", side: "side" } });
  }, 30_000);

  it("times out after the scaled TTL through a delayed job", async () => {
    const host = embedded({ packs: [ASK_PACK], backend, timeScale: 0.02 });
    const id = await host.submit("askt.approve", { ttl: 1 });
    const inquiry = await pendingOf(id);
    const done = await waitDone(backend, id);
    await host.close();
    expect(done.status).toBe("failed");
    expect((await backend.inquiries.get(inquiry.id))?.status).toBe("timeout");
  }, 30_000);
});
