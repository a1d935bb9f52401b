// Every subcommand registers itself here, one line each.

import type { Command } from "commander";

export function registerCommands(_program: Command): void {}
