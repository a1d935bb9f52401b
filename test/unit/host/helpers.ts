// Test helpers: an embedded worker on the memory backend over the hostt
// fixture pack, and waiting for executions to finish.

import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { MemoryBackend } from "../../../runtime/backend/memory/index";
import type { Backend, ExecutionRecord } from "../../../runtime/backend/types";
import { COMPLETED } from "../../../runtime/engine/statuses";
import { submitExecution } from "../../../runtime/host/submit";
import { silentLogger } from "../../../runtime/observability/logger";
import type { PyDict } from "../../../runtime/stdlib/py/value";
import { startWorker, type Worker, type WorkerOptions } from "../../../runtime/worker/worker";

export const PACK = join(import.meta.dirname, "fixtures/hostt");

export async function waitDone(backend: Backend, id: string, timeoutMs = 15_000): Promise<ExecutionRecord> {
  const start = Date.now();
  for (;;) {
    const rec = await backend.executions.get(id);
    if (rec && COMPLETED.has(rec.status)) return rec;
    if (Date.now() - start > timeoutMs)
      throw new Error(`execution ${id} not done after ${timeoutMs} ms: ${rec?.status}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export interface Embedded {
  readonly backend: Backend;
  readonly worker: Worker;
  submit(target: string, input?: PyDict): Promise<string>;
  run(target: string, input?: PyDict): Promise<ExecutionRecord>;
  close(): Promise<void>;
}

export function embedded(options: Partial<WorkerOptions> = {}): Embedded {
  const backend = options.backend ?? new MemoryBackend();
  const worker = startWorker({
    packs: [PACK],
    logger: silentLogger(),
    concurrency: 8,
    timeScale: 1,
    ...options,
    backend,
  });
  const submit = async (target: string, input: PyDict = {}): Promise<string> => {
    const out = await submitExecution(worker.services, { target, input });
    if (!out.ok) throw new Error(out.error);
    return out.record.id;
  };
  return {
    backend,
    worker,
    submit,
    run: async (target, input) => waitDone(backend, await submit(target, input)),
    close: () => worker.close(1000),
  };
}

/** A path in a new temporary folder, for an action to create as a sign that it ran. */
export function tempMarker(name: string): string {
  return join(mkdtempSync(join(tmpdir(), "orqc-host-")), name);
}

/** The task ids of an orquesta result's errors, in order. */
export function errorTaskIds(result: unknown): Array<string | undefined> {
  return (result as { errors: Array<{ task_id?: string }> }).errors.map((e) => e.task_id);
}

/**
 * The failmanual run (a remediation next to a fail command, failing itself) as Orquesta ends it:
 * failed, the remediation run to its end, and the errors of task1, the fail command and the remediation.
 */
export function expectRemediatedFailure(rec: ExecutionRecord, marker: string): void {
  expect(rec.status).toBe("failed");
  expect(existsSync(marker)).toBe(true);
  expect(errorTaskIds(rec.result)).toEqual(["task1", "fail", "recover"]);
}
