// Packages loaded on first use. ioredis, BullMQ, ssh2, pino and prom-client
// take about half a second to load; `orqc check`, `eval`, `compile` and
// `simulate` never touch them, so the CLI loads each only when a command
// reaches Redis, an SSH host, a log or the metrics.

import { createRequire } from "node:module";

const load = createRequire(import.meta.url);

/** A getter for a CommonJS package that requires it the first time it is called. */
export function lazyPackage<T>(name: string): () => T {
  let module: T | undefined;
  return () => {
    module ??= load(name) as T;
    return module;
  };
}
