// A deadline on Redis being unreachable, for clients (orqc run --wait,
// status, executions, cancel). Workers keep reconnecting forever, which is
// right for a daemon; a command waiting on a Redis that is gone for good
// should say so instead of retrying without end.

import type { Redis } from "ioredis";
import { BackendUnavailableError } from "../types";

export interface OutageWatch {
  /** Rejects once the connection has not been ready for the whole limit; never resolves. */
  readonly failed: Promise<never>;
  stop(): void;
}

/**
 * Watches `client`: when it stays without a ready connection for `limitMs` in
 * a row (a Redis restart that comes back in time resets the clock), `failed`
 * rejects with a BackendUnavailableError naming `where`.
 */
export function watchOutage(client: Redis, limitMs: number, where: string): OutageWatch {
  let timer: NodeJS.Timeout | undefined;
  let fail: (err: Error) => void = () => {};
  const failed = new Promise<never>((_, reject) => {
    fail = reject;
  });
  // Nobody may be racing against it when it fires (the command already ended).
  failed.catch(() => {});
  const arm = () => {
    if (timer) return;
    timer = setTimeout(() => {
      fail(
        new BackendUnavailableError(
          `cannot reach Redis at ${where}: no connection for ${limitMs / 1000} s (the limit is set by ORQC_REDIS_TIMEOUT or --redis-timeout)`,
        ),
      );
    }, limitMs);
    timer.unref();
  };
  const disarm = () => {
    clearTimeout(timer);
    timer = undefined;
  };
  const onDown = () => arm();
  client.on("close", onDown);
  client.on("reconnecting", onDown);
  client.on("end", onDown);
  client.on("ready", disarm);
  if (client.status !== "ready") arm();
  return {
    failed,
    stop() {
      disarm();
      client.off("close", onDown);
      client.off("reconnecting", onDown);
      client.off("end", onDown);
      client.off("ready", disarm);
    },
  };
}

/** Runs `body` unless the watch fires first; the watch is stopped either way. */
export async function unlessOutage<T>(watch: OutageWatch, body: Promise<T>): Promise<T> {
  // If the watch wins, a late failure of the body must not go unhandled.
  body.catch(() => {});
  try {
    return await Promise.race([body, watch.failed]);
  } finally {
    watch.stop();
  }
}
