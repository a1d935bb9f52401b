// A small helper process that starts local commands for the runtime.
//
// Node starts a child with fork(), whose cost grows with the parent's memory:
// a worker holding hundreds of MB pays several milliseconds of CPU per
// command, on its event loop. A launcher takes that off the worker's loop.
// Two programs speak the same protocol: a Python one (launcher-py-source.ts),
// whose vfork-based subprocess costs a fraction of a millisecond per command,
// used when a Python interpreter is there, and a bare Node one
// (launcher-source.ts), about a millisecond or more per fork. Outcomes are
// the same as spawning directly (exit code, -signal, stdout/stderr as UTF-8,
// the spawn error message); process.ts decides which path a command takes.

import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { setChildRef } from "../child-ref";
import { pythonName, realInterpreter } from "../python/interpreter";
import { LAUNCHER_PY_SOURCE } from "./launcher-py-source";
import { LAUNCHER_SOURCE } from "./launcher-source";

export type LauncherKind = "python" | "node";

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

/** A command's end; the Python launcher sends its output as base64 bytes. */
interface DoneMessage {
  readonly op: "done";
  readonly id: number;
  readonly exitCode: number;
  readonly stdout?: string;
  readonly stderr?: string;
  readonly stdout64?: string;
  readonly stderr64?: string;
  readonly error?: string;
}

const SOURCES: Record<LauncherKind, { file: string; text: string }> = {
  python: { file: "orqc_launcher.py", text: LAUNCHER_PY_SOURCE },
  node: { file: "orqc_launcher.cjs", text: LAUNCHER_SOURCE },
};
const sourceFiles = new Map<LauncherKind, string>();

function launcherFile(kind: LauncherKind): string {
  let file = sourceFiles.get(kind);
  if (!file) {
    const dir = mkdtempSync(join(tmpdir(), "orqc-launcher-"));
    file = join(dir, SOURCES[kind].file);
    writeFileSync(file, SOURCES[kind].text);
    process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
    sourceFiles.set(kind, file);
  }
  return file;
}

function decoded(text: string | undefined, base64: string | undefined): string {
  return base64 !== undefined ? Buffer.from(base64, "base64").toString("utf8") : (text ?? "");
}

export class ProcessLauncher {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, (exit: LaunchExit) => void>();
  /** The environment the launcher inherited; requests send only what differs. */
  private readonly baseEnv: NodeJS.ProcessEnv = { ...process.env };
  private nextId = 1;
  private state: "starting" | "ready" | "gone" = "starting";
  /** Whether it ever answered "ready" (a launcher that never did cannot start here). */
  everReady = false;

  /** `python`: the interpreter for the Python launcher (default: the Node one). */
  constructor(readonly python?: string) {
    this.child = python
      ? spawn(python, ["-I", "-S", launcherFile("python")], {
          stdio: ["pipe", "pipe", "inherit"],
          env: this.baseEnv,
        })
      : spawn(process.execPath, [launcherFile("node")], {
          stdio: ["pipe", "pipe", "inherit"],
          env: this.baseEnv,
        });
    this.child.stdin!.on("error", () => {});
    if (python) this.send({ op: "init", env: this.baseEnv });
    createInterface({ input: this.child.stdout! }).on("line", (line) => this.onLine(line));
    this.child.on("error", () => this.gone("the process launcher could not start"));
    this.child.on("exit", (code, signal) => this.gone(`the process launcher exited (${signal ?? code})`));
    this.setRef(false);
  }

  /** The launcher's process id (undefined if it could not start). */
  get pid(): number | undefined {
    return this.child.pid;
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
      this.everReady = true;
      return;
    }
    const done = msg as DoneMessage;
    const onExit = this.pending.get(done.id);
    if (!onExit) return;
    this.pending.delete(done.id);
    if (this.pending.size === 0) this.setRef(false);
    onExit({
      exitCode: done.exitCode,
      stdout: decoded(done.stdout, done.stdout64),
      stderr: decoded(done.stderr, done.stderr64),
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
/** Launchers of each kind that died; a kind is given up after three, or after one that never started. */
const deaths: Record<LauncherKind, number> = { python: 0, node: 0 };
const MAX_DEATHS = 3;
/** Commands started directly before the launcher is: a process that starts only a few never pays for one. */
let asked = 0;
const START_AFTER = 3;
/** Bumped by closeSharedLauncher, so a launcher still being set up then is not kept. */
let generation = 0;
let settingUp = false;

/** The kinds ORQC_PROCESS_LAUNCHER allows, in order of preference: python, node, or both (default). */
function allowedKinds(): LauncherKind[] {
  const setting = process.env.ORQC_PROCESS_LAUNCHER;
  if (setting === "0") return [];
  if (setting === "node" || setting === "python") return [setting];
  return ["python", "node"];
}

/**
 * The process-wide launcher when it is up; otherwise undefined (the caller
 * spawns directly). The launcher is started at the third command a process
 * asks for, and serves the commands after it once up: the Python one when an
 * interpreter is there, else the Node one. ORQC_PROCESS_LAUNCHER=0 turns it
 * off (=python or =node picks one); a kind is given up after three of its
 * launchers died, and the process then stays with the other or with direct
 * spawning.
 */
export function readyLauncher(): ProcessLauncher | undefined {
  const kinds = allowedKinds();
  // Turned off is off at once, even with a launcher already up.
  if (kinds.length === 0) return undefined;
  if (shared?.alive) return shared.ready ? shared : undefined;
  if (settingUp) return undefined;
  if (++asked < START_AFTER) return undefined;
  if (shared) {
    const kind: LauncherKind = shared.python ? "python" : "node";
    deaths[kind] = shared.everReady ? deaths[kind] + 1 : MAX_DEATHS;
    shared = undefined;
  }
  const kind = kinds.find((k) => deaths[k] < MAX_DEATHS);
  if (!kind) return undefined;
  try {
    if (kind === "node") shared = new ProcessLauncher();
    else {
      launcherFile("python"); // fails here, not later, without a temp folder
      settingUp = true;
      const mine = generation;
      void realInterpreter(pythonName()).then((python) => {
        settingUp = false;
        if (mine === generation) shared = new ProcessLauncher(python);
      });
    }
  } catch {
    // No temp folder to write it to, say: commands keep starting directly.
    deaths[kind] = MAX_DEATHS;
  }
  return undefined;
}

/**
 * Starts the shared launcher now instead of at the process's third command:
 * long-lived workers call it so that the launcher is up before their first
 * burst of commands (until it is, each command is forked from the worker).
 */
export function startLauncherEarly(): void {
  asked = Math.max(asked, START_AFTER - 1);
  readyLauncher();
}

/** Stops the shared launcher (commands still running are killed); resolves once it has exited. */
export async function closeSharedLauncher(): Promise<void> {
  generation += 1;
  settingUp = false;
  const launcher = shared;
  shared = undefined;
  await launcher?.close();
}
