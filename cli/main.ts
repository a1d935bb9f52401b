// The orqc command line: parses flags, calls the library, prints, sets the exit code.
// Exit codes: 0 ok, 1 problems found in the input, 2 usage error.

import { Command, CommanderError } from "commander";
import { registerCommands } from "./commands/index";
import { VERSION } from "./version";

export function buildProgram(): Command {
  const program = new Command("orqc")
    .description("Compile StackStorm Orquesta workflows into flat TypeScript action bundles, and run them.")
    .version(VERSION, "-V, --version")
    .showHelpAfterError()
    .exitOverride()
    // A command's own usage line (run, rerun and graph check their positional themselves, see reclaim-positional).
    .configureHelp({ subcommandTerm: (cmd) => `${cmd.name()} ${cmd.usage()}` });
  registerCommands(program);
  return program;
}

async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here with exit code 0; usage errors with 2.
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      return;
    }
    throw err;
  }
}

// A reader that closes early (`orqc ... | head`) is not an error: stop quietly, as Unix tools do.
for (const stream of [process.stdout, process.stderr])
  stream.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw err;
  });

main(process.argv).catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`orqc: internal error: ${message}\n`);
  if (process.env.ORQC_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  process.exitCode = 70;
});
