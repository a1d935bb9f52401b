import { describe, expect, it } from "vitest";
import { keySpace } from "../../../runtime/backend/redis/keys";

/** The part of a key Redis Cluster hashes: the first non-empty {...}, else the whole key. */
function hashTag(key: string): string {
  const open = key.indexOf("{");
  if (open >= 0) {
    const close = key.indexOf("}", open + 1);
    if (close > open + 1) return key.slice(open + 1, close);
  }
  return key;
}

describe("Redis key layout", () => {
  const k = keySpace("orqc");

  it("puts all of one execution's keys in one cluster slot", () => {
    const keys = [k.execution("abc"), k.journal("abc"), k.order("abc"), k.starts("abc"), k.lease("abc")];
    expect(new Set(keys).size).toBe(5);
    expect(new Set(keys.map(hashTag))).toEqual(new Set(["abc"]));
    expect(hashTag(k.execution("other"))).not.toBe(hashTag(k.execution("abc")));
  });

  it("puts a datastore item and its scope index in one slot, scopes apart", () => {
    const item = k.kvItem({ scope: "user", user: "bob:x", name: "a:b" });
    const index = k.kvIndex({ scope: "user", user: "bob:x" });
    expect(hashTag(item)).toBe(hashTag(index));
    expect(item).not.toBe(k.kvItem({ scope: "user", user: "bob", name: "x:a:b" }));
    expect(k.kvIndex({ scope: "system" })).not.toBe(index);
  });

  it("gives BullMQ a hash-tagged prefix and refuses unsafe prefixes and ids", () => {
    expect(hashTag(`${k.bullPrefix()}:${k.queueName()}:wait`)).toBe("orqc:q");
    expect(() => keySpace("a{b}")).toThrow(/invalid Redis key prefix/);
    expect(() => k.execution("x}y")).toThrow(/invalid execution id/);
  });
});
