// Packages loaded on first use. ioredis, BullMQ and ssh2 take about a third
// of a second to load; `orqc check`, `eval`, `compile` and embedded runs never
// touch them, so the CLI loads them only when a command reaches Redis or SSH.

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
