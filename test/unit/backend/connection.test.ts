import { describe, expect, it } from "vitest";
import { describeRedis, isConnectionError, redisOptions } from "../../../runtime/backend/redis/connection";

describe("Redis connection settings", () => {
  it("reads host, port, user, password and db from the URL", () => {
    const o = redisOptions({ url: "redis://app:p%40ss@cache.local:6380/2" }, "commands");
    expect(o).toMatchObject({ host: "cache.local", port: 6380, username: "app", password: "p@ss", db: 2 });
    expect(o.tls).toBeUndefined();
    expect(redisOptions({}, "commands")).toMatchObject({ host: "127.0.0.1", port: 6379 });
  });

  it("turns TLS on for rediss:// or on request, and lets an explicit password win", () => {
    expect(redisOptions({ url: "rediss://h:7000" }, "commands").tls).toEqual({});
    expect(redisOptions({ url: "redis://h", tls: true }, "commands").tls).toEqual({});
    expect(redisOptions({ url: "rediss://h", tls: false }, "commands").tls).toBeUndefined();
    expect(redisOptions({ url: "redis://:fromurl@h", password: "explicit" }, "commands").password).toBe(
      "explicit",
    );
  });

  it("waits through reconnects for queue connections (BullMQ needs maxRetriesPerRequest null)", () => {
    expect(redisOptions({}, "queue").maxRetriesPerRequest).toBeNull();
    expect(redisOptions({}, "commands").maxRetriesPerRequest).toBeGreaterThan(0);
  });

  it("never shows the password in messages", () => {
    expect(describeRedis({ url: "rediss://user:secret@h:6380/1" })).toBe("rediss://h:6380/1");
  });
});

describe("isConnectionError", () => {
  it("tells a lost connection from an error Redis answered with", () => {
    const gaveUp = new Error("Reached the max retries per request limit (which is 50).");
    gaveUp.name = "MaxRetriesPerRequestError";
    expect(isConnectionError(gaveUp)).toBe(true);
    expect(isConnectionError(new Error("Connection is closed."))).toBe(true);
    expect(isConnectionError(new Error("connect ECONNREFUSED 127.0.0.1:6379"))).toBe(true);
    expect(
      isConnectionError(new Error("WRONGTYPE Operation against a key holding the wrong kind of value")),
    ).toBe(false);
    expect(isConnectionError("Connection is closed.")).toBe(false);
  });
});
