// The launcher's own program (plain CommonJS for `node FILE`), kept as text
// so the bundled CLI needs no extra file; launcher.ts writes it to a private
// temp folder once per process. It starts commands for its parent and
// reports how they ended, one JSON line per request and per answer:
//
//   in:  {op: "run", id, command, args, cwd?, env?: {set, unset}, stdin?}
//        {op: "kill", id}                 SIGKILL to the command's process group
//   out: {op: "ready"}
//        {op: "done", id, exitCode, stdout, stderr, error?}
//
// `env` is a difference from the environment the launcher started with (its
// parent's at that time). When its stdin closes (the parent is gone), it kills
// every command still running and exits. JavaScript, not TypeScript: edit with
// care (no backticks, no dollar-brace).

export const LAUNCHER_SOURCE = String.raw`"use strict";
const { spawn } = require("node:child_process");
const { constants } = require("node:os");
const { createInterface } = require("node:readline");

const baseEnv = Object.assign({}, process.env);
const running = new Map();

function send(msg) {
  process.stdout.write(JSON.stringify(msg) + "\n");
}

function killGroup(child) {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
  } catch (e) {
    try { child.kill("SIGKILL"); } catch (e2) {}
  }
}

function envOf(diff) {
  if (!diff) return baseEnv;
  const env = Object.assign({}, baseEnv);
  for (const k of diff.unset) delete env[k];
  return Object.assign(env, diff.set);
}

function start(req) {
  const out = [];
  const err = [];
  let finished = false;
  const finish = (exitCode, error) => {
    if (finished) return;
    finished = true;
    running.delete(req.id);
    const msg = {
      op: "done",
      id: req.id,
      exitCode,
      stdout: Buffer.concat(out).toString("utf8"),
      stderr: Buffer.concat(err).toString("utf8"),
    };
    if (error) msg.error = error;
    send(msg);
  };
  let child;
  try {
    child = spawn(req.command, req.args || [], {
      cwd: req.cwd,
      env: envOf(req.env),
      detached: true,
      stdio: ["pipe", "pipe", "pipe"],
    });
  } catch (e) {
    finish(127, String(e && e.message));
    return;
  }
  running.set(req.id, child);
  child.stdout.on("data", (d) => out.push(d));
  child.stderr.on("data", (d) => err.push(d));
  child.stdin.on("error", () => {});
  child.stdin.end(req.stdin || "");
  child.on("error", (e) => finish(127, e.message));
  child.on("close", (code, signal) => {
    if (signal) finish(-(constants.signals[signal] || 1));
    else finish(code === null ? 1 : code);
  });
}

const lines = createInterface({ input: process.stdin });
lines.on("line", (line) => {
  const req = JSON.parse(line);
  if (req.op === "run") start(req);
  else if (req.op === "kill") {
    const child = running.get(req.id);
    if (child) killGroup(child);
  }
});
lines.on("close", () => {
  for (const child of running.values()) killGroup(child);
  process.exit(0);
});
process.stdout.on("error", () => process.exit(0));
send({ op: "ready" });
`;
