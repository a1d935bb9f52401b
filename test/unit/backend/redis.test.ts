import { describe, expect, it } from "vitest";
import { RedisBackend } from "../../../runtime/backend/redis/index";
import { BackendUnavailableError } from "../../../runtime/backend/types";
import { runBackendConformance } from "./conformance";
import { openTestRedis } from "./redis-helper";

runBackendConformance("redis", async () => {
  const backend = await openTestRedis();
  return {
    backend,
    cleanup: async () => {
      await backend.queue.close();
      await backend.purge();
      await backend.close();
    },
  };
});

describe("redis backend connection", () => {
  it("reports an unreachable Redis clearly, without the password", async () => {
    const backend = new RedisBackend({ url: "redis://:hunter2@127.0.0.1:1", connectTimeoutMs: 500 });
    const err = await backend.ping().catch((e: unknown) => e);
    await backend.close();
    expect(err).toBeInstanceOf(BackendUnavailableError);
    expect((err as Error).message).toMatch(/^cannot reach Redis at redis:\/\/127\.0\.0\.1:1: /);
    expect((err as Error).message).not.toContain("hunter2");
  });
});
