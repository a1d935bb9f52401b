// An explicitly sized warm Python pool for a worker's python-script runner
// (`--python-pool N`). The runtime's default is min(4, CPUs) processes per
// worker process, one pack per process; with many runs in flight the example's
// three packs then make the pool retire and respawn interpreters constantly
// (docs/performance.md, "where the time goes").

import { PythonPool, pythonScriptRunner, type RunnerRegistry } from "../../runtime/runners/index";

export function usePythonPool(registry: RunnerRegistry, size: number): PythonPool {
  const pool = new PythonPool({ size });
  registry.register({
    ...pythonScriptRunner,
    run: (params, ctx) => pythonScriptRunner.run(params, { ...ctx, pythonPool: pool }),
  });
  return pool;
}
