// The runners' own parameters, as declared in st2's runner.yaml files: the
// defaults the parameter layer applies, and the names script runners must not
// pass to a script as arguments.

import type { JsonObject } from "../backend/types";
import type { ParamMeta } from "./types";

const secret = (type: string): ParamMeta => ({ type, secret: true });

export const LOCAL_SHELL_PARAMS: Readonly<Record<string, ParamMeta>> = {
  cmd: { type: "string" },
  cwd: { type: "string" },
  env: { type: "object" },
  kwarg_op: { type: "string", default: "--" },
  sudo: { type: "boolean", default: false },
  sudo_password: { ...secret("string"), default: null },
  timeout: { type: "integer", default: 60 },
};

export const LOCAL_SCRIPT_PARAMS: Readonly<Record<string, ParamMeta>> = {
  ...Object.fromEntries(Object.entries(LOCAL_SHELL_PARAMS).filter(([k]) => k !== "cmd")),
  debug: { type: "boolean", default: false },
  content_version: { type: "string" },
};

export const REMOTE_SHELL_PARAMS: Readonly<Record<string, ParamMeta>> = {
  bastion_host: { type: "string" },
  cmd: { type: "string" },
  cwd: { type: "string", default: "/tmp" },
  dir: { type: "string", default: "/tmp", immutable: true },
  env: { type: "object" },
  hosts: { type: "string", required: true },
  kwarg_op: { type: "string", default: "--" },
  parallel: { type: "boolean", default: false, immutable: true },
  passphrase: secret("string"),
  password: secret("string"),
  port: { type: "integer" },
  private_key: secret("string"),
  sudo: { type: "boolean", default: false },
  sudo_password: { ...secret("string"), default: null },
  timeout: { type: "integer", default: 60 },
  username: { type: "string" },
};

export const REMOTE_SCRIPT_PARAMS: Readonly<Record<string, ParamMeta>> = {
  ...Object.fromEntries(Object.entries(REMOTE_SHELL_PARAMS).filter(([k]) => k !== "cmd")),
  dir: { type: "string", default: "/tmp" },
};

export const HTTP_PARAMS: Readonly<Record<string, ParamMeta>> = {
  allow_redirects: { type: "boolean", default: false },
  cookies: { type: "object" },
  headers: { type: "object" },
  http_proxy: { type: "string" },
  https_proxy: { type: "string" },
  password: secret("string"),
  url: { type: "string", required: true },
  username: { type: "string" },
  verify_ssl_cert: { type: "boolean", default: true },
  url_hosts_blacklist: { type: "array" },
  url_hosts_whitelist: { type: "array" },
  // core.http's action parameters, handled by the runner itself.
  auth: { type: "string" },
  body: { type: "string" },
  method: { type: "string" },
  params: { type: "object" },
  timeout: { type: "number", default: 60 },
};

export const PYTHON_PARAMS: Readonly<Record<string, ParamMeta>> = {
  debug: { type: "boolean", default: false },
  content_version: { type: "string" },
  env: { type: "object" },
  timeout: { type: "integer", default: 600 },
  log_level: { type: "string", default: "DEBUG" },
};

/** StackStorm's default response schema of core.ask: one required boolean, `continue`. */
export const DEFAULT_INQUIRY_SCHEMA: JsonObject = {
  type: "object",
  properties: {
    continue: { type: "boolean", description: "Would you like to continue the workflow?", required: true },
  },
  required: ["continue"],
};

export const INQUIRER_PARAMS: Readonly<Record<string, ParamMeta>> = {
  schema: { type: "object", default: DEFAULT_INQUIRY_SCHEMA },
  roles: { type: "array", default: [] },
  users: { type: "array", default: [] },
  route: { type: "string", default: "" },
  ttl: { type: "integer", default: 1440 },
};

/** Runner defaults under the given parameters (the parameter layer normally does this). */
export function withDefaults(
  params: Readonly<Record<string, unknown>>,
  meta: Readonly<Record<string, ParamMeta>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, m] of Object.entries(meta)) if (m.default !== undefined) out[name] = m.default;
  for (const [name, v] of Object.entries(params)) if (v !== undefined) out[name] = v;
  return out;
}
