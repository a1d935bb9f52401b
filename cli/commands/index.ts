// Every subcommand registers itself here, one line each.

import type { Command } from "commander";
import { registerCheck } from "./check";
import { registerCompile } from "./compile";
import { registerGraph } from "./graph";
import { registerEval } from "./eval";
import { registerKv } from "./kv";
import { registerSimulate } from "./simulate";

export function registerCommands(program: Command): void {
  registerCheck(program);
  registerCompile(program);
  registerGraph(program);
  registerEval(program);
  registerSimulate(program);
  registerKv(program);
}
