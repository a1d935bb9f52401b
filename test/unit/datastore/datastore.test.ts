import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { MemoryKvStore } from "../../../runtime/backend/memory/index";
import {
  aesCipher,
  Datastore,
  DatastoreCryptoError,
  defaultCipher,
  FileKvStore,
  resolveSt2kvKey,
} from "../../../runtime/datastore/index";

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "orqc-ds-"));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("datastore encryption", () => {
  it("round-trips and refuses another key's ciphertext", () => {
    const a = aesCipher(randomBytes(32));
    const b = aesCipher(randomBytes(32));
    const text = a.encrypt("pässwörd");
    expect(text).toMatch(/^[0-9A-F]+$/);
    expect(text).not.toContain("pässwörd");
    expect(a.encrypt("pässwörd")).not.toBe(text);
    expect(a.decrypt(text)).toBe("pässwörd");
    expect(() => b.decrypt(text)).toThrow(DatastoreCryptoError);
    expect(() => a.decrypt("plain text")).toThrow(/not an encrypted datastore value/);
  });

  it("creates a private key file on first use, or takes ORQC_DATASTORE_KEY", () => {
    const home = tempDir();
    const cipher = defaultCipher({ ORQC_HOME: home });
    const sealed = cipher.encrypt("x");
    expect(readFileSync(join(home, "datastore.key"), "utf8").trim()).toMatch(/^[0-9a-f]{64}$/);
    expect(defaultCipher({ ORQC_HOME: home }).decrypt(sealed)).toBe("x");
    const key = randomBytes(32).toString("hex");
    const fromEnv = defaultCipher({ ORQC_HOME: tempDir(), ORQC_DATASTORE_KEY: key });
    expect(aesCipher(Buffer.from(key, "hex")).decrypt(fromEnv.encrypt("y"))).toBe("y");
    expect(() => defaultCipher({ ORQC_DATASTORE_KEY: "short" }).encrypt("z")).toThrow(/32 bytes/);
  });
});

describe("Datastore", () => {
  const make = () => {
    const kv = new MemoryKvStore();
    return { kv, ds: new Datastore(kv, aesCipher(randomBytes(32))) };
  };

  it("stores secrets encrypted and decrypts only on request", async () => {
    const { kv, ds } = make();
    await ds.set({ scope: "system", name: "token", value: "abc123", secret: true });
    const raw = await kv.get({ scope: "system", name: "token" });
    expect(raw?.secret).toBe(true);
    expect(raw?.value).not.toContain("abc123");
    expect((await ds.get({ scope: "system", name: "token" }))?.value).toBe(raw?.value);
    expect((await ds.get({ scope: "system", name: "token" }, { decrypt: true }))?.value).toBe("abc123");
    expect((await ds.list({ scope: "system" }, { decrypt: true })).map((i) => i.value)).toEqual(["abc123"]);
  });

  it("resolves Orquesta st2kv names: system. prefix, otherwise the user's scope", async () => {
    expect(resolveSt2kvKey("system.a.b", "stanley")).toEqual({ scope: "system", name: "a.b" });
    expect(resolveSt2kvKey("user.x", "stanley")).toEqual({ scope: "user", user: "stanley", name: "user.x" });
    const { ds } = make();
    await ds.set({ scope: "system", name: "k", value: "sys" });
    await ds.set({ scope: "user", user: "stanley", name: "k", value: "mine" });
    await ds.set({ scope: "user", user: "other", name: "only-other", value: "x" });
    await ds.set({ scope: "system", name: "pw", value: "hunter2", secret: true });
    expect(await ds.st2kv("system.k", "stanley")).toBe("sys");
    expect(await ds.st2kv("k", "stanley")).toBe("mine");
    expect(await ds.st2kv("only-other", "stanley")).toBeUndefined();
    const read = await ds.snapshot("stanley");
    expect(read("system.k", false)).toBe("sys");
    expect(read("k", false)).toBe("mine");
    expect(read("missing", false)).toBeUndefined();
    expect(read("system.pw", true)).toBe("hunter2");
    expect(read("system.pw", false)).not.toBe("hunter2");
  });
});

describe("FileKvStore (the embedded CLI datastore)", () => {
  it("persists across instances, expires, and lists by prefix", async () => {
    const path = join(tempDir(), "sub", "datastore.json");
    const a = new FileKvStore(path);
    await a.set({ scope: "system", name: "x.one", value: "1" });
    await a.set({ scope: "system", name: "x.two", value: "2", ttl: 0.2 });
    await a.set({ scope: "user", user: "bob", name: "x.one", value: "bob's" });
    await a.set({ scope: "system", name: "__proto__", value: "data" });
    const b = new FileKvStore(path);
    expect((await b.get({ scope: "system", name: "x.one" }))?.value).toBe("1");
    expect((await b.get({ scope: "system", name: "__proto__" }))?.value).toBe("data");
    expect((await b.list({ scope: "system", prefix: "x." })).map((i) => i.name)).toEqual(["x.one", "x.two"]);
    expect((await b.list({ scope: "user", user: "bob" })).map((i) => i.value)).toEqual(["bob's"]);
    await new Promise((r) => setTimeout(r, 300));
    expect(await b.get({ scope: "system", name: "x.two" })).toBeUndefined();
    expect(await b.delete({ scope: "system", name: "x.one" })).toBe(true);
    expect(await a.get({ scope: "system", name: "x.one" })).toBeUndefined();
    expect(await a.delete({ scope: "system", name: "x.one" })).toBe(false);
  });

  it("names the file when it is not a datastore", async () => {
    const path = join(tempDir(), "bad.json");
    writeFileSync(path, "{oops");
    await expect(new FileKvStore(path).get({ scope: "system", name: "a" })).rejects.toThrow(
      `${path} is not a valid orqc datastore file`,
    );
  });
});
