import { MemoryBackend } from "../runtime/backend/memory/index";
import { COMPLETED } from "../runtime/engine/statuses";
import { submitExecution } from "../runtime/host/submit";
import { silentLogger } from "../runtime/observability/logger";
import { startWorker } from "../runtime/worker/worker";

const N = Number(process.argv[2] ?? 200);
async function once(bundles?: string) {
  const backend = new MemoryBackend();
  const worker = startWorker({ backend, packs: ["/tmp/nest/nest"], logger: silentLogger(), concurrency: 200, ...(bundles ? { bundlesDir: bundles } : {}) });
  const t0 = performance.now();
  const ids = await Promise.all(Array.from({ length: N }, async (_, i) => {
    const out = await submitExecution(worker.services, { target: "nest.top", input: { n: i } });
    if (!out.ok) throw new Error(out.error);
    return out.record.id;
  }));
  let done = 0; let ok = 0;
  const seen = new Set<string>();
  while (done < N) {
    for (const id of ids) { if (seen.has(id)) continue; const r = await backend.executions.get(id); if (r && COMPLETED.has(r.status)) { seen.add(id); done++; if (r.status === "succeeded") ok++; } }
    if (done < N) await new Promise((r) => setTimeout(r, 5));
  }
  const ms = performance.now() - t0;
  const jobs = worker.stats().jobs;
  await worker.close(1000);
  return { ms, ok, jobs };
}
for (let r = 0; r < 3; r++) {
  const i = await once();
  const c = await once("/tmp/nest/out");
  console.log(`interpreted ${i.ms.toFixed(0)} ms (${i.ok}/${N}, ${i.jobs} jobs)  compiled ${c.ms.toFixed(0)} ms (${c.ok}/${N}, ${c.jobs} jobs)  ratio ${(i.ms / c.ms).toFixed(2)}x  per workflow ${(i.ms*1000/N).toFixed(0)} vs ${(c.ms*1000/N).toFixed(0)} us`);
}
