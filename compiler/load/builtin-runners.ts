// Parameters of StackStorm's runners (st2 contrib/runners/*/runner.yaml, summarised):
// what an action inherits besides its own parameters. Data only.

import type { ParamSpec } from "./action-types";

/** What both local shell runners take. */
const LOCAL_SHELL: Readonly<Record<string, ParamSpec>> = {
  cwd: { type: "string" },
  env: { type: "object" },
  kwarg_op: { type: "string", hasDefault: true },
  sudo: { type: "boolean", hasDefault: true },
  sudo_password: { type: "string", hasDefault: true },
  timeout: { type: "integer", hasDefault: true },
};

/** What the three WinRM runners take. */
const WINRM: Readonly<Record<string, ParamSpec>> = {
  cwd: { type: "string" },
  env: { type: "object" },
  host: { type: "string", required: true },
  kwarg_op: { type: "string", hasDefault: true },
  password: { type: "string", required: true },
  port: { type: "integer", hasDefault: true },
  scheme: { type: "string", hasDefault: true },
  timeout: { type: "integer", hasDefault: true },
  transport: { type: "string", hasDefault: true },
  username: { type: "string", required: true },
  verify_ssl_cert: { type: "boolean", hasDefault: true },
};

export const RUNNER_PARAMETERS: Readonly<Record<string, Readonly<Record<string, ParamSpec>>>> = {
  "action-chain": {
    display_published: { type: "boolean", hasDefault: true },
    skip_notify: { type: "array", hasDefault: true },
  },
  announcement: {
    experimental: { type: "boolean", required: true, hasDefault: true },
    route: { type: "string", hasDefault: true },
  },
  "http-request": {
    allow_redirects: { type: "boolean", hasDefault: true },
    cookies: { type: "object" },
    headers: { type: "object" },
    http_proxy: { type: "string" },
    https_proxy: { type: "string" },
    password: { type: "string" },
    url: { type: "string", required: true },
    username: { type: "string" },
    verify_ssl_cert: { type: "boolean", hasDefault: true },
    url_hosts_blacklist: { type: "array" },
    url_hosts_whitelist: { type: "array" },
  },
  inquirer: {
    schema: { type: "object", required: true, hasDefault: true },
    route: { type: "string", hasDefault: true },
    roles: { type: "array", hasDefault: true },
    users: { type: "array", hasDefault: true },
    ttl: { type: "integer", required: true, hasDefault: true },
  },
  "local-shell-cmd": {
    cmd: { type: "string" },
    ...LOCAL_SHELL,
  },
  "local-shell-script": {
    debug: { type: "boolean", hasDefault: true },
    content_version: { type: "string" },
    ...LOCAL_SHELL,
  },
  noop: {},
  orquesta: {
    notify: { type: "array", hasDefault: true },
  },
  "python-script": {
    debug: { type: "boolean", hasDefault: true },
    content_version: { type: "string" },
    env: { type: "object" },
    timeout: { type: "integer", hasDefault: true },
    log_level: { type: "string", hasDefault: true },
  },
  "remote-shell-cmd": {
    bastion_host: { type: "string" },
    cmd: { type: "string" },
    cwd: { type: "string", hasDefault: true },
    dir: { type: "string", hasDefault: true, immutable: true },
    env: { type: "object" },
    hosts: { type: "string", required: true },
    kwarg_op: { type: "string", hasDefault: true },
    parallel: { type: "boolean", hasDefault: true, immutable: true },
    passphrase: { type: "string" },
    password: { type: "string" },
    port: { type: "integer" },
    private_key: { type: "string" },
    sudo: { type: "boolean", hasDefault: true },
    sudo_password: { type: "string", hasDefault: true },
    timeout: { type: "integer", hasDefault: true },
    username: { type: "string" },
  },
  "remote-shell-script": {
    bastion_host: { type: "string" },
    cwd: { type: "string", hasDefault: true },
    dir: { type: "string", hasDefault: true },
    env: { type: "object" },
    hosts: { type: "string", required: true },
    kwarg_op: { type: "string", hasDefault: true },
    parallel: { type: "boolean", hasDefault: true, immutable: true },
    passphrase: { type: "string" },
    password: { type: "string" },
    port: { type: "integer" },
    private_key: { type: "string" },
    sudo: { type: "boolean", hasDefault: true },
    sudo_password: { type: "string", hasDefault: true },
    timeout: { type: "integer", hasDefault: true },
    username: { type: "string" },
  },
  "winrm-cmd": {
    cmd: { type: "string" },
    ...WINRM,
  },
  "winrm-ps-cmd": {
    cmd: { type: "string" },
    ...WINRM,
  },
  "winrm-ps-script": {
    ...WINRM,
  },
};

/** Old runner names StackStorm still accepts, mapped to the current ones. */
export const RUNNER_ALIASES: Readonly<Record<string, string>> = {
  "run-local": "local-shell-cmd",
  "run-local-script": "local-shell-script",
  "run-remote": "remote-shell-cmd",
  "run-remote-script": "remote-shell-script",
  "run-python": "python-script",
  "http-runner": "http-request",
  "windows-cmd": "winrm-cmd",
  "windows-script": "winrm-ps-script",
};
