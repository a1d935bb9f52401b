// Every subcommand registers itself here, one line each.

import type { Command } from "commander";
import { registerCheck } from "./check";
import { registerCompile } from "./compile";
import { registerControl } from "./control";
import { registerDaemon } from "./daemon";
import { registerEval } from "./eval";
import { registerExecutions } from "./executions";
import { registerGraph } from "./graph";
import { registerInquiry } from "./inquiry";
import { registerKv } from "./kv";
import { registerPurge } from "./purge";
import { registerRerun } from "./rerun";
import { registerRun } from "./run";
import { registerSimulate } from "./simulate";
import { registerStatus } from "./status";
import { registerWorker } from "./worker";

export function registerCommands(program: Command): void {
  registerCheck(program);
  registerCompile(program);
  registerGraph(program);
  registerEval(program);
  registerSimulate(program);
  registerKv(program);
  registerRun(program);
  registerRerun(program);
  registerStatus(program);
  registerExecutions(program);
  registerControl(program);
  registerInquiry(program);
  registerPurge(program);
  registerWorker(program);
  registerDaemon(program);
}
