// Python values keep what JSON alone would lose when they cross the runtime's
// boundaries (a Python action's parameters and result, a child execution's
// input and output, the journal a replay reads, Redis): an integral float
// stays a float (`1.0`, not `1`) and a dict keeps its insertion order with
// integer-like keys, as in StackStorm. Interpreted (the child is its own
// execution) and compiled (the child inlined), on memory and on Redis.

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compile } from "../../../compiler/compile";
import { translateExpression } from "../../../compiler/emit/translator";
import type { Backend } from "../../../runtime/backend/types";
import { closeSharedPythonPool } from "../../../runtime/runners/python/pool";
import { openTestRedis } from "../backend/redis-helper";
import { type Embedded, embedded, PACK, waitDone } from "./helpers";

const expected = {
  ratio_text: "ratio 1.0",
  scale_text: "2.0",
  scale_type: "float",
  order_keys: ["b", "10", "2"],
  child_x_text: "x 3.0",
  child_keys: ["b", "10", "2"],
  // 2**60 + 1 from Python, + 1, and - 2: exact, as Python's ints are.
  big_text: "big 1152921504606846978 1152921504606846976",
};

const bundles = mkdtempSync(join(tmpdir(), "orqc-fidelity-bundles-"));
const hosts: Embedded[] = [];
const redisBackends: Backend[] = [];

beforeAll(async () => {
  const result = await compile({
    paths: [PACK],
    outDir: bundles,
    force: true,
    translate: translateExpression,
  });
  expect(result.reports.filter((r) => r.status === "failed")).toEqual([]);
}, 60_000);

afterAll(async () => {
  for (const h of hosts) await h.close();
  for (const b of redisBackends) await b.close();
  await closeSharedPythonPool();
});

async function runAndReplay(host: Embedded): Promise<void> {
  const rec = await host.run("hostt.floats");
  expect(rec.status).toBe("succeeded");
  expect((rec.result as { output: Record<string, unknown> }).output).toMatchObject(expected);

  await host.backend.executions.update(rec.id, { status: "running" });
  await host.backend.queue.enqueue(rec.id, null, { jobId: `${rec.id}.again` });
  const again = await waitDone(host.backend, rec.id);
  expect((again.result as { output: Record<string, unknown> }).output).toMatchObject(expected);
}

describe("value fidelity across runtime boundaries", () => {
  for (const mode of ["interpreted", "compiled"] as const) {
    it(`${mode}, memory backend: floats and key order survive actions, children and a replay`, async () => {
      const host = embedded(mode === "compiled" ? { bundlesDir: bundles } : {});
      hosts.push(host);
      await runAndReplay(host);
    }, 30_000);

    it(`${mode}, Redis backend: the same`, async () => {
      const backend = await openTestRedis();
      redisBackends.push(backend);
      const host = embedded({ backend, ...(mode === "compiled" ? { bundlesDir: bundles } : {}) });
      hosts.push(host);
      await runAndReplay(host);
    }, 30_000);
  }
});
