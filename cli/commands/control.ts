// `orqc cancel|pause|resume ID`: control a running execution on Redis.

import type { Command } from "commander";
import { type ControlAction, controlExecution } from "../../runtime/host/control";
import type { RedisFlags } from "../../runtime/worker/cli-support";
import { reportError } from "../report-error";
import { parseRedisUrl } from "./redis-url";
import { withBackend } from "./status";

const WHAT: Record<ControlAction, string> = {
  cancel: "Cancel an execution (running actions finish, delayed tasks and children are canceled)",
  pause: "Pause an execution (running tasks finish, no new task starts)",
  resume: "Resume a paused execution",
};

export function registerControl(program: Command): void {
  for (const action of ["cancel", "pause", "resume"] as const) {
    program
      .command(action)
      .description(WHAT[action])
      .argument("<id>", "execution id")
      .option("--redis <url>", "Redis URL (default redis://127.0.0.1:6379)", parseRedisUrl)
      .option("--redis-prefix <prefix>", "Redis key prefix (default orqc or ORQC_REDIS_PREFIX)")
      .addHelpText(
        "after",
        `\nExample:\n  orqc ${action} 0mhx3k2a1000a1b2c3d4e5 --redis redis://127.0.0.1:6379`,
      )
      .action(async (id: string, flags: RedisFlags) => {
        await withBackend(flags, action, async (backend) => {
          const out = await controlExecution(backend, id, action);
          if (!out.ok) {
            reportError(action, "failed", out.error);
            process.exitCode = 1;
            return;
          }
          process.stdout.write(`${action} requested for execution ${id} (now ${out.record.status})\n`);
        });
      });
  }
}
