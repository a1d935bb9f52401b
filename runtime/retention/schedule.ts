// Retention in a long-lived worker (`orqc worker --purge-after 30d`), as
// StackStorm's garbage collector does with its TTLs: every so often, purge
// what completed more than `keepMs` ago. One run at a time; a failed run is
// logged and tried again at the next tick.

import type { Backend } from "../backend/types";
import type { Logger } from "../observability/logger";
import { purgeExecutions } from "./purge";

export interface RetentionOptions {
  /** Completed trees older than this go. */
  readonly keepMs: number;
  /** How often to look (default 10 minutes). */
  readonly everyMs?: number;
  readonly logger: Logger;
}

export interface Retention {
  /** Resolves once a run in progress has ended. */
  stop(): Promise<void>;
}

export function startRetention(backend: Backend, options: RetentionOptions): Retention {
  let running: Promise<void> | undefined;
  const tick = () => {
    if (running) return;
    running = (async () => {
      try {
        const out = await purgeExecutions(backend, { before: Date.now() - options.keepMs });
        if (out.ids.length > 0)
          options.logger.info(
            { executions: out.ids.length, workflows: out.roots.length, inquiries: out.inquiries },
            "retention: purged completed executions",
          );
      } catch (err) {
        options.logger.warn(
          { err: err instanceof Error ? err.message : String(err) },
          "retention: purge failed",
        );
      } finally {
        running = undefined;
      }
    })();
  };
  const timer = setInterval(tick, options.everyMs ?? 600_000);
  timer.unref();
  tick();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
