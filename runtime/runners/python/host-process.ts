// One long-lived Python process running orqc_python_host.py. It runs one
// action at a time: requests go out on fd 3, answers and datastore calls come
// back on fd 4 (JSON lines); the action's own fd 1/2 output is collected too.

import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { JsonObject, JsonValue } from "../../backend/types";
import { parseValue, stringifyValue } from "../../backend/value-json";
import { setChildRef } from "../child-ref";

export interface PythonRunRequest {
  /** Absolute path of the action's .py file. */
  readonly file: string;
  readonly pack: string;
  readonly config: JsonObject;
  readonly parameters: JsonObject;
  readonly user: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly logLevel?: string;
  /** Seconds. */
  readonly timeout: number;
}

export interface PythonRunOutcome {
  readonly exitCode: number;
  /** True when run() returned a result (as opposed to raising or exiting). */
  readonly hasResult: boolean;
  readonly result: JsonValue;
  /** The bool of a `(status, result)` return, else null. */
  readonly status: boolean | null;
  readonly invalidStatus: boolean;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  readonly canceled: boolean;
}

/** Datastore calls from action_service (get_value, set_value, ...). */
export type KvCallHandler = (call: JsonObject) => Promise<JsonValue>;

interface Pending {
  id: number;
  resolve: (o: PythonRunOutcome) => void;
  onKv: KvCallHandler;
  stdout: string[];
  stderr: string[];
  timer?: NodeJS.Timeout;
  timedOut: boolean;
  canceled: boolean;
}

export class PythonHostProcess {
  private readonly child: ChildProcess;
  private readonly requests: Writable;
  private pending: Pending | undefined;
  private nextId = 1;
  private exited = false;
  readonly ready: Promise<void>;
  /** Number of actions this process has run. */
  runs = 0;

  constructor(
    python: string,
    hostDir: string,
    readonly pack: string,
    private readonly onExit: (p: PythonHostProcess) => void,
  ) {
    this.child = spawn(python, ["-u", `${hostDir}/orqc_python_host.py`], {
      stdio: ["ignore", "pipe", "pipe", "pipe", "pipe"],
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" },
    });
    this.requests = this.child.stdio[3] as Writable;
    this.requests.on("error", () => {});
    const responses = createInterface({ input: this.child.stdio[4] as Readable });
    let markReady!: () => void;
    let failReady!: (e: Error) => void;
    this.ready = new Promise((res, rej) => {
      markReady = res;
      failReady = rej;
    });
    this.ready.catch(() => {});
    responses.on("line", (line) => {
      const msg = parseValue<JsonObject>(line);
      if (msg.op === "ready") {
        // An idle warm process must not keep a CLI alive; run() holds a reference while busy.
        if (!this.pending) this.setRef(false);
        markReady();
      } else void this.onMessage(msg);
    });
    this.child.stdout!.on("data", (d: Buffer) => this.pending?.stdout.push(d.toString("utf8")));
    this.child.stderr!.on("data", (d: Buffer) => this.pending?.stderr.push(d.toString("utf8")));
    this.child.on("error", (e) => failReady(e));
    this.child.on("exit", (code, signal) => {
      this.exited = true;
      failReady(new Error(`python exited before it was ready (${signal ?? code})`));
      const p = this.pending;
      this.pending = undefined;
      if (p) {
        clearTimeout(p.timer);
        p.resolve({
          exitCode: signal ? -9 : (code ?? 1),
          hasResult: false,
          result: "None",
          status: null,
          invalidStatus: false,
          stdout: p.stdout.join(""),
          stderr: p.stderr.join(""),
          timedOut: p.timedOut,
          canceled: p.canceled,
        });
      }
      this.onExit(this);
    });
  }

  get alive(): boolean {
    return !this.exited;
  }

  get busy(): boolean {
    return this.pending !== undefined;
  }

  run(req: PythonRunRequest, onKv: KvCallHandler, signal?: AbortSignal): Promise<PythonRunOutcome> {
    if (this.pending) throw new Error("python host is busy");
    this.runs += 1;
    this.setRef(true);
    return new Promise((settle) => {
      const id = this.nextId++;
      const onAbort = () => {
        if (this.pending === pending) {
          pending.canceled = true;
          this.kill();
        }
      };
      // The signal lives as long as the execution: drop the listener when this run ends.
      const resolve = (outcome: PythonRunOutcome) => {
        signal?.removeEventListener("abort", onAbort);
        settle(outcome);
      };
      const pending: Pending = {
        id,
        resolve,
        onKv,
        stdout: [],
        stderr: [],
        timedOut: false,
        canceled: false,
      };
      this.pending = pending;
      if (req.timeout > 0) {
        pending.timer = setTimeout(() => {
          pending.timedOut = true;
          this.kill();
        }, req.timeout * 1000);
      }
      signal?.addEventListener("abort", onAbort, { once: true });
      this.send({
        id,
        op: "run",
        file: req.file,
        pack: req.pack,
        config: req.config,
        parameters: req.parameters,
        user: req.user,
        env: req.env ?? {},
        log_level: req.logLevel ?? "DEBUG",
      });
    });
  }

  private setRef(on: boolean): void {
    setChildRef(this.child, on);
  }

  kill(): void {
    if (!this.exited) this.child.kill("SIGKILL");
  }

  private send(msg: JsonObject): void {
    this.requests.write(`${stringifyValue(msg)}\n`);
  }

  private async onMessage(msg: JsonObject): Promise<void> {
    const p = this.pending;
    if (!p || msg.id !== p.id) return;
    if (msg.op === "kv") {
      try {
        this.send({ id: p.id, op: "kv_reply", ok: true, value: await p.onKv(msg) });
      } catch (err) {
        this.send({ id: p.id, op: "kv_reply", ok: false, error: (err as Error).message });
      }
      return;
    }
    if (msg.op !== "done") return;
    clearTimeout(p.timer);
    this.pending = undefined;
    this.setRef(false);
    p.resolve({
      exitCode: Number(msg.exit_code ?? 0),
      hasResult: msg.has_result === true,
      result: msg.has_result === true ? (msg.result ?? null) : "None",
      status: typeof msg.status === "boolean" ? msg.status : null,
      invalidStatus: msg.invalid_status === true,
      stdout: String(msg.stdout ?? "") + p.stdout.join(""),
      stderr: String(msg.stderr ?? "") + p.stderr.join(""),
      timedOut: false,
      canceled: false,
    });
  }
}
