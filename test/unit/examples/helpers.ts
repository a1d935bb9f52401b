// Shared test helpers for the example packs: paths, YAML loading (YAML 1.1, as
// StackStorm's PyYAML reads it), pack configs with schema defaults, and running a
// Python action through the test-only st2 shim.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, "../../..");
export const examplesDir = join(repoRoot, "examples");
export const shimRunner = join(here, "shim", "run_action.py");
export const PACKS = ["monitoring", "itsm", "sql"] as const;
export type PackName = (typeof PACKS)[number];

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function loadYaml(path: string): Json {
  return parse(readFileSync(path, "utf8"), { version: "1.1" }) as Json;
}

export function asObject(value: Json | undefined): JsonObject {
  if (value === null || value === undefined || typeof value !== "object" || Array.isArray(value)) {
    throw new Error(`expected a mapping, got ${JSON.stringify(value)}`);
  }
  return value;
}

export function actionMetaFiles(pack: PackName): string[] {
  const dir = join(examplesDir, pack, "actions");
  return readdirSync(dir)
    .filter((name) => name.endsWith(".yaml"))
    .map((name) => join(dir, name));
}

export function actionMeta(pack: PackName, name: string): JsonObject {
  return asObject(loadYaml(join(examplesDir, pack, "actions", `${name}.yaml`)));
}

/** The pack config as StackStorm builds it: config.schema.yaml defaults under configs/<pack>.yaml. */
export function packConfig(pack: PackName, overrides: JsonObject = {}): JsonObject {
  const schema = asObject(loadYaml(join(examplesDir, pack, "config.schema.yaml")));
  const config: JsonObject = {};
  for (const [key, spec] of Object.entries(schema)) {
    const def = asObject(spec).default;
    if (def !== undefined) config[key] = def;
  }
  const file = join(examplesDir, "configs", `${pack}.yaml`);
  if (existsSync(file)) Object.assign(config, asObject(loadYaml(file)));
  return { ...config, ...overrides };
}

export interface ActionRun {
  status: string;
  result: Json;
  error?: string;
  stderr: string;
  exitCode: number | null;
}

export interface RunOptions {
  config?: JsonObject;
  datastore?: string;
  env?: Record<string, string>;
}

/** Run pack.name (a python-script action) like the python runner does, with the test shim. */
export function runAction(
  pack: PackName,
  name: string,
  params: JsonObject,
  opts: RunOptions = {},
): ActionRun {
  const meta = actionMeta(pack, name);
  if (meta.runner_type !== "python-script") throw new Error(`${pack}.${name} is not a python-script action`);
  const entry = join(examplesDir, pack, "actions", String(meta.entry_point));
  const args = [shimRunner, entry, "--params", JSON.stringify(params), "--pack", pack];
  args.push("--config", JSON.stringify(opts.config ?? packConfig(pack)));
  if (opts.datastore) args.push("--datastore", opts.datastore);
  const proc = spawnSync("python3", args, {
    encoding: "utf8",
    env: { ...process.env, ...opts.env },
    timeout: 60_000,
  });
  const lines = proc.stdout.trim().split("\n");
  const last = JSON.parse(lines[lines.length - 1] ?? "{}") as {
    status: string;
    result: Json;
    error?: string;
  };
  return { ...last, stderr: proc.stderr, exitCode: proc.status };
}

/** runAction without blocking, for concurrency tests. */
export function runActionAsync(
  pack: PackName,
  name: string,
  params: JsonObject,
  opts: RunOptions = {},
): Promise<ActionRun> {
  const meta = actionMeta(pack, name);
  const entry = join(examplesDir, pack, "actions", String(meta.entry_point));
  const args = [shimRunner, entry, "--params", JSON.stringify(params), "--pack", pack];
  args.push("--config", JSON.stringify(opts.config ?? packConfig(pack)));
  if (opts.datastore) args.push("--datastore", opts.datastore);
  const proc = spawn("python3", args, { env: { ...process.env, ...opts.env } });
  let stdout = "";
  let stderr = "";
  proc.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  proc.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done) => {
    proc.on("close", (code) => {
      const lines = stdout.trim().split("\n");
      const last = JSON.parse(lines[lines.length - 1] || "{}") as {
        status: string;
        result: Json;
        error?: string;
      };
      done({ ...last, stderr, exitCode: code });
    });
  });
}

export interface ShellRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function shell(cmd: string, env: Record<string, string> = {}): ShellRun {
  const proc = spawnSync("sh", ["-c", cmd], {
    encoding: "utf8",
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
  return { code: proc.status, stdout: proc.stdout, stderr: proc.stderr };
}

export function python(code: string, args: string[] = []): string {
  const proc = spawnSync("python3", ["-c", code, ...args], { encoding: "utf8", timeout: 60_000 });
  if (proc.status !== 0) throw new Error(`python failed: ${proc.stderr}`);
  return proc.stdout;
}

export interface ItsmService {
  url: string;
  proc: ChildProcess;
  stop(): Promise<void>;
}

/** Start examples/itsm-service/server.py on a free port (port 0) and wait for its banner. */
export function startItsmService(): Promise<ItsmService> {
  const proc = spawn("python3", [join(examplesDir, "itsm-service", "server.py"), "0"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stop = () =>
    new Promise<void>((done) => {
      if (proc.exitCode !== null) return done();
      proc.once("exit", () => done());
      proc.kill("SIGTERM");
    });
  return new Promise((resolveStart, rejectStart) => {
    let seen = "";
    const timer = setTimeout(() => rejectStart(new Error(`itsm service did not start: ${seen}`)), 10_000);
    proc.stdout?.on("data", (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolveStart({ url: match[1]!, proc, stop });
      }
    });
    proc.once("exit", (code) => {
      clearTimeout(timer);
      rejectStart(new Error(`itsm service exited with ${code}: ${seen}`));
    });
  });
}
