// nodejs: a JavaScript or TypeScript module action, run in this process (no
// interpreter start at all). The module exports `run(params, context)` (or a
// default function); its return value is the result, a throw fails the
// action (an error's `result` property, if any, becomes the result). TS files
// are bundled by esbuild once per modification time. Result shape follows
// python-script: `{result, stdout, stderr, exit_code}`, where stderr holds
// what the action logged through `context.logger`.
//
// In-process means a timeout cannot stop the code: the action is reported as
// "timeout" and its late result is dropped.

import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { JsonObject, JsonValue } from "../backend/types";
import { DEFAULT_USER, type Runner, type RunnerContext, type RunnerResult } from "./types";

export interface NodeActionContext {
  readonly config: JsonObject;
  readonly user: string;
  readonly pack: string;
  readonly signal: AbortSignal;
  readonly logger: Record<"debug" | "info" | "warn" | "error", (message: string) => void>;
  readonly datastore: {
    get(name: string, options?: { decrypt?: boolean }): Promise<string | null>;
    set(name: string, value: string, options?: { ttl?: number; secret?: boolean }): Promise<void>;
    delete(name: string): Promise<boolean>;
  };
}

type NodeAction = (params: JsonObject, context: NodeActionContext) => unknown;

const modules = new Map<string, { mtime: number; run: NodeAction }>();
let buildDir: string | undefined;

export const nodejsRunner: Runner = {
  name: "nodejs",
  runnerParameters: { timeout: { type: "integer", default: 600 }, env: { type: "object" } },
  async run(params, ctx): Promise<RunnerResult> {
    const file = ctx.action?.entryPoint;
    if (!file)
      return {
        status: "failed",
        result: { error: "Action is missing entry_point attribute", traceback: "" },
      };
    const timeout = Number(params.timeout ?? 600);
    const logs: string[] = [];
    const controller = new AbortController();
    ctx.signal?.addEventListener("abort", () => controller.abort(), { once: true });
    let timer: NodeJS.Timeout | undefined;
    try {
      const action = await load(file);
      const { timeout: _t, env: _e, ...actionParams } = params;
      const work = Promise.resolve(action(actionParams, context(ctx, logs, controller.signal)));
      const expired = new Promise<"timeout">((resolve) => {
        timer = setTimeout(() => resolve("timeout"), timeout * 1000);
      });
      const value = await Promise.race([work, expired]);
      if (value === "timeout") {
        controller.abort();
        const error = `Action failed to complete in ${timeout} seconds`;
        return {
          status: "timeout",
          result: { result: null, stdout: "", stderr: logs.join(""), exit_code: -9, error },
        };
      }
      return {
        status: "succeeded",
        result: { result: toJson(value), stdout: "", stderr: logs.join(""), exit_code: 0 },
      };
    } catch (err) {
      const e = err as Error & { result?: unknown };
      logs.push(`${e?.stack ?? String(err)}\n`);
      const result = e && "result" in e ? toJson(e.result) : "None";
      return {
        status: ctx.signal?.aborted ? "canceled" : "failed",
        result: { result, stdout: "", stderr: logs.join(""), exit_code: 1 },
      };
    } finally {
      clearTimeout(timer);
    }
  },
};

async function load(file: string): Promise<NodeAction> {
  const mtime = statSync(file).mtimeMs;
  const cached = modules.get(file);
  if (cached && cached.mtime === mtime) return cached.run;
  let target = file;
  if (/\.(ts|mts|cts|tsx)$/.test(file)) {
    const { build } = await import("esbuild");
    if (!buildDir) {
      const dir = mkdtempSync(join(tmpdir(), "orqc-nodejs-"));
      buildDir = dir;
      process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
    }
    target = join(buildDir, `${modules.size}-${Math.round(mtime)}.mjs`);
    await build({
      entryPoints: [file],
      outfile: target,
      bundle: true,
      platform: "node",
      format: "esm",
      packages: "external",
      logLevel: "silent",
    });
  }
  const mod = (await import(`${pathToFileURL(target).href}?v=${Math.round(mtime)}`)) as Record<
    string,
    unknown
  >;
  const run = (typeof mod.run === "function" ? mod.run : mod.default) as NodeAction | undefined;
  if (typeof run !== "function") throw new Error(`${file} exports neither run() nor a default function`);
  modules.set(file, { mtime, run });
  return run;
}

function context(ctx: RunnerContext, logs: string[], signal: AbortSignal): NodeActionContext {
  const log = (level: string) => (message: string) => {
    logs.push(
      `${new Date().toISOString()} ${level.toUpperCase()} ${ctx.secrets ? ctx.secrets.maskText(message) : message}\n`,
    );
  };
  const ds = () => {
    if (!ctx.datastore) throw new Error("no datastore is configured for this action run");
    return ctx.datastore;
  };
  return {
    config: ctx.config ?? {},
    user: ctx.user ?? DEFAULT_USER,
    pack: ctx.action?.pack ?? "",
    signal,
    logger: { debug: log("debug"), info: log("info"), warn: log("warning"), error: log("error") },
    datastore: {
      get: async (name, o = {}) => (await ds().get({ scope: "system", name }, o))?.value ?? null,
      set: async (name, value, o = {}) => {
        await ds().set({ scope: "system", name, value, ...o });
      },
      delete: (name) => ds().delete({ scope: "system", name }),
    },
  };
}

function toJson(value: unknown): JsonValue {
  if (value === undefined) return null;
  try {
    return JSON.parse(JSON.stringify(value)) as JsonValue;
  } catch {
    return String(value);
  }
}
