// A worker process for redis-crash.test.ts (bundled by the test with esbuild
// and run with node): consumes execution jobs from the Redis queue and runs
// each execution's steps through the journal. Every real action run appends
// "<execId> <step>" to RUNS_FILE, so the test can count runs after a kill -9.

import { appendFileSync } from "node:fs";
import { RedisBackend } from "../../runtime/backend/redis/index";
import { ExecutionJournal, stepId } from "../../runtime/journal/index";

const env = process.env;
const backend = new RedisBackend({
  url: env.REDIS_URL,
  prefix: env.PREFIX,
  lockDurationMs: 1000,
  stalledIntervalMs: 500,
});
const steps = Number(env.STEPS ?? 5);
const stepMs = Number(env.STEP_MS ?? 40);

backend.queue.consume(
  async (job) => {
    const journal = await ExecutionJournal.open(backend.journal, job.execId);
    await backend.executions.update(job.execId, { status: "running" });
    let total = 0;
    for (let i = 0; i < steps; i++) {
      const report = await journal.step(stepId({ task: `t${i}`, route: 0, attempt: 0 }), async () => {
        appendFileSync(env.RUNS_FILE!, `${job.execId} t${i}\n`);
        await new Promise((r) => setTimeout(r, stepMs));
        return { status: "succeeded", result: i * 10 };
      });
      total += report.result as number;
    }
    await backend.executions.update(job.execId, { status: "succeeded", result: { output: { total } } });
    return { kind: "done" };
  },
  { concurrency: Number(env.CONCURRENCY ?? 10) },
);
process.stdout.write("ready\n");
