// The example's ITSM service (examples/itsm-service/server.py) as a child
// process on a free port: start, forget recorded calls, read them, stop.

import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { examplesDir } from "./paths";

export interface ItsmCall {
  readonly method: string;
  readonly path: string;
  readonly tool?: string;
  readonly incident_id?: string;
  readonly status?: number;
}

export interface ItsmService {
  readonly url: string;
  readonly pid: number;
  calls(): Promise<ItsmCall[]>;
  reset(): Promise<void>;
  stop(): Promise<void>;
}

export function startItsmService(): Promise<ItsmService> {
  const child: ChildProcess = spawn("python3", [join(examplesDir, "itsm-service", "server.py"), "0"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
    child.once("exit", (code) => reject(new Error(`ITSM service exited (${code}): ${err.trim()}`)));
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (!m) return;
      child.removeAllListeners("exit");
      child.stdout!.removeAllListeners("data");
      child.stdout!.resume();
      const url = m[1]!.replace(/\/$/, "");
      resolve({
        url,
        pid: child.pid ?? 0,
        async calls() {
          const res = await fetch(`${url}/calls`);
          return (await res.json()) as ItsmCall[];
        },
        async reset() {
          await fetch(`${url}/calls`, { method: "DELETE" });
        },
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once("exit", () => done());
            child.kill("SIGTERM");
          }),
      });
    });
  });
}
