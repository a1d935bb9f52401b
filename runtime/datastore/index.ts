export { aesCipher, DatastoreCryptoError, defaultCipher, type KvCipher, parseKey } from "./cipher";
export { Datastore, parseScope, type ReadOptions, resolveSt2kvKey, type St2kvReader } from "./datastore";
export { FileKvStore } from "./file-store";
export { defaultDatastorePath, defaultKeyPath, orqcHome } from "./home";
export { type OpenDatastore, type OpenDatastoreOptions, openDatastore } from "./open";
