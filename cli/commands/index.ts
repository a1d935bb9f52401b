// Every subcommand registers itself here, one line each.

import type { Command } from "commander";
import { registerCheck } from "./check";
import { registerCompile } from "./compile";
import { registerGraph } from "./graph";
import { registerEval } from "./eval";
import { registerKv } from "./kv";
import { registerSimulate } from "./simulate";
import { registerControl } from "./control";
import { registerDaemon } from "./daemon";
import { registerExecutions } from "./executions";
import { registerRun } from "./run";
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
  registerStatus(program);
  registerExecutions(program);
  registerControl(program);
  registerWorker(program);
  registerDaemon(program);
}
