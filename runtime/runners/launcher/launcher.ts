// A small helper process that starts local commands for the runtime.
//
// Node starts a child with fork(), whose cost grows with the parent's memory:
// a worker holding hundreds of MB pays several milliseconds of CPU per
// command, on its event loop. The launcher is a bare Node process of a few
// tens of MB, so the same fork costs about a millisecond, and off the
// worker's loop. Outcomes are the same as spawning directly (exit code, -signal,
// stdout/stderr as UTF-8, the spawn error message); process.ts decides which
// path a command takes.

import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { setChildRef } from "../child-ref";
import { LAUNCHER_SOURCE } from "./launcher-source";

export interface LaunchRequest {
  readonly command: string;
  readonly args?: readonly string[];
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly stdin?: string;
}

export interface LaunchExit {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly error?: string;
}

/** A started command: kill() sends SIGKILL to its process group. */
export interface Launched {
  kill(): void;
}

interface DoneMessage {
  readonly op: "done";
  readonly id: number;
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly error?: string;
}

let sourceFile: string | undefined;

function launcherFile(): string {
  if (!sourceFile) {
    const dir = mkdtempSync(join(tmpdir(), "orqc-launcher-"));
    const file = join(dir, "orqc_launcher.cjs");
    writeFileSync(file, LAUNCHER_SOURCE);
    process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
    sourceFile = file;
  }
  return sourceFile;
}

export class ProcessLauncher {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, (exit: LaunchExit) => void>();
  /** The environment the launcher inherited; requests send only what differs. */
  private readonly baseEnv: NodeJS.ProcessEnv = { ...process.env };
  private nextId = 1;
  private state: "starting" | "ready" | "gone" = "starting";

  constructor() {
    this.child = spawn(process.execPath, [launcherFile()], {
      stdio: ["pipe", "pipe", "inherit"],
      env: this.baseEnv,
    });
    this.child.stdin!.on("error", () => {});
    createInterface({ input: this.child.stdout! }).on("line", (line) => this.onLine(line));
    this.child.on("error", () => this.gone("the process launcher could not start"));
    this.child.on("exit", (code, signal) => this.gone(`the process launcher exited (${signal ?? code})`));
    this.setRef(false);
  }

  get ready(): boolean {
    return this.state === "ready";
  }

  get alive(): boolean {
    return this.state !== "gone";
  }

  /** Starts `req`; `onExit` is called once, when the command has ended. */
  start(req: LaunchRequest, onExit: (exit: LaunchExit) => void): Launched {
    if (this.state === "gone") {
      onExit({ exitCode: 127, stdout: "", stderr: "", error: "the process launcher is not running" });
      return { kill() {} };
    }
    const id = this.nextId++;
    this.pending.set(id, onExit);
    if (this.pending.size === 1) this.setRef(true);
    this.send({
      op: "run",
      id,
      command: req.command,
      args: req.args ?? [],
      ...(req.cwd !== undefined ? { cwd: req.cwd } : {}),
      env: this.envDiff(req.env ?? process.env),
      ...(req.stdin ? { stdin: req.stdin } : {}),
    });
    return { kill: () => this.pending.has(id) && this.send({ op: "kill", id }) };
  }

  /** Ends the launcher (commands still running are killed) and waits for it to exit. */
  close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const force = setTimeout(() => this.child.kill("SIGKILL"), 2000);
      this.child.once("exit", () => {
        clearTimeout(force);
        resolve();
      });
      this.child.stdin?.end();
    });
  }

  private envDiff(env: NodeJS.ProcessEnv): { set: Record<string, string>; unset: string[] } {
    const set: Record<string, string> = {};
    const unset: string[] = [];
    for (const [k, v] of Object.entries(env)) if (v !== undefined && this.baseEnv[k] !== v) set[k] = v;
    for (const k of Object.keys(this.baseEnv)) if (env[k] === undefined) unset.push(k);
    return { set, unset };
  }

  private send(msg: object): void {
    this.child.stdin?.write(`${JSON.stringify(msg)}\n`);
  }

  private onLine(line: string): void {
    let msg: { op: string } | DoneMessage;
    try {
      msg = JSON.parse(line) as { op: string } | DoneMessage;
    } catch {
      return; // not one of its answers (nothing else writes there; never worth a crash)
    }
    if (msg.op === "ready") {
      if (this.state === "starting") this.state = "ready";
      return;
    }
    const done = msg as DoneMessage;
    const onExit = this.pending.get(done.id);
    if (!onExit) return;
    this.pending.delete(done.id);
    if (this.pending.size === 0) this.setRef(false);
    onExit({
      exitCode: done.exitCode,
      stdout: done.stdout,
      stderr: done.stderr,
      ...(done.error !== undefined ? { error: done.error } : {}),
    });
  }

  private gone(reason: string): void {
    if (this.state === "gone") return;
    this.state = "gone";
    for (const onExit of this.pending.values())
      onExit({ exitCode: 127, stdout: "", stderr: "", error: reason });
    this.pending.clear();
    this.setRef(false);
  }

  /** Idle, the launcher must not keep a CLI process alive; a running command does. */
  private setRef(on: boolean): void {
    setChildRef(this.child, on);
  }
}

let shared: ProcessLauncher | undefined;
let deaths = 0;
const MAX_DEATHS = 3;
/** Commands started directly before the launcher is: a process that starts only a few never pays for one. */
let asked = 0;
const START_AFTER = 3;

/**
 * The process-wide launcher when it is up; otherwise undefined (the caller
 * spawns directly). The launcher is started at the third command a process
 * asks for, and serves the commands after it once up.
 * ORQC_PROCESS_LAUNCHER=0 turns it off; after three launchers have died, the
 * process stays with direct spawning.
 */
export function readyLauncher(): ProcessLauncher | undefined {
  if (process.env.ORQC_PROCESS_LAUNCHER === "0") return undefined;
  if (shared?.alive) return shared.ready ? shared : undefined;
  if (++asked < START_AFTER) return undefined;
  if (shared) {
    deaths += 1;
    shared = undefined;
  }
  if (deaths >= MAX_DEATHS) return undefined;
  try {
    shared = new ProcessLauncher();
  } catch {
    // No temp folder to write it to, say: commands keep starting directly.
    deaths = MAX_DEATHS;
  }
  return undefined;
}

/** Stops the shared launcher (commands still running are killed); resolves once it has exited. */
export async function closeSharedLauncher(): Promise<void> {
  const launcher = shared;
  shared = undefined;
  await launcher?.close();
}
