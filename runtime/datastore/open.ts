// Opening the datastore the way the CLI and the embedded runtime do: Redis
// when a URL is given (shared with the workers), otherwise the local file.

import { connectRedisBackend, type RedisConfig } from "../backend/redis/index";
import { defaultCipher } from "./cipher";
import { Datastore } from "./datastore";
import { FileKvStore } from "./file-store";
import { defaultDatastorePath } from "./home";

export interface OpenDatastoreOptions {
  readonly redis?: RedisConfig;
  /** Embedded only; default ~/.orqc/datastore.json (ORQC_HOME). */
  readonly file?: string;
}

export interface OpenDatastore {
  readonly datastore: Datastore;
  /** "redis://host:port" or the file path. */
  readonly where: string;
  close(): Promise<void>;
}

export async function openDatastore(options: OpenDatastoreOptions = {}): Promise<OpenDatastore> {
  if (options.redis) {
    const backend = await connectRedisBackend(options.redis);
    return {
      datastore: new Datastore(backend.kv, defaultCipher()),
      where: backend.keys.prefix,
      close: () => backend.close(),
    };
  }
  const file = options.file ?? defaultDatastorePath();
  return {
    datastore: new Datastore(new FileKvStore(file), defaultCipher()),
    where: file,
    close: async () => {},
  };
}
