#!/usr/bin/env node
// `npm run demo` (after the build): compiles the example packs into
// out/examples, starts the example's ITSM service, runs one monitoring.host_check
// on the embedded runtime at a short time scale, printing the task trace (every
// task under its original name, inlined sub-workflow tasks and folded noops
// included) and the output, then the ITSM calls it made, and stops the service.
// Host win-srv-04 (Windows, Jira): its ping shows 40 % loss, so threshold_check
// waits and pings again, then the incident is closed. No SSH is needed.

import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const cli = join(root, "bin", "orqc.js");
const scale = process.env.ORQC_TIME_SCALE ?? "0.05";
const host = process.env.DEMO_HOST ?? "win-srv-04";
const incident = process.env.DEMO_INCIDENT ?? "OPS-104";
const work = mkdtempSync(join(tmpdir(), "orqc-demo-"));

function step(text) {
  process.stdout.write(`\n== ${text}\n`);
}

function startItsm() {
  const child = spawn("python3", [join(root, "examples", "itsm-service", "server.py"), "0"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((ok, fail) => {
    let out = "";
    child.once("error", fail);
    child.once("exit", (code) => fail(new Error(`the ITSM service exited (${code})`)));
    child.stdout.on("data", (d) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        child.removeAllListeners("exit");
        ok({ child, url: m[1].replace(/\/$/, "") });
      }
    });
  });
}

async function main() {
  step("orqc compile examples -o out/examples --report");
  const compiled = spawnSync(
    process.execPath,
    [cli, "compile", "examples", "-o", "out/examples", "--force", "--report"],
    {
      cwd: root,
      stdio: "inherit",
    },
  );
  if (compiled.status !== 0) throw new Error(`orqc compile exited ${compiled.status}`);

  const itsm = await startItsm();
  try {
    step(`ITSM service on ${itsm.url}; running monitoring.host_check for ${host} (ORQC_TIME_SCALE=${scale})`);
    const args = ["run", "monitoring.host_check", "--bundles", "out/examples", "--packs", "examples"];
    args.push(
      "-p",
      `host=${host}`,
      "-p",
      `incident_id=${incident}`,
      "-p",
      `db_url=${join(work, "monitoring.sqlite")}`,
    );
    process.stdout.write(`orqc ${args.join(" ")}\n\n`);
    const run = spawnSync(process.execPath, [cli, ...args], {
      cwd: root,
      stdio: "inherit",
      env: {
        ...process.env,
        ORQC_TIME_SCALE: scale,
        ITSM_SERVICE_URL: itsm.url,
        ORQC_HOME: join(work, "home"),
        ORQC_LOG_LEVEL: process.env.ORQC_LOG_LEVEL ?? "error",
      },
    });
    step("ITSM calls recorded by the service (GET /calls)");
    const calls = await (await fetch(`${itsm.url}/calls`)).json();
    for (const c of calls) process.stdout.write(`  ${c.status} ${c.method} ${c.path}\n`);
    if (run.status !== 0) throw new Error(`orqc run exited ${run.status}`);
  } finally {
    itsm.child.kill("SIGTERM");
    rmSync(work, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`demo: ${err.message}\n`);
    process.exit(1);
  },
);
