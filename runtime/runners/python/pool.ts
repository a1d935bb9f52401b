// A pool of warm Python processes for python-script actions, instead of
// StackStorm's fresh interpreter per call. A process serves one pack at a
// time (packs' `lib` modules and module-level state must not mix). At most
// `size` processes run actions at once, and up to `maxProcesses` stay alive,
// so idle interpreters of several packs stay warm; the oldest idle one is
// recycled when the pool is full. `reuse: false`
// gives the fresh-process-per-call behaviour (for comparison in bench/).

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import {
  type KvCallHandler,
  PythonHostProcess,
  type PythonRunOutcome,
  type PythonRunRequest,
} from "./host-process";
import { pythonName, realInterpreter } from "./interpreter";
import { PYTHON_FILES } from "./shim-source";

export interface PythonPoolOptions {
  /** Most processes alive at once; default min(4, CPUs). */
  readonly size?: number;
  /** Processes kept in all (busy and idle, any pack); default 4 x size. */
  readonly maxProcesses?: number;
  /** Interpreter; a function picks one per pack (e.g. a pack virtualenv). Default ORQC_PYTHON or python3. */
  readonly python?: string | ((pack: string) => string);
  /** false: a new process for every call, killed afterwards. */
  readonly reuse?: boolean;
  /** Recycle a process after this many runs (bounds leaks in action code); default 1000. */
  readonly maxRunsPerProcess?: number;
}

let hostDir: string | undefined;

/** Writes the host and the st2 shim once per Node process. */
function ensureHostDir(): string {
  if (!hostDir) {
    const dir = mkdtempSync(join(tmpdir(), "orqc-python-"));
    for (const [rel, text] of Object.entries(PYTHON_FILES)) {
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      writeFileSync(join(dir, rel), text);
    }
    hostDir = dir;
    process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  }
  return hostDir;
}

interface Waiter {
  pack: string;
  give: (p: PythonHostProcess) => void;
  fail: (e: Error) => void;
}

export class PythonPool {
  private readonly procs = new Set<PythonHostProcess>();
  private readonly idle: PythonHostProcess[] = [];
  private readonly waiters: Waiter[] = [];
  /** Processes running an action at once. */
  private readonly size: number;
  /** Processes kept alive in all, idle ones included: idle interpreters of several packs stay warm. */
  private readonly maxProcesses: number;
  private closed = false;
  /** Processes being started whose interpreter path is still being resolved. */
  private starting = 0;

  constructor(private readonly options: PythonPoolOptions = {}) {
    this.size = Math.max(1, options.size ?? Math.min(4, availableParallelism()));
    this.maxProcesses = Math.max(this.size, options.maxProcesses ?? this.size * 4);
  }

  private get busy(): number {
    return this.procs.size + this.starting - this.idle.length;
  }

  /** Room for one more process: the oldest idle process (of another pack) goes when the pool is full. */
  private makeRoom(): void {
    if (this.procs.size + this.starting >= this.maxProcesses && this.idle.length > 0)
      this.retire(this.idle.shift()!);
  }

  stats(): { processes: number; idle: number; waiting: number } {
    return { processes: this.procs.size, idle: this.idle.length, waiting: this.waiters.length };
  }

  async run(req: PythonRunRequest, onKv: KvCallHandler, signal?: AbortSignal): Promise<PythonRunOutcome> {
    const proc = await this.acquire(req.pack);
    try {
      return await proc.run(req, onKv, signal);
    } finally {
      this.release(proc);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.waiters.splice(0)) w.fail(new Error("python pool closed"));
    for (const p of this.procs) p.kill();
    this.procs.clear();
    this.idle.length = 0;
  }

  private async acquire(pack: string): Promise<PythonHostProcess> {
    if (this.closed) throw new Error("python pool closed");
    const i = this.idle.findIndex((p) => p.pack === pack && p.alive);
    if (i >= 0) return this.idle.splice(i, 1)[0]!;
    if (this.busy < this.size) {
      this.makeRoom();
      return this.spawn(pack);
    }
    return new Promise((give, fail) => this.waiters.push({ pack, give, fail }));
  }

  private release(proc: PythonHostProcess): void {
    const limit = this.options.maxRunsPerProcess ?? 1000;
    if (!proc.alive || this.options.reuse === false || proc.runs >= limit || this.closed) {
      this.retire(proc);
    } else {
      this.idle.push(proc);
    }
    this.serveWaiters();
  }

  private serveWaiters(): void {
    while (this.waiters.length > 0) {
      const w = this.waiters[0]!;
      const i = this.idle.findIndex((p) => p.pack === w.pack && p.alive);
      if (i >= 0) {
        this.waiters.shift();
        w.give(this.idle.splice(i, 1)[0]!);
        continue;
      }
      if (this.busy >= this.size) return;
      this.makeRoom();
      this.waiters.shift();
      this.spawn(w.pack).then(w.give, w.fail);
    }
  }

  private async spawn(pack: string): Promise<PythonHostProcess> {
    const py = this.options.python;
    const python = typeof py === "function" ? py(pack) : (py ?? pythonName());
    this.starting += 1;
    let real: string;
    try {
      real = await realInterpreter(python);
    } finally {
      this.starting -= 1;
    }
    if (this.closed) throw new Error("python pool closed");
    const proc = new PythonHostProcess(real, ensureHostDir(), pack, (p) => this.forget(p));
    this.procs.add(proc);
    try {
      await proc.ready;
    } catch (err) {
      this.forget(proc);
      throw new Error(`cannot start ${python} for python actions: ${(err as Error).message}`);
    }
    return proc;
  }

  private retire(proc: PythonHostProcess): void {
    this.forget(proc);
    proc.kill();
  }

  private forget(proc: PythonHostProcess): void {
    const had = this.procs.delete(proc);
    const i = this.idle.indexOf(proc);
    if (i >= 0) this.idle.splice(i, 1);
    if (had) queueMicrotask(() => this.serveWaiters());
  }
}

let shared: PythonPool | undefined;

/** The process-wide pool used when a RunnerContext does not bring one. */
export function sharedPythonPool(): PythonPool {
  if (!shared) shared = new PythonPool();
  return shared;
}

export async function closeSharedPythonPool(): Promise<void> {
  const pool = shared;
  shared = undefined;
  await pool?.close();
}
