// Encryption of secret datastore values (StackStorm's `encrypt`/`decrypt`):
// AES-256-GCM, stored as uppercase hex of iv | tag | ciphertext. The key comes
// from ORQC_DATASTORE_KEY (64 hex chars or base64 of 32 bytes) or from a key
// file created on first use. Every worker sharing a Redis needs the same key.

import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { defaultKeyPath } from "./home";

export interface KvCipher {
  encrypt(plain: string): string;
  /** Throws DatastoreCryptoError when the text was not encrypted with this key. */
  decrypt(cipherText: string): string;
}

export class DatastoreCryptoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatastoreCryptoError";
  }
}

export function aesCipher(key: Buffer): KvCipher {
  if (key.length !== 32) throw new DatastoreCryptoError(`datastore key must be 32 bytes, got ${key.length}`);
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("hex").toUpperCase();
    },
    decrypt(cipherText) {
      const raw = /^[0-9A-Fa-f]*$/.test(cipherText) ? Buffer.from(cipherText, "hex") : Buffer.alloc(0);
      if (raw.length < 28) throw new DatastoreCryptoError("value is not an encrypted datastore value");
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
        decipher.setAuthTag(raw.subarray(12, 28));
        return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
      } catch {
        throw new DatastoreCryptoError(
          "cannot decrypt the value: it was encrypted with another datastore key",
        );
      }
    },
  };
}

export function parseKey(text: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, "hex") : Buffer.from(t, "base64");
  if (key.length !== 32)
    throw new DatastoreCryptoError("ORQC_DATASTORE_KEY must be 32 bytes (64 hex chars or base64)");
  return key;
}

/**
 * The cipher for this process. The key is read (or the key file created) only
 * when a secret is first encrypted or decrypted, so plain use touches no file.
 */
export function defaultCipher(env: NodeJS.ProcessEnv = process.env): KvCipher {
  let cipher: KvCipher | undefined;
  const get = (): KvCipher => {
    if (!cipher)
      cipher = aesCipher(env.ORQC_DATASTORE_KEY ? parseKey(env.ORQC_DATASTORE_KEY) : loadKeyFile(env));
    return cipher;
  };
  return { encrypt: (p) => get().encrypt(p), decrypt: (c) => get().decrypt(c) };
}

function loadKeyFile(env: NodeJS.ProcessEnv): Buffer {
  const path = defaultKeyPath(env);
  if (existsSync(path)) return parseKey(readFileSync(path, "utf8"));
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  writeFileSync(path, `${key.toString("hex")}\n`, { mode: 0o600, flag: "wx" });
  chmodSync(path, 0o600);
  return key;
}
