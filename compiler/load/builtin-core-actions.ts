// StackStorm's core pack (st2 contrib/core/actions/*.yaml, summarised): always
// available, so workflows calling core.* check without the core pack loaded. Data only.

import type { ParamSpec } from "./action-types";

export interface BuiltinAction {
  readonly runnerType: string;
  readonly parameters: Readonly<Record<string, ParamSpec>>;
}

export const CORE_ACTIONS: Readonly<Record<string, BuiltinAction>> = {
  "core.announcement": {
    runnerType: "announcement",
    parameters: {
      experimental: { hasDefault: true, immutable: true },
      message: { type: "object" },
    },
  },
  "core.ask": {
    runnerType: "inquirer",
    parameters: {},
  },
  "core.echo": {
    runnerType: "local-shell-cmd",
    parameters: {
      message: { type: "string", required: true },
      cmd: { type: "string", required: true, hasDefault: true, immutable: true },
      kwarg_op: { immutable: true },
      sudo: { hasDefault: true, immutable: true },
      sudo_password: { immutable: true },
    },
  },
  "core.error": {
    runnerType: "local-shell-cmd",
    parameters: {
      message: { type: "string", required: true },
      cmd: { type: "string", required: true, hasDefault: true, immutable: true },
      kwarg_op: { immutable: true },
      sudo: { hasDefault: true, immutable: true },
      sudo_password: { immutable: true },
    },
  },
  "core.http": {
    runnerType: "http-request",
    parameters: {
      auth: { type: "string" },
      body: { type: "string" },
      file_content: { type: "string" },
      file_content_type: { type: "string" },
      file_name: { type: "string" },
      file_path: { type: "string" },
      headers: { type: "object" },
      method: { type: "string" },
      params: { type: "object" },
      timeout: { type: "number", hasDefault: true },
    },
  },
  "core.inject_trigger": {
    runnerType: "python-script",
    parameters: {
      trigger: { type: "string" },
      trigger_name: { type: "string" },
      payload: { type: "object" },
      trace_tag: { type: "string" },
    },
  },
  "core.local": {
    runnerType: "local-shell-cmd",
    parameters: {
      cmd: { type: "string", required: true },
      sudo: { immutable: true },
    },
  },
  "core.local_sudo": {
    runnerType: "local-shell-cmd",
    parameters: {
      cmd: { type: "string", required: true },
      sudo: { hasDefault: true, immutable: true },
    },
  },
  "core.noop": {
    runnerType: "noop",
    parameters: {},
  },
  "core.pause": {
    runnerType: "python-script",
    parameters: {
      max_pause: { type: "integer", required: true },
      random: { type: "boolean", hasDefault: true },
    },
  },
  "core.remote": {
    runnerType: "remote-shell-cmd",
    parameters: {
      cmd: { type: "string", required: true },
      sudo: { immutable: true },
    },
  },
  "core.remote_sudo": {
    runnerType: "remote-shell-cmd",
    parameters: {
      cmd: { type: "string", required: true },
      sudo: { hasDefault: true, immutable: true },
    },
  },
  "core.sendmail": {
    runnerType: "local-shell-script",
    parameters: {
      sendmail_binary: { type: "string", hasDefault: true },
      from: { type: "string", hasDefault: true },
      to: { type: "string", required: true },
      subject: { type: "string", required: true },
      send_empty_body: { type: "boolean", hasDefault: true },
      content_type: { type: "string", hasDefault: true },
      body: { type: "string", required: true },
      sudo: { immutable: true },
      attachments: { type: "string" },
    },
  },
  "core.uuid": {
    runnerType: "python-script",
    parameters: {
      uuid_type: { type: "string", hasDefault: true },
    },
  },
  "core.winrm_cmd": {
    runnerType: "winrm-cmd",
    parameters: {
      cmd: { type: "string", required: true },
    },
  },
  "core.winrm_ps_cmd": {
    runnerType: "winrm-ps-cmd",
    parameters: {
      cmd: { type: "string", required: true },
    },
  },
};
